"""Progress of long work on stderr: a bar with documents done of the total, the stage
and an estimate of the time left, on a terminal; nothing live when stderr is piped (the
command's one-line summary says what was done).

The ingest workflow reports each document when it is stored (read, parsed by the NLP
pipeline, extracted and written); after the last one it resolves names, places, events
and facts over the whole store, which the bar shows as its own stage."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

DOCUMENTS = "reading, NLP and writing documents"
RESOLVING = "resolving names, places, events and facts; writing them"


def count_documents(paths: Sequence[str]) -> int | None:
    """How many documents the inputs hold (a JSONL file: its non-blank lines); None when
    one is stdin, which cannot be counted before it is read."""
    from threadline.ingest.readers import FORMATS

    total = 0
    for name in paths:
        if name == "-":
            return None
        path = Path(name)
        files = [path] if path.is_file() else _files_under(path, FORMATS) if path.is_dir() else []
        total += sum(_documents_in(f) for f in files) or 1  # a path with nothing is one error
    return total


def _files_under(folder: Path, formats: dict[str, str]) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in formats]
    return found


def _documents_in(path: Path) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip()) or 1
    except OSError:
        return 1


def _bar(console: Console) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs, ETA"),
        TimeRemainingColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )


class IngestProgress:
    """The bar of one ingest: documents done of the total, then the whole-store stage."""

    def __init__(self, console: Console, paths: Sequence[str]) -> None:
        self.progress = _bar(console)
        self.total = count_documents(paths) if console.is_terminal else None
        self.done = 0
        self.task: TaskID | None = None

    def __enter__(self) -> IngestProgress:
        self.progress.__enter__()
        self.task = self.progress.add_task(DOCUMENTS, total=self.total)
        return self

    def document_done(self, origin: str) -> None:
        """Called by the workflow after each document, stored or refused."""
        if self.task is None:
            return
        self.done += 1
        total = max(self.total or 0, self.done)
        stage = RESOLVING if self.total is not None and self.done >= self.total else DOCUMENTS
        self.progress.update(self.task, completed=self.done, total=total, description=stage)

    def stage(self, name: str) -> None:
        """Called by the workflow as each stage starts (reading, NLP and extraction,
        writing, resolving ...): the bar says which one the run is in."""
        if self.task is not None:
            self.progress.update(self.task, description=name)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.progress.__exit__(kind, exc, tb)


@contextmanager
def working(console: Console, stage: str) -> Iterator[None]:
    """A spinner with the stage and the time elapsed, for work with no count of units."""
    progress = Progress(
        SpinnerColumn(),
        TextColumn(stage),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with progress:
        progress.add_task(stage, total=None)
        yield
