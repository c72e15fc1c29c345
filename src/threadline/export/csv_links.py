"""One row per relation, for link-analysis tools (Gephi's and Kumu's edge tables,
i2, spreadsheets): `source` and `target` are names (with ids beside them), then
the predicate, the role stated, the first and last report dates, the stories cited
(URL or file), how many sources and independent sources, and the first quote; an
entity linked to a reference file's entry (an OpenSanctions id) names that id."""

from __future__ import annotations

from typing import Any

from threadline.export.csv_table import SectionTable
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


class CsvLinksExporter(SectionTable):
    """A row per relation, written as the relations are read (csv_table.SectionTable)."""

    section = "relations"
    header = HEADER

    def row(self, item: dict[str, Any], view: Lookup) -> dict[str, Any]:
        return link_row(item, view)


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
