"""One error base class; every message names the input and what to do."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class ThreadlineError(Exception):
    """Base class: the CLI and the API turn these into one clear line."""

    exit_code = 1


class InputError(ThreadlineError):
    """An input (file, record, line) that cannot be read as an article.

    `locator` names the document the input stands for when it is known (a file, a record
    whose id could be read): its version stored before no longer stands. `feed` names the
    JSONL file a line belongs to."""

    def __init__(
        self, origin: str, problem: str, *, locator: str | None = None, feed: str | None = None
    ) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem
        self.locator = locator
        self.feed = feed

    def __reduce__(self) -> tuple[type, tuple[str, str], dict[str, str | None]]:
        # pickled whole, so an error met on a Dask worker reaches the report as it was
        return (InputError, (self.origin, self.problem), {"locator": self.locator, "feed": self.feed})


class ModelError(ThreadlineError):
    """The NLP pipeline is missing, or its weights are not the ones we pinned."""


class DataFileError(ThreadlineError):
    """A vocabulary or knowledge file under data/ is malformed."""


class StoreError(ThreadlineError):
    """The database cannot be opened or written."""


@dataclass(frozen=True, slots=True)
class StepFailure:
    """One unit of a global step (a pair of names, a cluster, a place) that raised: the
    step records it and goes on, so one bad unit never costs the rest of the corpus."""

    step: str  # "duplicates", "resolution", "places", ...
    subject: str  # the names or ids involved, in words
    error: str  # the exception class and its first line

    def __str__(self) -> str:
        return f"{self.step}: {self.subject}: {self.error}"


class Failures:
    """Collects StepFailures; `run` calls a function for one unit and records what it raises."""

    def __init__(self) -> None:
        self.items: list[StepFailure] = []

    def run(self, step: str, subject: str, call: Callable[[], T]) -> T | None:
        try:
            return call()
        except Exception as exc:  # a broken unit must not stop the step
            first_line = (str(exc).splitlines() or [""])[0][:200]
            self.items.append(StepFailure(step, subject, f"{exc.__class__.__name__}: {first_line}"))
            return None

    def __bool__(self) -> bool:
        return bool(self.items)
