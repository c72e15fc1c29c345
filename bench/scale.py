"""Scale figures, printed as `name = value` lines (issue: incremental ingest, Dask, benchmarks).

    python bench/scale.py [--stories 400] [--stores 1000,10000] [--new 100] [--skip-dask]

1. throughput, on a corpus of generated stories (bench/corpus.py; NLP figures come from
   this real corpus): raw spaCy `nlp.pipe` words/s on the story texts; threadline's whole
   ingest (read, clean, NLP, extraction, store, global steps) words/s and stories/s in
   one process (model and vocabulary loaded first, as raw spaCy's are); the same on a
   local Dask cluster of 2 worker processes (cluster start and model loads not counted:
   workers are warmed first); the ratios; peak RSS.
2. store size, on stores filled with generated claims: templates of analysed stories
   cloned with their names renamed per clone, so entities recur across stories and
   every clone adds new ones, written by `Store.replace_document` (no NLP: parsing
   100,000 stories takes hours on two cores). Into each store, 100 new real stories are
   ingested (with NLP) and timed, and the export of the filled store is timed. The
   filled store's graph is computed once first (untimed in the ingest figure), as the
   ingest before the new stories would have left it, so the ingest refreshes on top.
   Figures from filled stores say `filled` in their names.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from corpus import write_corpus

from threadline.dedup.minhash import NUM_PERM
from threadline.export import export
from threadline.ingest import read_inputs
from threadline.nlp.model import load_base_model
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document, Extraction, Mention, Story
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import using, vocabulary_of
from threadline.workflow import Analysed, analyse_document, ingest, refresh_derived


def report(name: str, value: float | int | str) -> None:
    print(f"{name} = {value:.3f}" if isinstance(value, float) else f"{name} = {value}", flush=True)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_corpus(folder: Path, stories: int, seed: int) -> tuple[Path, int]:
    path = folder / f"corpus-{seed}-{stories}.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        words = write_corpus(stories, seed, stream)
    return path, words


def bench_throughput(folder: Path, stories: int, skip_dask: bool) -> None:
    settings = Settings()
    path, words = make_corpus(folder, stories, seed=21)
    texts = [d.text for d in read_inputs([str(path)]) if isinstance(d, Document)]
    nlp = load_base_model(settings.model, settings.verify_model)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=settings.batch_size))
    raw = time.perf_counter() - started
    warm, _ = make_corpus(folder, 2, seed=1)
    ingest([str(warm)], Store(f"sqlite:///{folder}/warm.db"), settings)  # model and vocabulary loaded
    store = Store(f"sqlite:///{folder}/single.db")
    started = time.perf_counter()
    ingest([str(path)], store, settings)
    single = time.perf_counter() - started
    report("throughput.stories", stories)
    report("throughput.words", words)
    report("throughput.raw_spacy_words_per_second", words / raw)
    report("throughput.single_words_per_second", words / single)
    report("throughput.single_stories_per_second", stories / single)
    report("throughput.ratio_single_to_raw_spacy", raw / single)
    report("throughput.single_peak_rss_mb", peak_rss_mb())
    if not skip_dask:
        bench_dask(folder, path, words, stories, single)


def bench_dask(folder: Path, path: Path, words: int, stories: int, single: float) -> None:
    from threadline.scale.cluster import dask_client
    from threadline.scale.dask_engine import analyse_partition, ingest_with_dask

    settings = Settings()
    warm = Document(source="warm", origin="warm", format="text", text="Officials met in Basra on Monday.")
    with dask_client(workers=2) as client:
        assert client is not None
        client.run(lambda: None)
        for worker in client.scheduler_info()["workers"]:  # load the pipeline on each worker
            client.submit(analyse_partition, [warm], settings, workers=[worker], pure=False).result()
        store = Store(f"sqlite:///{folder}/dask.db")
        started = time.perf_counter()
        ingest_with_dask([str(path)], store, settings, client)
        dask2 = time.perf_counter() - started
    report("throughput.dask2_words_per_second", words / dask2)
    report("throughput.dask2_stories_per_second", stories / dask2)
    report("throughput.ratio_dask2_to_single", single / dask2)


def analysed_templates(folder: Path, count: int) -> list[Analysed]:
    """Real analyses of `count` generated stories, the templates the filled stores clone."""
    settings = Settings()
    path, _ = make_corpus(folder, count, seed=5)
    nlp = build_pipeline(settings)
    documents = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    with using(vocabulary_of(settings.data_dir)):
        return [analyse_document(nlp, d, settings) for d in documents]


def cloned(template: Analysed, clone: int) -> Analysed:
    """The template as another document whose names carry the clone's number
    ("Free Plains Forces 17"): new entities, the same shape of claims."""
    document = replace(template.document, source=f"{template.document.source}-c{clone}", locator="")
    extractions = [_cloned_extraction(e, document.id, clone) for e in template.extractions]
    story_ids = {
        old.story.id: new.story.id for old, new in zip(template.extractions, extractions, strict=True)
    }
    masks = {old.story.id: _signature_mask(old.story, clone) for old in template.extractions}
    minhashes = {
        (story_ids[story], part): _masked(blob, masks[story]) for (story, part), blob in template.minhashes.items()
    }
    return Analysed(document, extractions, minhashes)


def _signature_mask(story: Story, clone: int) -> np.ndarray | None:
    """What the clone's signatures are XORed with: none for the template itself (clone
    0), else random values drawn from the clone's number and the story's headline and
    date. Two templates that are copies of one another (bench/corpus.py re-publishes a
    story with its headline and date) get the same mask in each clone, so they stay
    copies, and their shared paragraphs stay shared; every other pair of clones shares
    nothing, where the templates share boilerplate paragraphs (real news shares few)."""
    if clone == 0:
        return None
    key = hashlib.blake2b(f"{clone}\x1f{story.title}\x1f{story.published}".encode(), digest_size=8)
    rng = np.random.default_rng(int.from_bytes(key.digest(), "big"))
    return rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32)


def _masked(blob: bytes, mask: np.ndarray | None) -> bytes:
    """XOR keeps each position's equalities among signatures with one mask (similarity
    estimates between copies unchanged) and makes signatures under two masks agree
    nowhere but by chance."""
    return blob if mask is None else (np.frombuffer(blob, dtype=np.uint32) ^ mask).tobytes()


def _cloned_extraction(extraction: Extraction, document_id: str, clone: int) -> Extraction:
    story = replace(extraction.story, document_id=document_id)
    ids: dict[str, str] = {}
    mentions = []
    for m in extraction.mentions:
        new = replace(m, story_id=story.id, text=_renamed(m, clone), kb_id=None)
        ids[m.id] = new.id
        mentions.append(new)
    assertions = tuple(
        replace(
            a,
            story_id=story.id,
            subject=ids.get(a.subject, a.subject),
            object=ids.get(a.object, a.object),
            evidence=replace(a.evidence, story_id=story.id),
            attribution=replace(a.attribution, mention_id=None),
        )
        for a in extraction.assertions
    )
    events = tuple(
        replace(
            e,
            story_id=story.id,
            participants=tuple(ids.get(p, p) for p in e.participants),
            location=ids.get(e.location, e.location) if e.location else None,
            evidence=replace(e.evidence, story_id=story.id),
            attribution=replace(e.attribution, mention_id=None),
            roles=tuple((ids.get(p, p), r) for p, r in e.roles),
            claims=(),
        )
        for e in extraction.events
    )
    return Extraction(story, tuple(mentions), assertions, events)


def _renamed(mention: Mention, clone: int) -> str:
    return mention.text if mention.type == "location" or clone == 0 else f"{mention.text} {clone}"


def fill(store: Store, templates: list[Analysed], size: int, batch: int = 500) -> float:
    """Write `size` cloned documents, `batch` to a transaction; the seconds it took."""
    started = time.perf_counter()
    for first in range(0, size, batch):
        clones = [
            cloned(templates[n % len(templates)], n // len(templates))
            for n in range(first, min(first + batch, size))
        ]
        store.replace_documents([(c.document, c.extractions, c.minhashes) for c in clones])
    return time.perf_counter() - started


def bench_store_sizes(folder: Path, sizes: list[int], new: int) -> None:
    settings = Settings()
    templates = analysed_templates(folder, 200)
    fresh, _ = make_corpus(folder, new, seed=99)
    timings = {}
    for size in sizes:
        store = Store(f"sqlite:///{folder}/filled-{size}.db")
        report(f"filled_{size}.fill_seconds", fill(store, templates, size))
        started = time.perf_counter()
        refresh_derived(store, settings)  # the filled store's graph, as its last ingest left it
        report(f"filled_{size}.first_refresh_seconds", time.perf_counter() - started)
        started = time.perf_counter()
        ingest([str(fresh)], store, settings)
        timings[size] = time.perf_counter() - started
        report(f"filled_{size}.ingest_{new}_new_seconds", timings[size])
        started = time.perf_counter()
        export(store, "json", io.StringIO())
        report(f"filled_{size}.export_json_seconds", time.perf_counter() - started)
        report(f"filled_{size}.peak_rss_mb", peak_rss_mb())
    small, large = min(sizes), max(sizes)
    if small != large:
        report(f"filled.ratio_ingest_{large}_to_{small}", timings[large] / timings[small])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stories", type=int, default=400, help="generated stories for the throughput figures"
    )
    parser.add_argument("--stores", default="1000,10000", help="sizes of the filled stores, comma-separated")
    parser.add_argument("--new", type=int, default=100, help="new stories ingested into each filled store")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--only", choices=["throughput", "stores"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "throughput"):
            bench_throughput(folder, args.stories, args.skip_dask)
        if args.only in (None, "stores"):
            bench_store_sizes(folder, [int(s) for s in args.stores.split(",")], args.new)
    report("scale.peak_rss_mb", peak_rss_mb())
    return 0


if __name__ == "__main__":
    sys.exit(main())
