"""A CSV table with a fixed header, as spreadsheets, pandas and link-analysis tools read it:
the header always, one row per record, RFC 4180 quoting, `;` between several values."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TextIO

if TYPE_CHECKING:
    from threadline.export.protocol import Section
    from threadline.export.reader import GraphReader
    from threadline.export.view import Lookup

JOIN = "; "


class SectionTable:
    """A CSV exporter of one section of the graph: a row per item (`row`), written as
    the items are read, a batch at a time with the entities and stories the batch
    names (export/reader.py)."""

    section: ClassVar[Section]
    header: ClassVar[Sequence[str]]

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def row(self, item: dict[str, Any], view: Lookup) -> dict[str, Any]:
        raise NotImplementedError

    def read(self, graph: GraphReader) -> None:
        rows = (self.row(item, view) for items, view in graph.batches(self.section) for item in items)
        write_table(self.stream, self.header, rows)

    def finalize(self) -> None:
        """Every row is written as read."""


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
