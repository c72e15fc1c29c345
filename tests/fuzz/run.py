"""`make fuzz`: feed threadline bad input and count inputs tried, crashes and hangs.

    python -m tests.fuzz.run [--read N] [--ingest N] [--corpora N] [--engine auto|atheris|hypothesis] [--no-huge]

1. read: N inputs (default 10,000) through readers, encoding detection, HTML extraction,
   cleaning and splitting. Driven by atheris (coverage-guided, seeded with generated
   inputs) where it is installed, else by hypothesis with N examples.
2. ingest: N inputs (default 400) through the whole ingest into a real SQLite store, plus
   the inputs the issue names (10,000 nested <div>, "31 February", ...) and, unless
   --no-huge, the size limits (10 MB single lines, 100 MB files).
3. corpora: N generated corpora (default 40) of several stories each, ingested together:
   the whole-run steps (duplicates, resolution, places) and the export over them.
4. long text: a real 1.2 MB text as one story (tests/fuzz/long_text.py), unless --no-long:
   parsed in pieces cut at paragraph breaks, stored whole.

Prints `name = value` lines, the totals last; exits 1 if anything crashed or hung.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]


def report(name: str, value: object) -> None:
    print(f"{name} = {value}", flush=True)


def hypothesis_runs(count: int, strategy: st.SearchStrategy, target: Callable) -> None:
    """Call target on `count` generated examples (no shrinking: nothing is raised)."""
    if count <= 0:  # "--corpora 0": that part is skipped
        return

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def each(example: object) -> None:
        target(example)

    each()


def tally_lines(prefix: str, tally: object) -> None:
    for key in ("inputs", "crashes", "hangs"):
        report(f"{prefix}.{key}", getattr(tally, key))


def read_with_hypothesis(count: int) -> object:
    from tests.fuzz.cases import cases
    from tests.fuzz.harness import Tally, check_read

    tally = Tally()
    hypothesis_runs(count, cases(), lambda case: check_read(case, tally))
    return tally


def read_with_atheris(count: int) -> dict[str, int] | None:
    """Run the atheris target in a child (libFuzzer ends its process); its counts."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    child = [sys.executable, "-m", "tests.fuzz.atheris_target", str(count)]
    done = subprocess.run(child, capture_output=True, text=True, cwd=REPO, env=env, check=False)
    counts = {}
    for line in done.stdout.splitlines():
        name, _, value = line.partition(" = ")
        if name.startswith("fuzz.read.") and value.strip().isdigit():
            counts[name.removeprefix("fuzz.read.")] = int(value)
        print(line, flush=True)
    if "inputs" not in counts:
        report("fuzz.read.atheris_failed", (done.stderr.strip().splitlines() or ["no output"])[-1][:200])
        return None
    return counts


def ingest_runs(count: int, huge: bool) -> object:
    from tests.fuzz.cases import cases, fixed_cases, huge_cases
    from tests.fuzz.harness import Tally, check_ingest

    from threadline.settings import Settings
    from threadline.store import Store

    tally = Tally()
    settings = Settings(max_document_seconds=60.0)
    with tempfile.TemporaryDirectory() as tmp:
        stores = iter(range(10**9))

        def fresh() -> Store:
            return Store(f"sqlite:///{tmp}/fuzz-{next(stores)}.db")

        store = fresh()
        for case in fixed_cases() + (huge_cases() if huge else []):
            check_ingest(case, store, settings, tally)
            print(
                f"  {case.how}: {tally.crashes} crashes, {tally.hangs} hangs so far",
                file=sys.stderr,
                flush=True,
            )

        def one(case: object) -> None:
            nonlocal store
            if tally.inputs % 50 == 0:  # keep each store small: the whole-run steps read all of it
                store.close()
                store = fresh()
            check_ingest(case, store, settings, tally)  # type: ignore[arg-type]

        hypothesis_runs(count, cases(), one)
        store.close()
    return tally


def corpus_runs(count: int) -> object:
    from tests.fuzz.corpora import check_corpus, corpora
    from tests.fuzz.harness import Tally

    tally = Tally()
    hypothesis_runs(count, corpora(), lambda corpus: check_corpus(corpus, tally))
    return tally


def long_text_run() -> object:
    from tests.fuzz.harness import Tally
    from tests.fuzz.long_text import run_long_text

    found = run_long_text()
    for name, value in found.items():
        report(f"fuzz.long_text.{name}", value)
    tally = Tally(inputs=0 if "skipped" in found else 1)
    if found.get("errors") or found.get("stories") != 1 or not found.get("cuts_at_paragraph_breaks", True):
        tally.crashes = 1
        tally.examples.append(f"long text: {found}")
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--read", type=int, default=10_000)
    parser.add_argument("--ingest", type=int, default=400)
    parser.add_argument("--corpora", type=int, default=40)
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--no-huge", dest="huge", action="store_false")
    parser.add_argument("--no-long", dest="long", action="store_false")
    args = parser.parse_args(argv)
    from tests.fuzz.harness import Tally

    has_atheris = importlib.util.find_spec("atheris") is not None
    engine = (
        "atheris" if args.engine == "atheris" or (args.engine == "auto" and has_atheris) else "hypothesis"
    )
    report("fuzz.read.engine", engine)
    total = Tally()
    counts = read_with_atheris(args.read) if engine == "atheris" else None
    if counts is not None:
        total.inputs, total.crashes, total.hangs = counts["inputs"], counts["crashes"], counts["hangs"]
    else:
        read = read_with_hypothesis(args.read)
        tally_lines("fuzz.read", read)
        total.add(read)  # type: ignore[arg-type]
    for name, run in (
        ("ingest", lambda: ingest_runs(args.ingest, args.huge)),
        ("corpora", lambda: corpus_runs(args.corpora)),
    ):
        found = run()
        tally_lines(f"fuzz.{name}", found)
        total.add(found)  # type: ignore[arg-type]
    if args.long:
        total.add(long_text_run())  # type: ignore[arg-type]
    for example in total.examples:
        print(f"  {example}", flush=True)
    tally_lines("fuzz", total)
    return 1 if total.crashes or total.hangs else 0


if __name__ == "__main__":
    sys.exit(main())
