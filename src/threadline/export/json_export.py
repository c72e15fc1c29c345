"""The benchmark JSON export (../shared/eval/README.md): stories, entities,
mentions, relations and events, each fact with its verbatim evidence; beside them
the claims of responsibility and the denials that match no asserted fact.

Each evidence item carries its own modality and attribution (who says so, through
which outlet). A fact that one source asserts and another denies is exported once,
`contested`, its dissenting evidence under `disputed_by`; a fact only denied is no
fact: it goes under `denials`. All of it is read from the stored graph (items.py);
ordering is fixed everywhere, so the same store always gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

import orjson

from threadline.export.items import graph_items
from threadline.export.protocol import SECTIONS, Item
from threadline.store import Store


class JsonExporter:
    """One JSON object with a list per section, written when finalized (JSON has no
    way to append to a list already closed)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}

    def write(self, item: Item) -> None:
        self.sections[item.section].append(item.data)

    def finalize(self) -> None:
        # orjson writes the bytes json.dumps(indent=2, ensure_ascii=False) would, several times faster
        self.stream.write(orjson.dumps(self.sections, option=orjson.OPT_INDENT_2).decode() + "\n")


def build_export(store: Store) -> dict[str, Any]:
    """The export as one dict (what the JSON holds), for callers that read it in Python."""
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for item in graph_items(store):
        sections[item.section].append(item.data)
    return sections


def export_json(store: Store) -> str:
    return json.dumps(build_export(store), ensure_ascii=False, indent=2) + "\n"
