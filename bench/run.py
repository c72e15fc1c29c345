"""Benchmarks, printed as `name = value` lines.

    python bench/run.py [--stories N] [--corpus DIR]

1. pipeline: threadline's whole ingest of a corpus (default examples/ plus
   ../shared/seeds when present), against raw spaCy (`nlp.pipe` of the same
   model over the same story texts): wall time, words per second, the ratio.
2. dedup (run first, so its peak memory is its own): MinHash signing and LSH duplicate search over N generated stories
   (default 100,000), a tenth of them near-copies; time and peak memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from threadline.dedup.minhash import find_duplicates, story_signatures
from threadline.nlp.model import load_base_model
from threadline.records import Story
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

REPO = Path(__file__).resolve().parent.parent


def report(name: str, value: float | int | str) -> None:
    print(f"{name} = {value:.3f}" if isinstance(value, float) else f"{name} = {value}", flush=True)


def bench_pipeline(corpus: list[str]) -> None:
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/bench.db")
        ingest(corpus, store, Settings(), on_document=None)  # warm: model load, caches
        store = Store(f"sqlite:///{tmp}/bench2.db")
        started = time.perf_counter()
        ingest(corpus, store, settings)
        threadline_s = time.perf_counter() - started
        texts = [s.text for s in store.stories()]
    words = sum(len(t.split()) for t in texts)
    nlp = load_base_model(settings.model, settings.verify_model)
    list(nlp.pipe(texts[:2]))
    started = time.perf_counter()
    list(nlp.pipe(texts, batch_size=settings.batch_size))
    spacy_s = time.perf_counter() - started
    report("pipeline.stories", len(texts))
    report("pipeline.words", words)
    report("pipeline.threadline_seconds", threadline_s)
    report("pipeline.raw_spacy_seconds", spacy_s)
    report("pipeline.threadline_words_per_second", words / threadline_s)
    report("pipeline.raw_spacy_words_per_second", words / spacy_s)
    report("pipeline.ratio_threadline_to_raw_spacy", threadline_s / spacy_s)


VOCAB = (
    "militia commander border rocket drone base council ministry statement officials said attack "
    "convoy province capital sources group leader meeting delegation talks forces security checkpoint "
    "arrested protest sanctions treasury funding network faction office spokesman airport strike killed"
).split()


def generated_stories(count: int, seed: int = 7) -> list[Story]:
    rng = random.Random(seed)
    stories = []
    for i in range(count):
        if i % 10 == 9:  # a near-copy of an earlier story: same words, one promo line added
            text = stories[rng.randrange(len(stories))].text + " Subscribe for alerts."
        else:
            text = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(80, 200)))
        stories.append(Story(document_id="d", source=f"gen-{i:06d}", index=0, text=text, blocks=()))
    return stories


def bench_dedup(count: int) -> None:
    stories = generated_stories(count)
    started = time.perf_counter()
    hashes = {key: blob for s in stories for key, blob in story_signatures(s).items()}
    signed = time.perf_counter() - started
    found = find_duplicates(stories, hashes)
    total = time.perf_counter() - started
    report("dedup.stories", count)
    report("dedup.sign_seconds", signed)
    report("dedup.search_seconds", total - signed)
    report("dedup.stories_per_second", count / total)
    report("dedup.duplicates_found", len(found))
    report("dedup.duplicates_planted", count // 10)
    # runs before the pipeline bench, so this peak is dedup's own (plus the interpreter)
    report("dedup.peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--corpus", action="append", default=[])
    args = parser.parse_args(argv)
    corpus = args.corpus or [str(REPO / "examples")] + [
        str(p) for p in [REPO.parent / "shared" / "seeds"] if p.is_dir()
    ]
    bench_dedup(args.stories)
    bench_pipeline(corpus)
    report("process.peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
