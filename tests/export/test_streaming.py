"""The export streams: items are built as the store's rows are read, and the JSON
exporter writes each item before the next one is made, so memory follows an item,
not the store, and the bytes stay those of the whole object written at once."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path

import orjson
import pytest
from tests.export.support import sqlite_url

from threadline.export.items import graph_items
from threadline.export.json_export import JsonExporter
from threadline.export.protocol import SECTIONS, Item
from threadline.records import Mention, Story
from threadline.store import Store, stream


def live(kind: type) -> int:
    """Instances of `kind` alive now (records are garbage-collected objects)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is kind)


def first_of(items: Iterator[Item], section: str) -> Item:
    return next(item for item in items if item.section == section)


def test_items_are_made_as_rows_are_read_not_from_the_whole_store(
    examples_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "ROWS_PER_FETCH", 4)
    store = Store(sqlite_url(examples_db))
    counts = store.counts()
    stories, mentions = live(Story), live(Mention)
    items = graph_items(store)
    first_of(items, "stories")
    assert live(Story) - stories <= 8 < counts["stories"]
    first_of(items, "mentions")
    assert live(Mention) - mentions <= 8 < counts["mentions"]
    items.close()


def test_the_json_exporter_writes_each_item_before_the_next_is_made(
    examples_db: Path, exported: Callable[[str], str]
) -> None:
    out = io.StringIO()
    exporter = JsonExporter(out)
    written: list[int] = []

    def watched() -> Iterator[Item]:
        for item in graph_items(Store(sqlite_url(examples_db))):
            written.append(len(out.getvalue()))  # what the exporter had written when this item was made
            yield item

    for item in watched():
        exporter.write(item)
    exporter.finalize()
    assert len(written) > 100
    assert all(earlier < later for earlier, later in pairwise(written))
    assert out.getvalue() == exported("json")


def test_the_streamed_json_is_the_whole_object_written_at_once() -> None:
    sections: dict[str, list[object]] = {name: [] for name in SECTIONS}
    sections["stories"] = [{"text": 'two\nlines, "quoted", é', "zones": [], "dateline": None}, {"n": 1.5}]
    sections["events"] = [{"roles": {}, "evidence": [{"attribution": {"kind": "outlet"}}]}]
    out = io.StringIO()
    exporter = JsonExporter(out)
    for name, items in sections.items():
        for data in items:
            exporter.write(Item(name, data))  # type: ignore[arg-type]
    exporter.finalize()
    assert out.getvalue() == orjson.dumps(sections, option=orjson.OPT_INDENT_2).decode() + "\n"


def test_an_empty_export_is_every_section_empty() -> None:
    out = io.StringIO()
    JsonExporter(out).finalize()
    assert orjson.loads(out.getvalue()) == {name: [] for name in SECTIONS}


def test_an_item_of_a_section_already_closed_is_refused() -> None:
    exporter = JsonExporter(io.StringIO())
    exporter.write(Item("entities", {"id": "e"}))
    with pytest.raises(ValueError, match="stories came after entities"):
        exporter.write(Item("stories", {"id": "s"}))
