"""Derived rows a refresh already holds in memory, as the store held them.

A refresh after a small ingest reads the stored mention links once, to find what
resolution moved (graph/regions.py `Before`). Those are the rows the write would
otherwise read back, or delete and insert whole (two million of them in a store of
100,000 stories, of which an ingest of 100 moves a few thousand). Kept here with the
count of derived writes the store had when they were read (`WRITES`, in the same
snapshot), they let the write compare the new rows with the old in memory and touch
only those that differ, provided the store still has that count: no other refresh
wrote the derived rows in between (store/rewrite.py `write_derived`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from threadline.records import Duplicate
from threadline.store import layout
from threadline.store import schema as t

# meta key: how many times the derived rows were written (each write adds one)
WRITES = "derived_writes"


@dataclass(frozen=True, slots=True)
class Baseline:
    """Stored derived rows held in memory, and the `writes` count they were read at."""

    writes: int
    entity_of: Mapping[str, str] | None = None  # the mention_entities rows, mention -> entity
    # table -> its stored records (duplicates, facts, events, responsibilities: RECORDS)
    records: Mapping[str, Sequence[Any]] = field(default_factory=dict)


def derived_writes(conn: Connection) -> int:
    """The store's count of derived writes (0 in a store no write counted yet)."""
    value = conn.execute(select(t.meta.c.value).where(t.meta.c.key == WRITES)).scalar_one_or_none()
    return int(value or 0)


def moved_links(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The mentions whose stored link goes (gone, or to another entity), and those whose
    new link is written (new, or to another entity)."""
    moved = [m for m, e in new.items() if old.get(m) != e]
    gone = [m for m in old if m not in new]
    return [*gone, *(m for m in moved if m in old)], moved


@dataclass(frozen=True, slots=True)
class Records:
    """How one table's rows are compared as records: each record's row, a stored row's
    record, and the record's primary key."""

    row: Callable[[Any], dict[str, Any]]
    read: Callable[[Any], Any]
    key: Callable[[Any], Any]


# The tables compared as records, by table name (= the part of `Derived` holding them).
RECORDS = {
    "duplicates": Records(
        layout.duplicate_row, lambda r: Duplicate(**r), lambda d: (d.story_id, d.duplicate_of)
    ),
    "facts": Records(layout.fact_row, layout.fact, lambda f: f.id),
    "events": Records(layout.event_row_of, layout.graph_event, lambda e: e.id),
    "responsibilities": Records(layout.responsibility_row, layout.responsibility, lambda c: c.id),
}


def changed_records(
    old: Sequence[Any], new: Sequence[Any], key: Callable[[Any], Any]
) -> tuple[list[Any], list[Any]]:
    """The stored records gone or changed, and the new records new or changed, matched
    by primary key. Records equal field by field have equal rows; unequal records
    whose rows are equal (a tuple read back as a list) are written again, which
    changes nothing stored."""
    old_by_key = {key(r): r for r in old}
    new_by_key = {key(r): r for r in new}
    return [r for r in old if new_by_key.get(key(r)) != r], [r for r in new if old_by_key.get(key(r)) != r]
