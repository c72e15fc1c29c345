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

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import filterfalse
from sys import intern
from typing import Any

from sqlalchemy import Connection, select

from threadline.records import Duplicate, Entity
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


def stored_entities(conn: Connection) -> dict[str, Entity]:
    """Every stored entity by id, as `Store.entities` gives them, read without the
    `reasons` column: what a refresh compares with resolution's entities to say which
    rows changed needs only the row, and the reasons (about 900 bytes of JSON an entity)
    were nearly all of that read."""
    e = t.entities.c
    rows = conn.execute(select(e.id, e.type, e.name, e.aliases, e.kb_id).order_by(e.id))
    return {
        i: Entity(id=i, type=kind, name=name, aliases=tuple(aliases), kb_id=kb)
        for i, kind, name, aliases, kb in rows
    }


class StoredLinks(Mapping[str, str]):
    """The stored mention links, held as what differs from a newer map of them (`now`,
    resolution's): the stored entity of each mention whose stored link differs or that
    `now` lacks, and the mentions `now` has that have no stored link. Everything else is
    read from `now`. At 100,000 stories the links are two million, of which an ingest of
    100 moves a few thousand: holding them whole, beside resolution's, took about 200 MB
    through the steps after resolution."""

    def __init__(self, now: Mapping[str, str], differ: dict[str, str], absent: frozenset[str]) -> None:
        self.now, self.differ, self.absent = now, differ, absent

    def __getitem__(self, mention: str) -> str:
        found = self.differ.get(mention)
        if found is not None:
            return found
        if mention in self.absent:
            raise KeyError(mention)
        return self.now[mention]

    def __iter__(self) -> Iterator[str]:
        yield from (m for m in self.now if m not in self.absent)
        yield from (m for m in self.differ if m not in self.now)

    def __len__(self) -> int:
        return len(self.now) - len(self.absent) + sum(1 for m in self.differ if m not in self.now)

    def moved(self) -> set[str]:
        """The mentions whose link differs between the two (new, gone, or moved)."""
        return {*self.differ, *self.absent}


def links_against(
    stored: Iterable[Sequence[tuple[str, str]]], now: Mapping[str, str], unlinked: Iterable[str]
) -> StoredLinks | None:
    """The stored links (`stored`, streamed in chunks of (mention, entity) pairs) as what
    differs from `now`, given the mentions of the stories written since that have no
    stored link (`unlinked`); None where `now` has another mention with no stored link
    (rows left incomplete by a failure): the caller then holds them whole.

    A chunk is compared by the dict's own C loops (`filterfalse` over the items view),
    not a Python loop per link, and a link is counted, not looked up again: at 100,000
    stories the links are two million, and the loop was most of reading them. Every
    stored mention `now` lacks differs, so those `now` has are the rest."""
    differ: dict[str, str] = {}
    linked, count = now.items().__contains__, 0
    for chunk in stored:
        differ.update(filterfalse(linked, chunk))
        count += len(chunk)
    present = count - sum(1 for m in differ if m not in now)
    absent = frozenset(m for m in unlinked if m in now)
    if present + len(absent) != len(now):
        return None
    return StoredLinks(now, {m: intern(e) for m, e in differ.items()}, absent)


def moved_links(old: Mapping[str, str], new: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """The mentions whose stored link goes (gone, or to another entity), and those whose
    new link is written (new, or to another entity)."""
    if isinstance(old, StoredLinks) and old.now is new:  # what differs is all it holds
        return list(old.differ), [*(m for m in old.differ if m in new), *old.absent]
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
