"""Kill threadline with SIGKILL at random moments; nothing stored may be lost or corrupt.

    python -m tests.reliability.crashtest [--sqlite-trials 20] [--pg-trials 5]
        [--merge-trials 10] [--stories 300] [--seed 1]

A generated corpus (tests/reliability/corpus.py) is ingested once without
interruption: its export is the reference. Each ingest trial starts the same ingest
into a fresh store, kills it after a random delay within the reference run's
length, checks the store (tests/reliability/checks.py), on every other trial asks
`stats` (which must say the derived rows were behind and bring them up to date),
re-runs the ingest, and compares the export with the reference: identical, every
time. Each merge trial kills `threadline merge` on a copy of the finished store:
afterwards the judgement is absent and the export is the reference's, or it is
recorded and, after the next ingest, the export is that of an uninterrupted merge.
`make crashtest` runs the full counts; tests/test_crash.py a bounded few.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import SQLAlchemyError
from tests.reliability.checks import Claims, check_store, claims_by_document
from tests.reliability.corpus import write_corpus
from tests.reliability.pgserver import drop_databases, fresh_database, postgres_server
from tests.reliability.readers import ReadReport, read_while_ingesting

from threadline.settings import Settings
from threadline.store import Store

BEHIND_NOTE = "were behind the stories"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "threadline.cli.main", *args]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command(*args), capture_output=True, text=True, check=False)


def export_bytes(url: str, folder: Path) -> bytes:
    target = folder / "export.json"
    done = run("export", "--db", url, "-o", str(target))
    if done.returncode:
        raise RuntimeError(f"export failed: {done.stderr.strip()}")
    return target.read_bytes()


@dataclass
class Trial:
    kind: str  # "ingest" or "merge", and the backend
    delay: float
    landed: bool  # the process was still running when killed
    phase: str
    problems: list[str] = field(default_factory=list)


@dataclass
class Timeline:
    """An uninterrupted run: its length, and when its first row of a table was committed."""

    seconds: float
    first_write: float

    def kill_moment(self, rng: random.Random) -> float:
        """A fifth of the kills before the first write (start-up, migration), the rest after."""
        if rng.random() < 0.2:
            return rng.uniform(0.05, self.first_write)
        return rng.uniform(self.first_write, self.seconds)


@dataclass
class Reference:
    corpus: list[str]
    timeline: Timeline
    export: bytes
    claims: Claims


def kill_after(args: list[str], delay: float) -> bool:
    """Start `args`, SIGKILL it after `delay` seconds; whether it was still running."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    landed = process.poll() is None
    if landed:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return landed


def timed_run(args: list[str], url: str, table: str) -> Timeline:
    """Run `args` to the end, watching for the first row of `table` in the store."""
    watch = create_engine(url)
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started, first = time.perf_counter(), None
    while process.poll() is None:
        if first is None and _rows(watch, table):
            first = time.perf_counter() - started
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    watch.dispose()
    if process.returncode:
        raise RuntimeError(f"{args[3]} failed: {process.stderr.read().strip()}")  # type: ignore[union-attr]
    return Timeline(seconds, first if first is not None else seconds / 2)


def _rows(engine: Engine, table: str) -> int:
    try:
        with engine.connect() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())
    except SQLAlchemyError:  # not created yet
        return 0


def reference_run(corpus: list[str], url: str, folder: Path) -> Reference:
    timeline = timed_run(command("ingest", *corpus, "--db", url), url, "documents")
    store = Store(url)
    with store.snapshot() as conn:
        claims = claims_by_document(conn)
    store.close()
    return Reference(corpus, timeline, export_bytes(url, folder), claims)


def phase_of(store: Store, total: int) -> str:
    stored = store.counts()["documents"]
    if stored == 0:
        return "before the first document"
    if stored < total:
        return "among the documents"
    return "in the derived step" if store.derived_stale() else "after the derived step"


def ingest_trial(reference: Reference, url: str, delay: float, ask_stats: bool, folder: Path) -> Trial:
    landed = kill_after(command("ingest", *reference.corpus, "--db", url), delay)
    store = Store(url)
    backend = "PostgreSQL" if store.engine.dialect.name == "postgresql" else "SQLite"
    trial = Trial(f"ingest ({backend})", delay, landed, phase_of(store, len(reference.claims)))
    trial.problems += check_store(store, reference.claims, Settings())
    if ask_stats and store.derived_stale():
        trial.problems += stale_view_problems(url, store)
    done = run("ingest", *reference.corpus, "--db", url)
    if done.returncode:
        trial.problems.append(f"the re-run failed: {done.stderr.strip()[:300]}")
    if store.derived_stale():
        trial.problems.append("the re-run left the derived rows marked behind")
    store.close()
    if export_bytes(url, folder) != reference.export:
        trial.problems.append("the export after the re-run differs from the uninterrupted run's")
    return trial


def stale_view_problems(url: str, store: Store) -> list[str]:
    """`stats` on a store a killed run left behind says so and brings it up to date."""
    done = run("stats", "--db", url)
    if done.returncode or BEHIND_NOTE not in done.stderr:
        return [f"stats on a stale store: exit {done.returncode}, stderr {done.stderr.strip()[:200]!r}"]
    return ["stats left the derived rows behind"] if store.derived_stale() else []


# ---------------------------------------------------------------- merge trials
@dataclass
class MergeCase:
    base_file: Path
    subjects: tuple[str, str]
    timeline: Timeline
    merged_export: bytes


def copy_sqlite(source: Path, target: Path) -> str:
    for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return f"sqlite:///{target}"


def two_people(export: bytes) -> tuple[str, str]:
    people = sorted(e["id"] for e in json.loads(export)["entities"] if e["type"] == "person")
    return people[0], people[1]


def merge_case(reference: Reference, base_file: Path, folder: Path) -> MergeCase:
    subjects = two_people(reference.export)
    url = copy_sqlite(base_file, folder / "merged.db")
    timeline = timed_run(command("merge", *subjects, "--db", url), url, "judgements")
    merged = export_bytes(url, folder)
    if merged == reference.export:
        raise RuntimeError("the merge changed nothing in the export: pick other subjects")
    return MergeCase(base_file, subjects, timeline, merged)


JUDGED_AT = re.compile(r" on \d{4}-\d\d-\d\dT[\d:.+-]+Z?")  # "merged by root on 2026-…"


def same_but_when_judged(export: bytes, expected: bytes) -> bool:
    """Exports alike but for when the analyst's judgement was recorded: the export's
    resolution decisions name it, and each trial records the merge anew."""
    return JUDGED_AT.sub("", export.decode("utf-8")) == JUDGED_AT.sub("", expected.decode("utf-8"))


def merge_trial(reference: Reference, case: MergeCase, delay: float, folder: Path) -> Trial:
    url = copy_sqlite(case.base_file, folder / "merge-trial.db")
    landed = kill_after(command("merge", *case.subjects, "--db", url), delay)
    store = Store(url)
    recorded = len(store.judgements())
    phase = "judgement recorded" if recorded else "judgement absent"
    trial = Trial(
        "merge (SQLite)", delay, landed, f"{phase}, {'stale' if store.derived_stale() else 'current'}"
    )
    trial.problems += check_store(store, reference.claims, Settings())
    store.close()
    run("ingest", *reference.corpus, "--db", url)  # the next ingest applies a recorded judgement
    expected = case.merged_export if recorded else reference.export
    if not same_but_when_judged(export_bytes(url, folder), expected):
        trial.problems.append(f"{phase}, but the export after the next ingest is not the expected one")
    return trial


# ---------------------------------------------------------------- the whole run
def until_landed(count: int, attempt: Callable[[int], Trial], label: str, trials: list[Trial]) -> None:
    """Trials until `count` kills landed mid-run (a run may end before its kill: not counted)."""
    landed = tries = 0
    while landed < count and tries < 2 * count + 2:
        trial = attempt(tries)
        trials.append(trial)
        tries += 1
        landed += trial.landed
        report(trial, f"{label} {tries:2d}")


def report(trial: Trial, label: str) -> None:
    state = "ok" if not trial.problems else "FAILED: " + " | ".join(trial.problems)
    landed = "" if trial.landed else " (finished before the kill)"
    print(f"{label} killed at {trial.delay:5.2f} s{landed}, {trial.phase}: {state}")


def read_phase(reference: Reference, url: str, folder: Path, label: str, reads: list[ReadReport]) -> None:
    report = read_while_ingesting(reference.corpus, first_input(reference), url, folder)
    reads.append(report)
    state = "ok" if not report.failures else "FAILED: " + " | ".join(report.failures[:5])
    print(
        f"{label} readers during an ingest: {report.reads} snapshot reads, {report.commands} commands "
        f"({report.noted} said an ingest was writing): {state}"
    )


def first_input(reference: Reference) -> str:
    return str(min(Path(reference.corpus[0]).glob("*.txt")))


def summarize(trials: list[Trial], reads: list[ReadReport]) -> int:
    failed = [x for x in trials if x.problems]
    landed = Counter(x.kind for x in trials if x.landed)
    phases = Counter(f"{x.kind}: {x.phase}" for x in trials if x.landed)
    print(f"kill trials: {len(trials)}, of which landed mid-run: {sum(landed.values())}")
    for kind, count in sorted(landed.items()):
        print(f"  {kind}: {count}")
    for phase, count in sorted(phases.items()):
        print(f"    {phase}: {count}")
    print(f"corrupt or inconsistent stores: {len(failed)}")
    failed_reads = sum(len(r.failures) for r in reads)
    print(f"concurrent reads: {sum(r.reads + r.commands for r in reads)}, failed: {failed_reads}")
    return 1 if failed or failed_reads else 0


@contextmanager
def workspace(given: str | None) -> Iterator[Path]:
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        yield Path(given)
    else:
        with tempfile.TemporaryDirectory(prefix="threadline-crash-") as tmp:
            yield Path(tmp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sqlite-trials", type=int, default=20)
    parser.add_argument("--pg-trials", type=int, default=5)
    parser.add_argument("--merge-trials", type=int, default=10)
    parser.add_argument("--reader-runs", type=int, default=1, help="ingests read concurrently, per backend")
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", help="keep the stores here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # each trial as it ends
    trials: list[Trial] = []
    reads: list[ReadReport] = []
    with workspace(args.workdir) as folder:
        if not run_all(args, folder, trials, reads):
            return 1
    return summarize(trials, reads)


def run_all(args: argparse.Namespace, folder: Path, trials: list[Trial], reads: list[ReadReport]) -> bool:
    rng = random.Random(args.seed)
    corpus = [str(p) for p in write_corpus(folder / "corpus", args.stories)]
    base_file = folder / "reference.db"
    reference = reference_run(corpus, f"sqlite:///{base_file}", folder)
    took = reference.timeline
    print(
        f"reference: {len(reference.claims)} documents, {took.seconds:.1f} s, first stored at {took.first_write:.1f} s"
    )

    def sqlite_trial(n: int) -> Trial:
        url = f"sqlite:///{folder}/trial-{n}.db"
        return ingest_trial(reference, url, took.kill_moment(rng), n % 2 == 1, folder)

    until_landed(args.sqlite_trials, sqlite_trial, "sqlite ingest", trials)
    for n in range(args.reader_runs):
        read_phase(reference, f"sqlite:///{folder}/read-{n}.db", folder, "sqlite", reads)
    if args.merge_trials:
        case = merge_case(reference, base_file, folder)
        timing = case.timeline
        print(
            f"merge {' '.join(case.subjects)}: {timing.seconds:.1f} s, recorded at {timing.first_write:.1f} s"
        )
        attempt = lambda _: merge_trial(reference, case, timing.kill_moment(rng), folder)  # noqa: E731
        until_landed(args.merge_trials, attempt, "sqlite merge", trials)
    if not (args.pg_trials or args.reader_runs):
        return True
    return pg_trials(reference, (args.pg_trials, args.reader_runs), rng, folder, (trials, reads))


def pg_trials(
    reference: Reference,
    counts: tuple[int, int],
    rng: random.Random,
    folder: Path,
    results: tuple[list[Trial], list[ReadReport]],
) -> bool:
    """Kill trials and reader runs on PostgreSQL."""
    (count, reader_runs), (trials, reads) = counts, results
    with postgres_server() as server:
        if server is None:
            print("PostgreSQL trials not run: no server")
            return False
        pg_reference = reference_run(reference.corpus, fresh_database(server, "crash_reference"), folder)
        if pg_reference.export != reference.export:
            print("PostgreSQL's uninterrupted export differs from SQLite's")
            return False

        def pg_trial(n: int) -> Trial:
            url = fresh_database(server, "crash_trial")
            return ingest_trial(pg_reference, url, pg_reference.timeline.kill_moment(rng), n % 2 == 1, folder)

        until_landed(count, pg_trial, "postgres ingest", trials)
        for _ in range(reader_runs):
            read_phase(pg_reference, fresh_database(server, "crash_trial"), folder, "postgres", reads)
        drop_databases(server, "crash_reference", "crash_trial")
    return True


if __name__ == "__main__":
    sys.exit(main())
