"""Readers while an ingest writes: every read answers, and sees each document whole.

The harness process reads the store in a loop (one snapshot, the whole export, each
time) while another process ingests into it, and meanwhile starts the `stats`,
`export` and `entity` commands one after another as their own processes. When the
ingest has ended, every story a reader saw must carry exactly the text and
mentions the finished store gives it (a half-written document would show fewer),
and every command must have exited 0.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from threadline.export.json_export import export_json
from threadline.store import Store

COMMANDS = (("stats",), ("export",), ("entity", "Mosul"))
WRITING_NOTE = "an ingest is writing to this store"
Seen = dict[str, frozenset[tuple[Any, ...]]]


@dataclass
class ReadReport:
    reads: int = 0  # snapshot reads of the whole store by the harness process
    commands: int = 0  # reader commands run as their own processes
    noted: int = 0  # of those, how many said an ingest was writing
    failures: list[str] = field(default_factory=list)


def claims_seen(export: dict[str, Any]) -> Seen:
    """Per story: its text and its mentions, claims only (entities are derived)."""
    found: dict[str, set[tuple[Any, ...]]] = {s["id"]: {("text", s["text"])} for s in export["stories"]}
    for m in export["mentions"]:
        found.setdefault(m["story"], set()).add((m["start"], m["end"], m["text"], m["type"]))
    return {story: frozenset(items) for story, items in found.items()}


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "threadline.cli.main", *args]


@dataclass
class Command:
    """A reader command running as its own process, its output going to files (a full
    pipe would stall it)."""

    args: tuple[str, ...]
    process: subprocess.Popen[bytes]
    out: Path
    err: Path

    @classmethod
    def start(cls, args: tuple[str, ...], url: str, folder: Path, number: int) -> Command:
        out, err = folder / f"reader-{number}.out", folder / f"reader-{number}.err"
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(command(*args, "--db", url), stdout=stdout, stderr=stderr)
        return cls(args, process, out, err)


def read_while_ingesting(corpus: list[str], first: str, url: str, folder: Path) -> ReadReport:
    """Ingest `first` alone (so there are entities to ask for), then all of `corpus`
    while reading; the report of what the readers met."""
    report = ReadReport()
    if subprocess.run(command("ingest", first, "--db", url), capture_output=True, check=False).returncode:
        report.failures.append(f"ingesting {first} failed")
        return report
    writer = subprocess.Popen(command("ingest", *corpus, "--db", url), stderr=subprocess.PIPE, text=True)
    reader, seen, commands = Store(url), [], []
    while writer.poll() is None:
        try:
            with reader.snapshot():
                seen.append(claims_seen(json.loads(export_json(reader))))
        except Exception as exc:  # any failure to read is what this counts
            report.failures.append(f"read {len(seen) + 1}: {exc.__class__.__name__}: {exc}")
        if not commands or commands[-1].process.poll() is not None:
            args = COMMANDS[len(commands) % len(COMMANDS)]
            commands.append(Command.start(args, url, folder, len(commands)))
    if writer.wait():
        report.failures.append(f"the ingest failed: {writer.stderr.read() if writer.stderr else ''}")
    final = claims_seen(json.loads(export_json(reader)))
    reader.close()
    report.reads = len(seen)
    _check_snapshots(seen, final, report)
    for finished in commands:
        _check_command(finished, final, report)
    return report


def _check_snapshots(seen: list[Seen], final: Seen, report: ReadReport) -> None:
    for number, partial in enumerate(seen, 1):
        torn = [story for story, items in partial.items() if final.get(story) != items]
        if torn:
            report.failures.append(f"read {number} saw {len(torn)} stories other than they ended")


def _check_command(reader: Command, final: Seen, report: ReadReport) -> None:
    code = reader.process.wait()
    err = reader.err.read_text(encoding="utf-8", errors="replace")
    report.commands += 1
    report.noted += WRITING_NOTE in err
    if code:
        report.failures.append(f"{' '.join(reader.args)}: exit {code}: {err.strip()[:200]}")
    elif reader.args[0] == "export":
        partial = claims_seen(json.loads(reader.out.read_text(encoding="utf-8")))
        if any(final.get(story) != items for story, items in partial.items()):
            report.failures.append("export: saw a story other than it ended")
