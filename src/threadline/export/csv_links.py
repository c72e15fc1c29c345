"""One row per relation, for link-analysis tools (Gephi's and Kumu's edge tables,
i2, spreadsheets): `source` and `target` are names (with ids beside them), then
the predicate, the role stated, the first and last report dates, the stories cited
(URL or file), how many sources and independent sources, and the first quote; an
entity linked to a reference file's entry (an OpenSanctions id) names that id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from threadline.export.csv_table import write_table
from threadline.export.reader import GraphReader
from threadline.export.view import Lookup, first_quote, hedged, story_ids

HEADER = (
    "source",
    "target",
    "predicate",
    "role",
    "first_date",
    "last_date",
    "sources",
    "source_count",
    "independent_sources",
    "quote",
    "source_id",
    "target_id",
    "source_type",
    "target_type",
    "source_reference",
    "target_reference",
    "hedged",
    "contested",
    "relation_id",
)


class CsvLinksExporter:
    """A row per relation, written as the relations are read, a batch at a time with
    the entities and stories the batch names (export/reader.py)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, graph: GraphReader) -> None:
        write_table(self.stream, HEADER, _rows(graph))

    def finalize(self) -> None:
        """Every row is written as read."""


def _rows(graph: GraphReader) -> Iterator[dict[str, Any]]:
    for relations, view in graph.batches("relations"):
        yield from (link_row(r, view) for r in relations)


def link_row(relation: dict[str, Any], view: Lookup) -> dict[str, Any]:
    first, last = view.reported(relation)
    subject, obj = view.entities[relation["subject"]], view.entities[relation["object"]]
    return {
        "source": subject["name"],
        "target": obj["name"],
        "predicate": relation["predicate"],
        "role": next((e["role"] for e in relation["evidence"] if e.get("role")), None),
        "first_date": first,
        "last_date": last,
        "sources": [view.citation(s) for s in story_ids(relation)],
        "source_count": relation["sources"],
        "independent_sources": relation["independent_sources"],
        "quote": first_quote(relation),
        "source_id": subject["id"],
        "target_id": obj["id"],
        "source_type": subject["type"],
        "target_type": obj["type"],
        "source_reference": subject.get("reference"),
        "target_reference": obj.get("reference"),
        "hedged": hedged(relation),
        "contested": bool(relation["contested"]),
        "relation_id": relation["id"],
    }
