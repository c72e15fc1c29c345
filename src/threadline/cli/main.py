"""The `threadline` command: each command wraps an importable function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from threadline.cli import entities
from threadline.cli.common import (
    DbOption,
    err,
    open_store,
    open_store_to_read,
    out,
    report_derived_failures,
    reports_errors,
)
from threadline.errors import ThreadlineError
from threadline.export.json_export import build_export, export_json
from threadline.export.summary import summarize
from threadline.workflow import ingest as run_ingest

app = typer.Typer(
    help="News reports in, an evidence-backed knowledge graph out.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


def progress_bar() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} docs"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


@app.command()
@reports_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), or - for JSONL on stdin")],
    db: DbOption = None,
) -> None:
    """Read articles, extract entities, relations and events, and store them."""
    settings, store = open_store(db)
    with progress_bar() as progress:
        task = progress.add_task("ingesting", total=None)
        stdin = sys.stdin if "-" in paths else None
        report = run_ingest(paths, store, settings, stdin, lambda origin: progress.advance(task))
    for line in report.errors:
        err.print(f"error: {line}", markup=False)
    err.print(
        f"{report.written} documents stored ({report.stories} stories), {report.unchanged} unchanged, "
        f"{len(report.errors)} failed"
    )
    report_derived_failures(report.derived_failures)
    if report.failed:
        raise typer.Exit(1)


@app.command()
@reports_errors
def export(
    fmt: Annotated[str, typer.Option("--format", help="Export format: json")] = "json",
    db: DbOption = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File [default: stdout]")] = None,
) -> None:
    """Write the store in an exchange format."""
    if fmt != "json":
        raise ThreadlineError(f"--format {fmt}: unknown format; available: json")
    _, store = open_store_to_read(db)
    with store.snapshot():  # an ingest writing meanwhile: its documents whole or not at all
        text = export_json(store)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


@app.command()
@reports_errors
def stats(db: DbOption = None) -> None:
    """Counts, entities by type, and the ten most connected entities with their aliases."""
    _, store = open_store_to_read(db)
    with store.snapshot():
        summary = summarize(build_export(store))
    out.print(" ".join(f"{k}: {v}" for k, v in summary.counts.items()))
    out.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()))
    table = Table(title="Most connected entities")
    for column in ("entity", "type", "links", "aliases"):
        table.add_column(column)
    for name, kind, degree, aliases in summary.top_entities:
        table.add_row(name, kind, str(degree), ", ".join(aliases))
    out.print(table)


for command in (entities.entity, entities.merge, entities.split, entities.rename):
    app.command()(command)
app.add_typer(entities.kb_app, name="kb")


if __name__ == "__main__":
    app()
