"""A CSV table with a fixed header, as spreadsheets, pandas and link-analysis tools read it:
the header always, one row per record, RFC 4180 quoting, `;` between several values."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

JOIN = "; "


def write_table(stream: TextIO, header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    writer = csv.DictWriter(stream, fieldnames=list(header), lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return JOIN.join(str(v) for v in value if v)
    return value
