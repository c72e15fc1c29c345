"""The fuzzing harness: every input ends in stored stories or one line naming it.

Two depths. `check_read` runs the readers (files and stdin), encoding detection, HTML
extraction, cleaning and splitting over one input: fast, so it takes most of the
budget and is what atheris drives. `check_ingest` runs the whole ingest over one input
into a real SQLite store: the same readers, then the budgets, spaCy, extraction, the
store and the whole-run steps.

An outcome is a crash when an exception escapes, an error says "internal error" (the
ingest's last guard caught something nothing else did), an error spans more than one
line, or does not start with the input's name; it is a hang when one input takes longer
than `hang_seconds` (a watchdog interrupts it). A Tally counts inputs, crashes and hangs
and keeps the first few crashes for the report.
"""

from __future__ import annotations

import _thread
import io
import logging
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.fuzz.cases import Case

from threadline.errors import InputError
from threadline.ingest import read_inputs, split_document
from threadline.ingest.readers import STDIN, STDIN_NAME
from threadline.records import Document
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

HANG_SECONDS = 120.0


@dataclass
class Tally:
    inputs: int = 0
    crashes: int = 0
    hangs: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.crashes += other.crashes
        self.hangs += other.hangs
        self.examples += other.examples[: max(0, 5 - len(self.examples))]

    def crash(self, case: Case, problem: str) -> None:
        self.crashes += 1
        if len(self.examples) < 5:
            shown = case.data[:4000]  # enough to replay a generated input (tests/fuzz/cases.py)
            self.examples.append(
                f"crash on {case.how} ({case.format}, {len(case.data):,} bytes): {problem}; input: {shown!r}"
            )

    def hang(self, case: Case, seconds: float) -> None:
        self.hangs += 1
        if len(self.examples) < 5:
            self.examples.append(
                f"hang on {case.how} ({case.format}, {len(case.data):,} bytes): {seconds:.0f} s"
            )


def line_problem(message: str, origin: str) -> str | None:
    """What is wrong with an error line the user would see, or None."""
    if "\n" in message or "\r" in message:
        return f"error of several lines: {message[:200]!r}"
    if "internal error" in message:
        return f"internal error: {message[:300]}"
    if not message.startswith(origin):
        return f"error that does not name {origin!r}: {message[:200]!r}"
    return None


@contextmanager
def watchdog(seconds: float) -> Iterator[Callable[[], bool]]:
    """Interrupt the main thread (KeyboardInterrupt) if the block runs past `seconds`;
    yields a function that says whether it fired."""
    fired = threading.Event()

    def bark() -> None:
        fired.set()
        _thread.interrupt_main()

    timer = threading.Timer(seconds, bark)
    timer.daemon = True
    timer.start()
    try:
        yield fired.is_set
    finally:
        timer.cancel()


def _items(case: Case, folder: Path) -> tuple[str, list[Document | InputError]]:
    if case.format == "stdin":
        stdin = io.TextIOWrapper(io.BytesIO(case.data), encoding="utf-8", errors="strict")
        return STDIN_NAME, list(read_inputs([STDIN], stdin))
    path = folder / f"input{case.suffix}"
    path.write_bytes(case.data)
    return str(path), list(read_inputs([str(path)]))


def _check_items(case: Case, origin: str, items: list[Document | InputError], tally: Tally) -> None:
    if not items:
        tally.crash(case, "no story and no error")
    for item in items:
        if isinstance(item, InputError):
            problem = line_problem(str(item), origin)
            if problem:
                tally.crash(case, problem)
            continue
        stories = split_document(item)
        for k, story in enumerate(stories):
            if story.index != k or story.text != "\n\n".join(
                story.text[b.start : b.end] for b in story.blocks
            ):
                tally.crash(case, f"story {k} of {item.origin} is malformed")


def check_read(case: Case, tally: Tally, hang_seconds: float = HANG_SECONDS) -> None:
    """Readers, encoding, HTML, cleaning and splitting over one input."""
    tally.inputs += 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, watchdog(hang_seconds) as fired:
        try:
            origin, items = _items(case, Path(tmp))
            _check_items(case, origin, items, tally)
        except KeyboardInterrupt:
            if not fired():
                raise
            tally.hang(case, time.perf_counter() - started)
        except Exception as exc:  # the crash being looked for
            tally.crash(case, _first_frame(exc))


class _InternalErrors(logging.Handler):
    """Where each internal error the ingest caught was raised (the workflow logs its
    traceback at debug level), so that a crash report names the frame."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.frames: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            self.frames.append(_first_frame(record.exc_info[1]))


@contextmanager
def internal_errors() -> Iterator[_InternalErrors]:
    logger = logging.getLogger("threadline.workflow")
    handler, level = _InternalErrors(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def check_ingest(
    case: Case, store: Store, settings: Settings, tally: Tally, hang_seconds: float = HANG_SECONDS
) -> None:
    """The whole ingest over one input into `store`: stories stored, or one line per bad part."""
    tally.inputs += 1
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, watchdog(hang_seconds) as fired, internal_errors() as caught:
        try:
            if case.format == "stdin":
                origin = STDIN_NAME
                stdin = io.TextIOWrapper(io.BytesIO(case.data), encoding="utf-8")
                report = ingest([STDIN], store, settings, stdin=stdin)
            else:
                path = Path(tmp) / f"input{case.suffix}"
                path.write_bytes(case.data)
                origin = str(path)
                report = ingest([origin], store, settings)
            for message in report.errors:
                problem = line_problem(message, origin)
                if problem:
                    where = f" (raised: {'; '.join(caught.frames)})" if caught.frames else ""
                    tally.crash(case, problem + where)
            for failure in report.derived_failures:
                tally.crash(case, f"whole-run step failed: {failure}")
            if not (report.written or report.unchanged or report.errors):
                tally.crash(case, "no story stored and no error")
        except KeyboardInterrupt:
            if not fired():
                raise
            tally.hang(case, time.perf_counter() - started)
        except Exception as exc:  # the crash being looked for
            tally.crash(case, _first_frame(exc))


def _first_frame(exc: BaseException) -> str:
    """The exception and the innermost frame of threadline's that raised it."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "threadline" in f.filename]
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{exc.__class__.__name__}: {str(exc)[:200]}{where}"
