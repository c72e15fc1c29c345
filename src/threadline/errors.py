"""One error base class; every message names the input and what to do."""

from __future__ import annotations


class ThreadlineError(Exception):
    """Base class: the CLI and the API turn these into one clear line."""

    exit_code = 1


class InputError(ThreadlineError):
    """An input (file, record, line) that cannot be read as an article."""

    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class ModelError(ThreadlineError):
    """The NLP pipeline is missing, or its weights are not the ones we pinned."""


class DataFileError(ThreadlineError):
    """A vocabulary or knowledge file under data/ is malformed."""


class StoreError(ThreadlineError):
    """The database cannot be opened or written."""
