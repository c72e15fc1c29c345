"""Entity resolution's share of a refresh, on filled stores, as `name = value` lines.

    python bench/resolve_scale.py [--stores 300,3000] [--new 100] [--keep DIR] [--repeat 2]

Each store is filled as bench/scale.py fills its stores (cloned analyses of generated
stories, no NLP), its graph computed once, then `--new` generated stories ingested (NLP
included, untimed here). The figures are then the entities step as the refresh after
that ingest runs it, the new stories' kept cues dropped again: reading the mentions and
story texts (shared with the other steps), then the other stories' kept cues read back,
the new ones' texts read and `resolve_entities`, timed apart, best of `--repeat` runs.
With `--keep`, the filled stores are kept in DIR and reused by the next run.

    python bench/resolve_scale.py --by-region [--stores 1000,10000] [--new 100]

times the entities step itself (graph/steps.py) in the refresh right after `--new`
stories are written into a filled, refreshed store: as a refresh runs it (the new
stories' region redone where it is small, graph/resolve_region.py), with the region
redone whatever its size, then resolving the corpus whole, on the same store, and
says whether they give the same rows.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from functools import cache, partial
from pathlib import Path

from sqlalchemy import delete, select

from scale import analysed_templates, fill, make_corpus, report
from threadline.graph import resolve_region, steps
from threadline.graph.cues import story_texts
from threadline.graph.steps import Inputs, entities_step
from threadline.ingest import read_inputs
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document
from threadline.refresh import refresh_derived
from threadline.resolve import resolve_entities
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.vocabulary import using, vocabulary_of
from threadline.workflow import Analysed, analyse_document, ingest, store_analysed


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


def forget_newest_cues(store: Store, stories: int) -> None:
    """Drop the kept cues of the newest documents' `stories` stories: as a refresh right
    after they were ingested finds them."""
    newest = (
        select(t.stories.c.id)
        .join(t.documents, t.documents.c.id == t.stories.c.document_id)
        .order_by(t.documents.c.seq.desc(), t.stories.c.id)
        .limit(stories)
    )
    with store.transaction() as conn:
        ids = list(conn.execute(newest).scalars())
        conn.execute(delete(t.story_cues).where(t.story_cues.c.story_id.in_(ids)))


def time_resolution(store: Store, size: int, new: int, repeat: int) -> None:
    """The entities step as a refresh after ingesting `new` stories runs it (the other
    stories' kept cues read back, the new ones' texts read), best of `repeat`; the reads
    it shares with other steps (stories, mentions) timed apart."""
    settings = Settings()
    refresh_derived(store, settings)  # every story's cues kept, as a store of this version has them
    forget_newest_cues(store, new)
    vocabulary = vocabulary_of(settings.data_dir)
    lex = vocabulary.lexicon
    reads, walls, cpus = [], [], []
    for _ in range(repeat):
        inputs = Inputs(store, settings, vocabulary)
        started = time.perf_counter()
        mentions, judgements = inputs.mentions, store.judgements()
        texts = inputs.texts  # read by the other steps of a refresh anyway
        reads.append(time.perf_counter() - started)
        started, cpu = time.perf_counter(), time.process_time()
        reading = story_texts(store, mentions, partial(dict, texts), lex, full=False)
        resolution = resolve_entities(
            mentions, {}, inputs.known, judgements, lex, inputs.failures, reading.stories
        )
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    report(f"resolve_{size}.mentions", len(mentions))
    report(f"resolve_{size}.stories_read_from_text", len(reading.fresh))
    report(f"resolve_{size}.entities", len(resolution.entities))
    report(f"resolve_{size}.decisions", len(resolution.decisions))
    report(f"resolve_{size}.read_seconds", min(reads))
    report(f"resolve_{size}.resolve_seconds", min(walls))
    report(f"resolve_{size}.resolve_cpu_seconds", min(cpus))


class _Said(logging.Handler):
    """Keeps what graph/resolve_region.py says (the region's size, or why it resolved whole)."""

    def __init__(self, said: list[str]) -> None:
        super().__init__()
        self.said = said

    def emit(self, record: logging.LogRecord) -> None:
        self.said.append(record.getMessage())


@cache
def _new_analyses(folder: Path, new: int) -> list[Analysed]:
    settings = Settings()
    path, _ = make_corpus(folder, new, seed=99)
    nlp = build_pipeline(settings)
    documents = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    with using(vocabulary_of(settings.data_dir)):
        return [analyse_document(nlp, d, settings) for d in documents]


def time_by_region(folder: Path, size: int, new: int) -> None:
    """The entities step after `new` stories are written into a refreshed store of
    `size` documents: by region, then whole; and whether both give the same rows."""
    settings = Settings()
    store = Store(f"sqlite:///{folder / f'by-region-{size}.db'}")
    fill(store, _templates(folder), size)
    refresh_derived(store, settings)
    for analysed in _new_analyses(folder, new):
        store_analysed(store, analysed)
    found = {}
    said: list[str] = []
    listening = logging.getLogger(resolve_region.__name__)
    listening.setLevel(logging.INFO)
    listening.addHandler(_Said(said))
    by_region = steps._by_region
    for label, most in (("by_region", resolve_region.MOST), ("by_region_any_size", 1.0), ("whole", None)):
        resolve_region.MOST = most or 0.0
        steps._by_region = by_region if most is not None else (lambda *_: None)  # type: ignore[assignment]
        inputs = Inputs(store, settings, vocabulary_of(settings.data_dir))
        _ = inputs.mentions, inputs.texts  # shared with the other steps of a refresh
        started, cpu = time.perf_counter(), time.process_time()
        derived = entities_step(inputs, Derived((), (), {}, {}, {}))
        report(f"entities_step_{size}.{label}_seconds", time.perf_counter() - started)
        report(f"entities_step_{size}.{label}_cpu_seconds", time.process_time() - cpu)
        found[label] = (set(derived.entities), derived.entity_of, derived.reasons, derived.decisions)
        report(f"entities_step_{size}.{label}_said", said.pop() if said else "nothing")
    steps._by_region = by_region  # type: ignore[assignment]
    report(f"entities_step_{size}.decisions", len(found["whole"][3]))
    for label in ("by_region", "by_region_any_size"):
        report(f"entities_step_{size}.{label}_equals_whole", int(found[label] == found["whole"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stores", default="300,3000", help="sizes of the filled stores, comma-separated")
    parser.add_argument("--new", type=int, default=100, help="new stories ingested into each filled store")
    parser.add_argument("--keep", type=Path, help="a folder to keep the filled stores in, and reuse")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--by-region", action="store_true", help="time the entities step by region and whole")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in (int(s) for s in args.stores.split(",")):
            if args.by_region:
                time_by_region(folder, size, args.new)
            else:
                time_resolution(filled_store(folder, size, args.new), size, args.new, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
