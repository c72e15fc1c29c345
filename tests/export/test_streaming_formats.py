"""Every format but JSON reads the graph a batch at a time (export/reader.py): the
items alive while it exports stay a few batches' worth, not the store's, and a
format written line by line has written a batch before it reads the next. Each is
still the golden file, byte for byte (test_golden.py), batches of any size."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, ClassVar

import pytest
from tests.export.support import sqlite_url

from threadline.export import EXPORTERS, export, reader
from threadline.store import Store, stream

FORMATS = ("csv-events", "csv-links", "ftm", "stix", "gexf", "graphml")
LINE_BY_LINE = ("csv-events", "csv-links", "ftm")  # the rest head their file with what all of it declares
BATCH = 3


class Tracked(dict[str, Any]):
    """An item (or a looked-up entity) that counts how many of its kind are alive."""

    alive: ClassVar[int] = 0
    most: ClassVar[int] = 0
    made: ClassVar[int] = 0

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        Tracked.alive += 1
        Tracked.made += 1
        Tracked.most = max(Tracked.most, Tracked.alive)

    def __del__(self) -> None:
        Tracked.alive -= 1


def tracking(made: Callable[..., Any]) -> Callable[..., Any]:
    def tracked(*args: Any) -> Any:
        return (Tracked(item) for item in made(*args))

    return tracked


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "BATCH", BATCH)
    monkeypatch.setattr(stream, "ROWS_PER_FETCH", BATCH)


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_items_alive_while_exporting_are_a_few_batches_not_the_store(
    fmt: str, examples_db: Path, exported: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "section_items", tracking(reader.section_items))
    entity_item = reader.entity_item
    monkeypatch.setattr(reader, "entity_item", lambda *args: Tracked(entity_item(*args)))
    Tracked.alive = Tracked.most = Tracked.made = 0
    out = io.StringIO()
    export(Store(sqlite_url(examples_db)), fmt, out)
    assert out.getvalue() == exported(fmt)
    assert Tracked.most <= 8 * BATCH < Tracked.made  # gathered whole, `most` would be `made`


@pytest.mark.usefixtures("small_batches")
@pytest.mark.parametrize("fmt", LINE_BY_LINE)
def test_a_line_by_line_format_writes_each_batch_before_reading_the_next(
    fmt: str, examples_db: Path, exported: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    written: list[int] = []
    batches = reader.GraphReader.batches

    def watched(self: reader.GraphReader, section: Any) -> Iterator[Any]:
        for batch in batches(self, section):
            written.append(len(out.getvalue()))  # what the exporter had written when this batch was read
            yield batch

    monkeypatch.setattr(reader.GraphReader, "batches", watched)
    export(Store(sqlite_url(examples_db)), fmt, out)
    assert out.getvalue() == exported(fmt)
    assert len(written) > 2
    assert all(earlier < later for earlier, later in pairwise(written))


def test_every_format_but_json_reads_the_graph_itself() -> None:
    for fmt in FORMATS:
        assert isinstance(EXPORTERS.get(fmt).run(io.StringIO()), reader_protocol())


def reader_protocol() -> type:
    from threadline.export.protocol import ReadsGraph

    return ReadsGraph
