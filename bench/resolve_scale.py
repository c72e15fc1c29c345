"""Entity resolution's share of a refresh, on filled stores, as `name = value` lines.

    python bench/resolve_scale.py [--stores 300,3000] [--new 100] [--keep DIR] [--repeat 2]

Each store is filled as bench/scale.py fills its stores (cloned analyses of generated
stories, no NLP), its graph computed once, then `--new` generated stories ingested (NLP
included, untimed here). The figures are then the entities step as a refresh runs it:
reading the mentions and story texts, and `resolve_entities` over them, timed apart,
best of `--repeat` runs. With `--keep`, the filled stores are kept in DIR and reused by
the next run (so a before/after pair resolves the very same store).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

from scale import analysed_templates, fill, make_corpus, report
from threadline.graph.steps import Inputs
from threadline.resolve import resolve_entities
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import vocabulary_of
from threadline.workflow import ingest, refresh_derived


def filled_store(folder: Path, size: int, new: int) -> Store:
    """The store of `size` cloned documents plus `new` ingested ones, made once per folder."""
    path = folder / f"resolve-filled-{size}-{new}.db"
    if path.exists():
        return Store(f"sqlite:///{path}")
    settings = Settings()
    building = folder / f"building-{size}-{new}.db"
    building.unlink(missing_ok=True)
    store = Store(f"sqlite:///{building}")
    fill(store, _templates(folder), size)
    refresh_derived(store, settings)
    fresh, _ = make_corpus(folder, new, seed=99)
    ingest([str(fresh)], store, settings)
    store.engine.dispose()
    building.rename(path)
    return Store(f"sqlite:///{path}")


@cache
def _templates(folder: Path) -> list:
    return analysed_templates(folder, 200)


def time_resolution(store: Store, size: int, repeat: int) -> None:
    """The entities step's reads and resolution, best of `repeat`."""
    settings = Settings()
    vocabulary = vocabulary_of(settings.data_dir)
    reads, resolves = [], []
    for _ in range(repeat):
        inputs = Inputs(store, settings, vocabulary)
        started = time.perf_counter()
        mentions, texts = inputs.mentions, inputs.texts
        judgements = store.judgements()
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        resolution = resolve_entities(
            mentions, texts, inputs.known, judgements, vocabulary.lexicon, inputs.failures
        )
        resolves.append(time.perf_counter() - started)
    report(f"resolve_{size}.mentions", len(mentions))
    report(f"resolve_{size}.entities", len(resolution.entities))
    report(f"resolve_{size}.decisions", len(resolution.decisions))
    report(f"resolve_{size}.read_seconds", min(reads))
    report(f"resolve_{size}.resolve_seconds", min(resolves))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stores", default="300,3000", help="sizes of the filled stores, comma-separated")
    parser.add_argument("--new", type=int, default=100, help="new stories ingested into each filled store")
    parser.add_argument("--keep", type=Path, help="a folder to keep the filled stores in, and reuse")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in (int(s) for s in args.stores.split(",")):
            time_resolution(filled_store(folder, size, args.new), size, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
