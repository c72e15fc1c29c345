"""What every command shares: the --db option, opening the store, one-line errors.

Whatever goes wrong in a command reaches the user as one line on stderr that names
the input and what to do, and a non-zero exit status; `threadline --debug` (or
THREADLINE_DEBUG=1) shows the traceback instead.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TextIO, TypeVar

import typer
from rich.console import Console

from threadline.errors import StepFailure, StoreError, ThreadlineError

if TYPE_CHECKING:  # the store, settings and pipeline are imported by the commands that use them,
    from threadline.settings import Settings  # so that `--help` answers at once
    from threadline.store import Store

P = ParamSpec("P")
R = TypeVar("R")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
INTERRUPTED = 130  # the shell's status for a command stopped by Ctrl-C

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [default: $THREADLINE_DB, else sqlite:///threadline.db]"),
]


@dataclass
class CliState:
    debug: bool = False  # set by `threadline --debug` or THREADLINE_DEBUG=1


state = CliState()


def open_store(db: str | None, *, existing: bool = False) -> tuple[Settings, Store]:
    """Settings and the store; with `existing`, a SQLite file that is not there is an
    error rather than a new empty store (a command that only reads, or judges what
    was ingested)."""
    from sqlalchemy.exc import DBAPIError

    from threadline.settings import Settings, shown_url
    from threadline.store import Store

    settings = Settings.from_env(db_url=db)
    check_sqlite_file(settings.db_url, existing)
    try:
        return settings, Store(settings.db_url)
    except StoreError as exc:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        reason = _first_line(
            cause.orig if isinstance(cause, DBAPIError) and cause.orig is not None else cause
        )
        hint = (
            "is it a threadline store?"
            if _sqlite_path(settings.db_url)
            else "check the URL and that the server runs"
        )
        raise StoreError(
            f"{shown_url(settings.db_url)}: cannot open the database ({reason}); {hint}"
        ) from exc


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or one in memory."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    path = parsed.database
    if parsed.get_backend_name() != "sqlite" or not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


def check_sqlite_file(url: str, existing: bool) -> None:
    """A SQLite store's folder must be there; with `existing`, its file too."""
    from threadline.settings import shown_url

    path = _sqlite_path(url)
    if path is None or path.is_file():
        return
    if existing:
        raise StoreError(
            f"{shown_url(url)}: no store at {path}; check the path, or ingest into it first "
            f"(threadline ingest FOLDER --db {shown_url(url)})"
        )
    if not path.parent.is_dir():
        raise StoreError(f"{shown_url(url)}: the folder {path.parent} does not exist; create it first")


def one_line(exc: BaseException) -> tuple[str, int]:
    """The line a user sees for an error, and the exit status."""
    from sqlalchemy.exc import DBAPIError, SQLAlchemyError

    if isinstance(exc, ThreadlineError):
        return " ".join(str(exc).split()), exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted; what was written before stands, run the command again to finish", INTERRUPTED
    if isinstance(exc, SQLAlchemyError):
        cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
        return (
            f"database: {_first_line(cause)}; if another threadline is writing to it, "
            "try again when it is done (--debug shows the details)",
            1,
        )
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or _first_line(exc)}", 1
    return (
        f"internal error {exc.__class__.__name__}: {_first_line(exc)}; "
        "run the command again with --debug for the traceback, and report it",
        1,
    )


def _first_line(exc: BaseException) -> str:
    return ((str(exc).strip().splitlines() or [exc.__class__.__name__])[0])[:300]


def open_store_to_read(db: str | None) -> tuple[Settings, Store]:
    """A store whose derived rows are brought up to date first where they lag behind
    and no ingest is running; otherwise one line on stderr says they lag. A SQLite
    file that is not there is an error, not a new empty store."""
    settings, store = open_store(db, existing=True)
    if not store.derived_stale():  # the usual case: nothing to finish, no pipeline imported
        return settings, store
    from threadline.refresh import catch_up

    caught = catch_up(store, settings)
    if caught.note:
        err.print(caught.note, markup=False, soft_wrap=True)
    report_derived_failures(caught.failures)
    return settings, store


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Any error becomes one line on stderr and an exit status, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with data_folder_in_use():
                return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            if state.debug:
                raise
            line, status = one_line(exc)
            err.print(f"error: {line}{_hint(exc)}", markup=False)
            raise typer.Exit(status) from exc

    return wrapper


def _hint(exc: BaseException) -> str:
    """What to try next, where an error suggests it (the query layer says no such thing:
    its messages also reach the HTTP API)."""
    from threadline.query.errors import UnknownEntity

    name = exc.name if isinstance(exc, UnknownEntity) else None
    return f"; try `threadline search {name}`" if name else ""


def data_folder_in_use() -> AbstractContextManager[object]:
    """THREADLINE_DATA reaches every stage the command runs, for that command only (read
    when the command runs, not when `--help` is asked for)."""
    from threadline.settings import data_dir_from_env
    from threadline.vocabulary import using, vocabulary_of

    return using(vocabulary_of(data_dir_from_env()))


def report_derived_failures(failures: Sequence[StepFailure]) -> bool:
    """One line per unit of a derived step that failed (and was left out); True if any."""
    for failure in failures:
        err.print(f"error: {failure}", markup=False)
    if failures:
        err.print(
            f"{len(failures)} units of the derived steps failed and were left out "
            "(listed above); everything else was written"
        )
    return bool(failures)


def writable_file(path: Path, option: str) -> Path:
    """`path` if a file can be written there; checked before any work is done."""
    folder = path.parent
    if path.is_dir():
        raise ThreadlineError(f"{option} {path}: is a folder; name a file in it, e.g. {path / 'export.json'}")
    if not folder.exists():
        raise ThreadlineError(f"{option} {path}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise ThreadlineError(f"{option} {path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK):
        raise ThreadlineError(f"{option} {path}: cannot write in {folder} (permission denied)")
    return path


@contextmanager
def file_written_whole(path: Path, option: str) -> Iterator[TextIO]:
    """A text stream whose content lands at `path` only if the block ends without an
    error (a temporary file beside it, then renamed), written as it comes, not held."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as stream:
            yield stream
        os.replace(temporary, path)
    except OSError as exc:
        raise ThreadlineError(f"{option} {path}: cannot write it: {exc.strerror}") from exc
    finally:
        temporary.unlink(missing_ok=True)
