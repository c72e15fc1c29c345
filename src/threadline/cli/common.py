"""What every command shares: the --db option, opening the store, one-line errors."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from threadline.errors import StepFailure, ThreadlineError
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import catch_up

P = ParamSpec("P")
R = TypeVar("R")

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [default: $THREADLINE_DB, else sqlite:///threadline.db]"),
]


def open_store(db: str | None) -> tuple[Settings, Store]:
    settings = Settings.from_env(db_url=db)
    return settings, Store(settings.db_url)


def open_store_to_read(db: str | None) -> tuple[Settings, Store]:
    """A store whose derived rows are brought up to date first where they lag behind
    and no ingest is running; otherwise one line on stderr says they lag."""
    settings, store = open_store(db)
    caught = catch_up(store, settings)
    if caught.note:
        err.print(caught.note, markup=False, soft_wrap=True)
    report_derived_failures(caught.failures)
    return settings, store


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """A ThreadlineError becomes one line on stderr and its exit status, not a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ThreadlineError as exc:
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from exc

    return wrapper


def report_derived_failures(failures: Sequence[StepFailure]) -> bool:
    """One line per unit of a derived step that failed (and was left out); True if any."""
    for failure in failures:
        err.print(f"error: {failure}", markup=False, soft_wrap=True)
    if failures:
        err.print(
            f"{len(failures)} units of the derived steps failed and were left out "
            "(listed above); everything else was written"
        )
    return bool(failures)
