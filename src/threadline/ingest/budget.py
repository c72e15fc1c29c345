"""Per-document budgets: a pathological document becomes an error naming it, and the run goes on.

Two budgets, from settings (THREADLINE_MAX_DOCUMENT_CHARS, THREADLINE_MAX_DOCUMENT_SECONDS):
the characters of a document's text and title, checked before any work; and the seconds
its splitting, parsing and extraction may take. The clock is a real-time timer
(SIGALRM), so it stops work that never returns to threadline's own code, and it runs
only where signals can be delivered: in the main thread of a POSIX process, which is
where the CLI ingests. Storing is outside the budget: a document that was analysed in
time is always written whole.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from threadline.errors import InputError
from threadline.nlp.pieces import UnbreakableText
from threadline.records import Document
from threadline.settings import Settings


class _OverTime(BaseException):
    """Raised by the timer. A BaseException, so no `except Exception` on the way (a
    step's own isolation of a failing unit) can swallow it."""


def check_size(document: Document, settings: Settings) -> None:
    """An InputError when the document is over the size budget."""
    size = len(document.text) + len(document.title or "")
    if size > settings.max_document_chars:
        raise InputError(
            document.origin,
            f"document too large ({size:,} characters; the limit is {settings.max_document_chars:,}): "
            "split it, or raise THREADLINE_MAX_DOCUMENT_CHARS",
        )


@contextmanager
def document_budget(document: Document, settings: Settings) -> Iterator[None]:
    """Run the block within the document's budgets; going over either raises an
    InputError naming the document, and so does a text that cannot be cut for parsing."""
    check_size(document, settings)
    seconds = settings.max_document_seconds
    try:
        with _timer(seconds):
            yield
    except _OverTime:
        raise InputError(
            document.origin,
            f"took longer than {seconds:g} seconds to analyse and was left out: "
            "split it, or raise THREADLINE_MAX_DOCUMENT_SECONDS",
        ) from None
    except UnbreakableText as exc:
        raise InputError(document.origin, f"cannot be parsed in pieces: {exc}") from None


class OutOfTime(Exception):
    """A batch of documents went over its time budget (batch_budget)."""


@contextmanager
def batch_budget(seconds: float) -> Iterator[None]:
    """Run the block within `seconds`; over it, OutOfTime (the caller then takes the
    documents one by one, each within its own budget)."""
    try:
        with _timer(seconds):
            yield
    except _OverTime:
        raise OutOfTime from None


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    """Raise _OverTime in this thread after `seconds`; the timer and handler in place
    before are put back afterwards. Child processes started meanwhile (spaCy's, with
    THREADLINE_NLP_PROCESSES) are ended first: spaCy joins them on the way out, and a
    child stuck on one text would otherwise hold the run as long as it takes."""
    if not _can_time() or seconds == float("inf"):
        yield
        return
    before = set(multiprocessing.active_children())

    def expire(_signum: int, _frame: FrameType | None) -> None:
        for child in set(multiprocessing.active_children()) - before:
            child.terminate()
        raise _OverTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
