"""The `threadline` command: each command wraps an importable function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from threadline.errors import ThreadlineError
from threadline.export.json_export import build_export, export_json
from threadline.export.summary import summarize
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest as run_ingest

app = typer.Typer(help="News reports in, an evidence-backed knowledge graph out.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL [default: $THREADLINE_DB, else sqlite:///threadline.db]"),
]


def open_store(db: str | None) -> tuple[Settings, Store]:
    settings = Settings.from_env(db_url=db)
    return settings, Store(settings.db_url)


def fail(exc: ThreadlineError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
    return typer.Exit(exc.exit_code)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), or - for JSONL on stdin")],
    db: DbOption = None,
) -> None:
    """Read articles, extract entities, relations and events, and store them."""
    try:
        settings, store = open_store(db)
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed} docs"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        ) as progress:
            task = progress.add_task("ingesting", total=None)
            stdin = sys.stdin if "-" in paths else None
            report = run_ingest(paths, store, settings, stdin, lambda origin: progress.advance(task))
    except ThreadlineError as exc:
        raise fail(exc) from exc
    for line in report.errors:
        err.print(f"error: {line}", markup=False, highlight=False)
    err.print(
        f"{report.written} documents stored ({report.stories} stories), {report.unchanged} unchanged, "
        f"{len(report.errors)} failed",
        highlight=False,
    )
    if report.errors:
        raise typer.Exit(1)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="Export format: json")] = "json",
    db: DbOption = None,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write [default: stdout]")
    ] = None,
) -> None:
    """Write the store in an exchange format."""
    if fmt != "json":
        raise fail(ThreadlineError(f"--format {fmt}: unknown format; available: json"))
    try:
        _, store = open_store(db)
        text = export_json(store)
    except ThreadlineError as exc:
        raise fail(exc) from exc
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
def stats(db: DbOption = None) -> None:
    """Counts, entities by type, and the ten most connected entities with their aliases."""
    try:
        _, store = open_store(db)
        summary = summarize(build_export(store))
    except ThreadlineError as exc:
        raise fail(exc) from exc
    out.print(" ".join(f"{k}: {v}" for k, v in summary.counts.items()), highlight=False)
    out.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()))
    table = Table(title="Most connected entities")
    for column in ("entity", "type", "links", "aliases"):
        table.add_column(column)
    for name, kind, degree, aliases in summary.top_entities:
        table.add_row(name, kind, str(degree), ", ".join(aliases))
    out.print(table)


if __name__ == "__main__":
    app()
