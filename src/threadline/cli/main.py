"""The `threadline` command: each command wraps an importable function."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from threadline.cli import entities, workbench
from threadline.cli.common import (
    DbOption,
    err,
    file_written_whole,
    one_line,
    open_store,
    open_store_to_read,
    out,
    report_derived_failures,
    reports_errors,
    state,
    writable_file,
)
from threadline.cli.progress import IngestProgress, working
from threadline.errors import ThreadlineError

if TYPE_CHECKING:
    from threadline.export.summary import Summary
    from threadline.settings import Settings
    from threadline.store import Store
    from threadline.workflow import IngestReport

# The pipeline, the exporters and the web stack are imported by the commands that use
# them, not here: `threadline --help` (and every command's) answers at once.


def run_export(store: Store, fmt: str, stream: TextIO) -> None:
    from threadline.export import export

    export(store, fmt, stream)


def __getattr__(name: str) -> Any:
    """`EXPORTERS`, imported when first reached for (a test may replace it)."""
    if name == "EXPORTERS":
        from threadline.export import EXPORTERS

        return EXPORTERS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def summarize(export: Any) -> Summary:
    from threadline.export.summary import summarize as summary_of

    return summary_of(export)


class ThreadlineApp(typer.Typer):
    """The app, run as a program: a usage error is one line too, not a boxed panel."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            status = super().__call__(*args, **{**kwargs, "standalone_mode": False})
        except Exception as exc:  # raised outside a command's own reporting
            if state.debug and not _is_usage_error(exc):
                raise
            sys.exit(_report_uncaught(exc))
        sys.exit(status if isinstance(status, int) else 0)


def _is_usage_error(exc: Exception) -> bool:
    """Click's errors (a bad option, a missing argument), whichever click typer runs on."""
    return callable(getattr(exc, "format_message", None)) and isinstance(getattr(exc, "exit_code", None), int)


def _report_uncaught(exc: Exception) -> int:
    """One line for an error no command reported; the exit status."""
    if _is_usage_error(exc):
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "threadline"
        message = exc.format_message().rstrip(".")  # type: ignore[attr-defined]
        err.print(f"error: {message} (see `{command} --help`)", markup=False)
        return int(exc.exit_code)  # type: ignore[attr-defined]
    if type(exc).__name__ == "Abort":  # Ctrl-C while click was reading input
        err.print("error: interrupted; what was written before stands", markup=False)
        return 1
    line, status = one_line(exc)
    err.print(f"error: {line}", markup=False)
    return status


app = ThreadlineApp(
    help="News reports in, an evidence-backed knowledge graph out.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # plain click help: rich.markdown alone costs a tenth of a second
)


@app.callback()
def main(
    ctx: typer.Context,
    debug: Annotated[
        bool, typer.Option("--debug", help="On an error, show the traceback (also THREADLINE_DEBUG=1)")
    ] = False,
) -> None:
    """News reports in, an evidence-backed knowledge graph out."""
    state.debug = debug or os.environ.get("THREADLINE_DEBUG", "") not in ("", "0", "false", "no")
    # THREADLINE_DATA is put in use by each command as it runs (cli/common.reports_errors)


@app.command()
@reports_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive), or - for JSONL on stdin")],
    db: DbOption = None,
    engine: Annotated[
        str, typer.Option(help="local: this process; dask: the per-story work on a Dask cluster")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option(help="with --engine dask: address of a running Dask scheduler")
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(help="with --engine dask: local worker processes (default: one per core; 0: none)"),
    ] = None,
    failed: Annotated[
        Path | None, typer.Option(help="with --engine dask: write the records that failed, with why, here")
    ] = None,
    nlp_processes: Annotated[
        int | None,
        typer.Option(
            min=1, help="with --engine local: spaCy processes parsing the stories (THREADLINE_NLP_PROCESSES)"
        ),
    ] = None,
) -> None:
    """Read articles, extract entities, relations and events, and store them."""
    if engine not in ("local", "dask"):
        raise ThreadlineError(f"--engine {engine!r}: use local or dask")
    if engine == "dask" and nlp_processes is not None:
        raise ThreadlineError("--nlp-processes is for --engine local; with dask, use --workers")
    settings, store = open_store(db)
    if nlp_processes is not None:
        settings = dataclasses.replace(settings, nlp_processes=nlp_processes)
    if engine == "dask":
        report = ingest_on_dask(paths, store, settings, scheduler, workers, failed)
    else:
        from threadline.workflow import ingest as run_ingest

        with IngestProgress(err, paths) as progress:
            stdin = sys.stdin if "-" in paths else None
            report = run_ingest(paths, store, settings, stdin, progress.document_done, progress.stage)
    print_report(report)
    if report.failed:
        raise typer.Exit(1)


def ingest_on_dask(
    paths: list[str],
    store: Store,
    settings: Settings,
    scheduler: str | None,
    workers: int | None,
    failed: Path | None,
) -> IngestReport:
    if "-" in paths:
        raise ThreadlineError("--engine dask reads files and folders, not stdin")
    from threadline.scale.cluster import dask_client
    from threadline.scale.dask_engine import ingest_with_dask

    with contextlib.ExitStack() as stack:
        failed_out = stack.enter_context(failed.open("w", encoding="utf-8")) if failed else None
        client = stack.enter_context(dask_client(scheduler, workers))
        progress = stack.enter_context(IngestProgress(err, paths))
        run = ingest_with_dask(
            paths, store, settings, client, failed_out=failed_out, on_document=progress.document_done
        )
    err.print(f"dask: {run.partitions} partitions analysed, {run.skipped} documents already stored")
    return run.report


def print_report(report: IngestReport) -> None:
    for line in report.errors:
        err.print(f"error: {line}", markup=False)
    for line in report.warnings:
        err.print(f"warning: {line}", markup=False)
    for line in report.notes:
        err.print(line, markup=False)
    removed = f", {report.removed} removed" if report.removed else ""
    err.print(
        f"{report.written} documents stored ({report.stories} stories), {report.unchanged} unchanged"
        f"{removed}, {len(report.errors)} failed",
        markup=False,
    )
    report_derived_failures(report.derived_failures)


@app.command()
@reports_errors
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="json, ftm, stix, gexf, graphml, csv-events, csv-links, or one an installed package adds",
        ),
    ] = "json",
    db: DbOption = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File [default: stdout]")] = None,
) -> None:
    """Write the stored graph in an exchange format (docs/exports.md), to stdout unless -o."""
    EXPORTERS = globals().get("EXPORTERS") or __getattr__("EXPORTERS")

    if fmt not in EXPORTERS.names():
        available = ", ".join(sorted(EXPORTERS.names()))
        raise ThreadlineError(f"--format {fmt}: unknown format; available: {available}")
    target = writable_file(output, "-o") if output is not None else None  # before the work, not after
    _, store = open_store_to_read(db)
    # in one snapshot (an ingest writing meanwhile is seen whole or not at all), streamed
    # to a file: nothing reaches stdout or -o unless the export finishes
    if target is not None:
        with file_written_whole(target, "-o") as stream:
            run_export(store, fmt, stream)
        return
    with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
        run_export(store, fmt, spool)
        spool.seek(0)
        shutil.copyfileobj(spool, sys.stdout)


@app.command()
@reports_errors
def rebuild(db: DbOption = None) -> None:
    """Recompute the whole derived layer from the stored claims (after an upgrade, or
    a change of the knowledge files): duplicates, entities, places, events, facts."""
    from threadline.refresh import rebuild_derived

    settings, store = open_store(db, existing=True)
    with working(err, "resolving names, places, events and facts; writing the derived layer"):
        rebuilt = rebuild_derived(store, settings)
    counts = ", ".join(f"{name} {n}" for name, n in rebuilt.counts.items())
    err.print(f"rebuilt the derived layer: {counts}; {len(rebuilt.failures)} units failed", markup=False)
    if report_derived_failures(rebuilt.failures):
        raise typer.Exit(1)


@app.command()
@reports_errors
def stats(db: DbOption = None) -> None:
    """Counts, entities by type, and the ten most connected entities with their aliases."""
    from rich.table import Table
    from rich.text import Text

    from threadline.export.json_export import build_export

    _, store = open_store_to_read(db)
    with store.snapshot():
        summary = summarize(build_export(store))
    out.print(" ".join(f"{k}: {v}" for k, v in summary.counts.items()))
    out.print("entities by type: " + ", ".join(f"{k} {v}" for k, v in summary.entities_by_type.items()))
    table = Table(title="Most connected entities")
    for column in ("entity", "type", "links", "aliases"):
        table.add_column(column)
    for name, kind, degree, aliases in summary.top_entities:
        table.add_row(Text(name), kind, str(degree), Text(", ".join(aliases)))  # names as written, not markup
    out.print(table)


@app.command()
@reports_errors
def steps(db: DbOption = None) -> None:
    """The global steps that made the stored graph: the last run of each, with its
    version, the claims generation it followed and the rows it wrote per table."""
    _, store = open_store_to_read(db)
    for run in store.last_step_runs():
        rows = ", ".join(f"{name} {n}" for name, n in run.rows.items()) or "no rows"
        line = f"{run.step} {run.version}: claims generation {run.generation}, {rows}; {run.started} to {run.finished}"
        out.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command("check-data")
@reports_errors
def check_data(
    folder: Annotated[
        Path | None, typer.Argument(help="A data folder [default: THREADLINE_DATA, else the bundled one]")
    ] = None,
) -> None:
    """Check a folder of vocabulary files: one line per problem, naming the file and key."""
    from threadline.settings import data_dir_from_env
    from threadline.vocabulary_check import check_data as find_data_problems

    where = folder if folder is not None else data_dir_from_env()
    problems = find_data_problems(where)
    for problem in problems:
        out.print(problem.line(), markup=False, highlight=False, soft_wrap=True)
    if problems:
        err.print(f"{where}: {len(problems)} problem(s)", markup=False)
        raise typer.Exit(1)
    err.print(f"{where}: no problems", markup=False)


for command in (entities.entity, entities.merge, entities.split, entities.rename):
    app.command()(command)
app.add_typer(entities.kb_app, name="kb")
workbench.register(app)
app.command()(__import__("threadline.cli.serve", fromlist=["serve"]).serve)  # web stack imported when run


if __name__ == "__main__":
    app()
