"""Benchmarks, printed as `name = value` lines.

    python bench/run.py [--stories N] [--corpus DIR]

1. pipeline: threadline's whole ingest of a corpus (default examples/ plus
   ../shared/seeds when present), against raw spaCy (`nlp.pipe` of the same
   model over the same story texts): wall time, words per second, the ratio; then
   on that store, `rebuild` of the derived layer and the JSON export read from it.
2. dedup (run first, so its peak memory is its own): MinHash signing and LSH duplicate search over N generated stories
   (default 100,000), a tenth of them near-copies; time and peak memory.
3. places: the GeoNames index (places.index) built cold into an empty folder, opened
   warm as every later command opens it, its size, and the time of a name lookup and of
   a whole `Gazetteer.locate` over L names not looked up before (default 2,000); and in a
   fresh process, what a command pays for its first place: seconds from the imports to
   the answer (the knowledge files read too) and the process's peak memory.
4. long stories: one story of C characters (default 400,000 and 1,200,000) made of the
   paragraphs of examples/, each in a child process so its peak memory is its own: the
   time and memory of splitting, parsing and extracting it, and what it yields, then
   raw spaCy's time over the same pieces of its text; a story refused is printed as refused.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from threadline.dedup.minhash import find_duplicates, story_signatures
from threadline.export.json_export import export_json
from threadline.ingest import read_inputs, split_document
from threadline.nlp.model import load_base_model
from threadline.nlp.pieces import pieces
from threadline.nlp.pipeline import build_pipeline
from threadline.places import Gazetteer
from threadline.places.geonames import geonames_entries
from threadline.places.index import PlaceIndex, index_stamp
from threadline.records import Document, Story
from threadline.refresh import rebuild_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import extract_stories, ingest

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
        bench_readers(store, settings)
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


def bench_readers(store: Store, settings: Settings) -> None:
    """The derived layer recomputed (`threadline rebuild`), and the export read from it."""
    started = time.perf_counter()
    rebuild_derived(store, settings)
    report("derived.rebuild_seconds", time.perf_counter() - started)
    started = time.perf_counter()
    export_json(store)
    report("export.json_seconds", time.perf_counter() - started)


VOCAB = (
    "militia commander border rocket drone base council ministry statement officials said attack "
    "convoy province capital sources group leader meeting delegation talks forces security checkpoint "
    "arrested protest sanctions treasury funding network faction office spokesman airport strike killed"
).split()


def generated_stories(count: int, seed: int = 7) -> list[Story]:
    rng = random.Random(seed)
    stories: list[Story] = []
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


def bench_places(lookups: int, min_population: int = 500) -> None:
    """The index cold (built) and warm (opened by a later command), then its lookups."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "places.sqlite"
        stamp = index_stamp(min_population)
        started = time.perf_counter()
        PlaceIndex(path, stamp, lambda: geonames_entries(min_population)).lookup("baghdad")
        report("places.index_build_seconds", time.perf_counter() - started)
        report("places.index_file_mb", path.stat().st_size / 2**20)
        started = time.perf_counter()
        index = PlaceIndex(path, index_stamp(min_population), lambda: geonames_entries(min_population))
        index.lookup("baghdad")
        report("places.index_open_milliseconds", (time.perf_counter() - started) * 1000)
        keys = sorted({key for (key,) in index.open().execute("SELECT key FROM names WHERE loose = 0")})
        sample = random.Random(7).sample(keys, 2 * lookups)
        started = time.perf_counter()
        for key in sample[:lookups]:
            index.lookup(key)
        report("places.lookup_microseconds", (time.perf_counter() - started) / lookups * 1e6)
    gazetteer = Gazetteer((), min_population)
    gazetteer.locate(["Baghdad"], ["IQ"])  # the user's cached index, opened (or built) here
    started = time.perf_counter()
    for key in sample[lookups:]:  # names this process has not looked up
        gazetteer.locate([key], ["IQ", "US"])
    report("places.locate_microseconds", (time.perf_counter() - started) / lookups * 1e6)
    child = subprocess.run([sys.executable, "-c", PLACES_CHILD], capture_output=True, text=True, check=False)
    sys.stdout.write(child.stdout or f"places.new_process_failed = {child.stderr.strip()[-160:]}\n")


# A fresh process's first place, as a command that pins places finds it: timed from before
# threadline's imports, knowledge files read, index opened.
PLACES_CHILD = """
import time
started = time.perf_counter()
from threadline.places import Gazetteer
from threadline.vocab import load_knowledge
Gazetteer(load_knowledge()).locate(["Tripoli"], ["LY"])
print(f"places.first_locate_in_new_process_seconds = {time.perf_counter() - started:.3f}")
# VmHWM, not getrusage: Linux carries ru_maxrss over from the forking parent
peak_kb = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
print(f"places.new_process_peak_rss_mb = {peak_kb / 1024:.3f}")
"""


def long_text(chars: int) -> str:
    """A headline over paragraphs of the examples, each paragraph told again with a
    different lead-in once all have been used (the cleaner drops a repeated paragraph)."""
    paragraphs = [
        p
        for item in read_inputs([str(REPO / "examples")])
        if isinstance(item, Document)
        for story in split_document(item)
        for p in story.text.split("\n\n")
        if len(p) > 80
    ]
    out = ["A long report on the armed groups of the region and their backers"]
    size, i = len(out[0]), 0
    while size < chars:
        p = paragraphs[i % len(paragraphs)]
        if i >= len(paragraphs):
            p = f"On day {i // len(paragraphs) + 1} of the review, {p[0].lower()}{p[1:]}"
        out.append(p)
        size, i = size + len(p) + 2, i + 1
    return "\n\n".join(out)


def long_story_child(chars: int) -> None:
    """Run in a child process: split, parse and extract one long story; then raw spaCy
    (the model alone, `nlp.pipe` over the same pieces of the cleaned text) for scale."""
    document = Document(source="long.txt", origin="long.txt", format="text", text=long_text(chars))
    nlp = build_pipeline(Settings())
    list(nlp.pipe(["Warm the pipeline up."]))
    prefix = f"long_story_{chars // 1000}k"
    started, cpu = time.perf_counter(), time.process_time()
    try:
        stories = split_document(document)
        found = extract_stories(nlp, stories)
    except Exception as exc:  # reported, not raised: the bench goes on
        report(f"{prefix}.refused", f"{exc.__class__.__name__}: {str(exc).splitlines()[0][:120]}")
        return
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    report(f"{prefix}.characters", sum(len(s.text) for s in stories))
    report(f"{prefix}.seconds", seconds)
    report(f"{prefix}.cpu_seconds", cpu)
    report(f"{prefix}.peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    report(f"{prefix}.mentions", sum(len(e.mentions) for e in found))
    report(f"{prefix}.relations", sum(len(e.assertions) for e in found))
    report(f"{prefix}.events", sum(len(e.events) for e in found))
    bench_long_raw(prefix, [s.text for s in stories], seconds, cpu)


def bench_long_raw(prefix: str, texts: list[str], seconds: float, cpu: float) -> None:
    """Raw spaCy over the same pieces (nlp/pieces.py) as threadline parses, after it."""
    settings = Settings()
    raw = load_base_model(settings.model, settings.verify_model)
    list(raw.pipe(["Warm the pipeline up."]))
    started, raw_cpu = time.perf_counter(), time.process_time()
    list(raw.pipe(piece for text in texts for piece in pieces(text)))
    raw_seconds, raw_cpu = time.perf_counter() - started, time.process_time() - raw_cpu
    report(f"{prefix}.raw_spacy_seconds", raw_seconds)
    report(f"{prefix}.raw_spacy_cpu_seconds", raw_cpu)
    report(f"{prefix}.ratio_to_raw_spacy_cpu", cpu / raw_cpu)


def bench_long_stories(sizes: list[int]) -> None:
    for chars in sizes:
        child = [sys.executable, __file__, "--long-story-child", str(chars)]
        done = subprocess.run(child, capture_output=True, text=True, check=False)
        sys.stdout.write(done.stdout)
        if done.returncode:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            report(f"long_story_{chars // 1000}k.failed", last[:160])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--corpus", action="append", default=[])
    parser.add_argument("--long-story", type=int, action="append", default=[], metavar="CHARS")
    parser.add_argument("--long-story-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--lookups", type=int, default=2000, help="place names looked up")
    parser.add_argument("--only", choices=["dedup", "pipeline", "places", "long"], help="run one bench")
    args = parser.parse_args(argv)
    if args.long_story_child:
        long_story_child(args.long_story_child)
        return 0
    corpus = args.corpus or [str(REPO / "examples")] + [
        str(p) for p in [REPO.parent / "shared" / "seeds"] if p.is_dir()
    ]
    if args.only in (None, "dedup"):
        bench_dedup(args.stories)
    if args.only in (None, "pipeline"):
        bench_pipeline(corpus)
    if args.only in (None, "places"):
        bench_places(args.lookups)
    if args.only in (None, "long"):
        bench_long_stories(args.long_story or [400_000, 1_200_000])
    report("process.peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
