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

ITEM_INDENT = "    "  # an item's depth in the object: inside its section's list


class JsonExporter:
    """One JSON object with a list per section, each item written as it comes: the items
    arrive section by section (items.py), so a section opens at its first item and
    closes at the next section's, and nothing is held but the section the stream is in.
    The bytes are those of `json.dumps(sections, indent=2, ensure_ascii=False)` (orjson,
    several times faster, writes the same)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.open = -1  # index in SECTIONS of the section being written; -1 before "{"
        self.items = 0  # items written in it

    def write(self, item: Item) -> None:
        self._move_to(SECTIONS.index(item.section), item.section)
        body = orjson.dumps(item.data, option=orjson.OPT_INDENT_2).decode()
        # JSON strings hold no raw newline, so every line break is the layout's: indent it
        self.stream.write(
            ("\n" if self.items == 0 else ",\n") + ITEM_INDENT + body.replace("\n", "\n" + ITEM_INDENT)
        )
        self.items += 1

    def finalize(self) -> None:
        self._move_to(len(SECTIONS), "the end")
        self.stream.write("\n}\n")

    def _move_to(self, index: int, name: str) -> None:
        """Close the open section and write the empty ones up to `index`, opening it."""
        if index < self.open:
            raise ValueError(
                f"json export: {name} came after {SECTIONS[self.open]}; items go section by section"
            )
        while self.open < index:
            if self.open < 0:
                self.stream.write("{\n")
            else:
                self.stream.write("]" if self.items == 0 else "\n  ]")
            self.open, self.items = self.open + 1, 0
            if self.open < len(SECTIONS):
                self.stream.write(("" if self.open == 0 else ",\n") + f'  "{SECTIONS[self.open]}": [')


def build_export(store: Store) -> dict[str, Any]:
    """The export as one dict (what the JSON holds), for callers that read it in Python."""
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for item in graph_items(store):
        sections[item.section].append(item.data)
    return sections


def export_json(store: Store) -> str:
    return json.dumps(build_export(store), ensure_ascii=False, indent=2) + "\n"
