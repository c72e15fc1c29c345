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
            table.add_row(*(_shown(row.get(c), Text) for c in columns))
        # piped, a table keeps whole lines (a terminal wraps it to its width)
        wide = out if out.is_terminal else Console(file=out.file, width=240, highlight=False)
        wide.print(table)


def _shown(value: Any, text: Any) -> Any:
    """A cell as rich Text: as given when it is one already (styled), else plain."""
    return value if isinstance(value, text) else text(_cell(value))


def highlighted(snippet: str, matches: Sequence[tuple[int, int]]) -> Any:
    """A snippet as rich Text with its matched words in reverse video: exactly the
    matched spans, whatever brackets the text holds (a terminal shows them; piped, the
    table is plain text, and `--format json` or `csv` give the spans)."""
    from rich.text import Text

    shown = Text(snippet)
    for start, end in matches:
        shown.stylize("bold reverse", start, end)
    return shown


def spans_cell(matches: Sequence[tuple[int, int]]) -> str:
    """Spans as a CSV cell: "start-end" pairs, space-separated."""
    return " ".join(f"{start}-{end}" for start, end in matches)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)
