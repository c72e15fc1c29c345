"""Scale figures, printed as `name = value` lines (issue: incremental ingest, Dask, benchmarks).

    python bench/scale.py [--stories 400] [--stores 1000,10000] [--new 100] [--skip-dask] [--repeat 1]
        [--postgres URL --pg-stores 1000,10000] [--unrefreshed 100000] [--only stores]

1. throughput, on a corpus of generated stories (bench/corpus.py; NLP figures come from
   this real corpus): raw spaCy `nlp.pipe` words/s on the story texts; threadline's whole
   ingest (read, clean, NLP, extraction, store, global steps) words/s and stories/s in
   one process (model and vocabulary loaded first, as raw spaCy's are); the same on a
   local Dask cluster of 2 worker processes (cluster start and model loads not counted:
   workers are warmed first); the ratios; peak RSS.
2. store size, on stores filled with generated claims (bench/clones.py: analysed
   templates cloned, no NLP) in SQLite and, given a server, PostgreSQL: fill time, the
   first refresh and each global step's share, 100 new real stories ingested (with
   NLP) on top, `threadline export` time and its own peak RSS (bench/filled.py).
   Figures from filled stores say `filled` in their names.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from clones import fill as fill  # bench/resolve_scale.py fills stores through scale
from corpus import write_corpus
from figures import peak_rss_mb, report
from filled import bench_filled, bench_unrefreshed, postgres_urls, sqlite_urls

from threadline.ingest import read_inputs
from threadline.nlp.attribute_rules import index_attribute_rules
from threadline.nlp.model import load_base_model
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import using, vocabulary_of
from threadline.workflow import Analysed, analyse_document, ingest


def make_corpus(folder: Path, stories: int, seed: int) -> tuple[Path, int]:
    path = folder / f"corpus-{seed}-{stories}.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        words = write_corpus(stories, seed, stream)
    return path, words


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one call (CPU: this process's, all its threads)."""
    started, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - started, time.process_time() - cpu


def bench_throughput(folder: Path, stories: int, skip_dask: bool, repeat: int = 1) -> None:
    """Raw spaCy and threadline's ingest, alternated `repeat` times, each figure the best
    of its runs: load from other work only ever slows a run down, and alternating puts
    both under the same load."""
    settings = Settings()
    path, words = make_corpus(folder, stories, seed=21)
    texts = [d.text for d in read_inputs([str(path)]) if isinstance(d, Document)]
    nlp = load_base_model(settings.model, settings.verify_model)
    list(nlp.pipe(texts[:2]))
    warm, _ = make_corpus(folder, 2, seed=1)
    ingest([str(warm)], Store(f"sqlite:///{folder}/warm.db"), settings)  # model and vocabulary loaded
    indexed = load_base_model(settings.model, settings.verify_model)
    index_attribute_rules(indexed)  # the model as threadline runs it (nlp/attribute_rules.py)
    list(indexed.pipe(texts[:2]))
    raws, indexed_raws, singles = [], [], []
    for run in range(max(1, repeat)):
        raws.append(timed(lambda: list(nlp.pipe(texts, batch_size=settings.batch_size))))
        indexed_raws.append(timed(lambda: list(indexed.pipe(texts, batch_size=settings.batch_size))))
        store = Store(f"sqlite:///{folder}/single-{run}.db")
        singles.append(timed(lambda: ingest([str(path)], store, settings)))  # noqa: B023 (called at once)
    raw, raw_cpu = min(w for w, _ in raws), min(c for _, c in raws)
    single, single_cpu = min(w for w, _ in singles), min(c for _, c in singles)
    indexed_raw = min(w for w, _ in indexed_raws)
    report("throughput.stories", stories)
    report("throughput.words", words)
    report("throughput.runs", max(1, repeat))
    report("throughput.raw_spacy_words_per_second", words / raw)
    report("throughput.single_words_per_second", words / single)
    report("throughput.single_stories_per_second", stories / single)
    report("throughput.ratio_single_to_raw_spacy", raw / single)
    # CPU seconds of this process: steadier than wall time on a shared machine
    report("throughput.raw_spacy_cpu_seconds", raw_cpu)
    report("throughput.single_cpu_seconds", single_cpu)
    report("throughput.ratio_single_to_raw_spacy_cpu", raw_cpu / single_cpu)
    # threadline speeds up the model itself (its attribute rules through an index); the
    # ratio against raw spaCy with that same speed-up is threadline's own overhead
    report("throughput.raw_spacy_indexed_rules_words_per_second", words / indexed_raw)
    report("throughput.ratio_single_to_raw_spacy_indexed_rules", indexed_raw / single)
    report("throughput.single_peak_rss_mb", peak_rss_mb())
    if not skip_dask:
        bench_nlp_processes(folder, path, words, single, repeat)
        bench_dask(folder, path, words, stories, single, repeat)


def bench_nlp_processes(folder: Path, path: Path, words: int, single: float, repeat: int = 1) -> None:
    """The same ingest with spaCy parsing in 2 forked processes (THREADLINE_NLP_PROCESSES),
    best of `repeat` runs as the single-process figure is. CPU: this process and its
    spaCy processes (joined at the end of each window, so counted as children)."""
    two = replace(Settings(), nlp_processes=2)
    runs = []
    for run in range(max(1, repeat)):
        store = Store(f"sqlite:///{folder}/nlp2-{run}.db")
        runs.append(timed_with_children(partial(ingest, [str(path)], store, two)))
    wall, cpu = min(w for w, _ in runs), min(c for _, c in runs)
    report("throughput.nlp2_words_per_second", words / wall)
    report("throughput.ratio_nlp2_to_single", single / wall)
    report("throughput.nlp2_cpu_seconds", cpu)


def timed_with_children(work: Callable[[], object]) -> tuple[float, float]:
    """Wall seconds, and CPU seconds of this process and the children it waited for."""
    started, before = time.perf_counter(), os.times()
    work()
    after = os.times()
    cpu = sum(
        getattr(after, f) - getattr(before, f) for f in ("user", "system", "children_user", "children_system")
    )
    return time.perf_counter() - started, cpu


def bench_dask(folder: Path, path: Path, words: int, stories: int, single: float, repeat: int = 1) -> None:
    """The ingest on a local cluster of 2 worker processes, workers warmed first (cluster
    start and model loads not counted), best of `repeat` runs. CPU: the driver's (which
    also runs the local scheduler) and the workers'; their sum against the single
    process's CPU says what going parallel costs, apart from the load on the machine."""
    from threadline.scale.cluster import dask_client
    from threadline.scale.dask_engine import analyse_partition, ingest_with_dask

    settings = Settings()
    warm = Document(source="warm", origin="warm", format="text", text="Officials met in Basra on Monday.")
    with dask_client(workers=2) as client:
        assert client is not None
        client.run(lambda: None)
        for worker in client.scheduler_info()["workers"]:  # load the pipeline on each worker
            client.submit(analyse_partition, [warm], settings, workers=[worker], pure=False).result()
        runs = []
        for run in range(max(1, repeat)):
            store = Store(f"sqlite:///{folder}/dask-{run}.db")
            workers_before = client.run(time.process_time)
            wall, driver = timed(lambda: ingest_with_dask([str(path)], store, settings, client))  # noqa: B023
            workers_after = client.run(time.process_time)
            on_workers = sum(workers_after[w] - workers_before[w] for w in workers_after)
            runs.append((wall, driver, on_workers))
    dask2, driver, on_workers = min(runs)
    report("throughput.dask2_words_per_second", words / dask2)
    report("throughput.dask2_stories_per_second", stories / dask2)
    report("throughput.ratio_dask2_to_single", single / dask2)
    report("throughput.dask2_driver_cpu_seconds", driver)
    report("throughput.dask2_workers_cpu_seconds", on_workers)


def analysed_templates(folder: Path, count: int) -> list[Analysed]:
    """Real analyses of `count` generated stories, the templates the filled stores clone."""
    settings = Settings()
    path, _ = make_corpus(folder, count, seed=5)
    nlp = build_pipeline(settings)
    documents = [d for d in read_inputs([str(path)]) if isinstance(d, Document)]
    with using(vocabulary_of(settings.data_dir)):
        return [analyse_document(nlp, d, settings) for d in documents]


def bench_store_sizes(folder: Path, args: argparse.Namespace) -> None:
    templates = analysed_templates(folder, 200)
    fresh, _ = make_corpus(folder, args.new, seed=99)
    report("filled.stored_claims", "generated: 200 analysed stories cloned (bench/clones.py), no NLP")
    report(f"filled.ingest_{args.new}_new", "real: generated stories read, parsed and extracted (NLP)")
    if sizes := _sizes(args.stores):
        bench_filled("filled_sqlite", sqlite_urls(folder), templates, fresh, sizes, args.new)
    if args.postgres and (pg_sizes := _sizes(args.pg_stores)):
        bench_filled("filled_postgres", postgres_urls(args.postgres), templates, fresh, pg_sizes, args.new)
    for size in _sizes(args.unrefreshed):
        bench_unrefreshed("filled_sqlite", sqlite_urls(folder), templates, size)


def _sizes(listed: str) -> list[int]:
    return [int(s) for s in listed.split(",") if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--stories", type=int, default=400, help="generated stories for the throughput figures"
    )
    parser.add_argument(
        "--stores", default="1000,10000", help="sizes of the filled SQLite stores, comma-separated"
    )
    parser.add_argument(
        "--postgres",
        default=os.environ.get("THREADLINE_TEST_PG"),
        help="a PostgreSQL server URL (default $THREADLINE_TEST_PG) to fill stores in too; databases are created",
    )
    parser.add_argument("--pg-stores", default="1000,10000", help="sizes of the filled PostgreSQL stores")
    parser.add_argument(
        "--unrefreshed", default="", help="sizes of SQLite stores only filled and exported (no global steps)"
    )
    parser.add_argument("--new", type=int, default=100, help="new stories ingested into each filled store")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument(
        "--repeat", type=int, default=1, help="raw spaCy and the ingest alternated this often, best kept"
    )
    parser.add_argument("--only", choices=["throughput", "stores"])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.only in (None, "throughput"):
            bench_throughput(folder, args.stories, args.skip_dask, args.repeat)
        if args.only in (None, "stores"):
            bench_store_sizes(folder, args)
    report("scale.peak_rss_mb", peak_rss_mb())
    return 0


if __name__ == "__main__":
    sys.exit(main())
