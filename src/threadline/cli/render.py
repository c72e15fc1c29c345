"""Listings in three shapes: a table for people, JSON (the query records whole) and CSV
(the table's columns) for programs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from threadline.cli.common import out
from threadline.errors import ThreadlineError

FORMATS = ("table", "json", "csv")
FormatOption = Annotated[str, typer.Option("--format", help="Output: table, json or csv")]


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ThreadlineError(f"--format {fmt}: unknown; use one of {', '.join(FORMATS)}")
    return fmt


def emit(
    fmt: str, records: Any, rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None = None
) -> None:
    """`records` (JSON-ready) for json; `rows` cut to `columns` for table and csv."""
    if fmt == "json":
        out.print(json.dumps(records, ensure_ascii=False, indent=2), markup=False, highlight=False)
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: _cell(row.get(c)) for c in columns} for row in rows)
        out.file.write(buffer.getvalue())
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        # Text, not markup: article words in brackets ("[drones]" of a snippet) stay as written
        table = Table(title=Text(title) if title else None, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_cell(row.get(c))) for c in columns))
        # piped, a table keeps whole lines (a terminal wraps it to its width)
        wide = out if out.is_terminal else Console(file=out.file, width=240, highlight=False)
        wide.print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
