"""The stored events a region of the events step asks about, read by index, not whole.

A region of the events step (graph/events_region.py) merges again only the events a
change reaches; the others stay as stored, so the step hands on only the region's
events with a `Scope` of their ids and the write touches only those rows
(store/rewrite.py). What the region still asks of the stored events is narrow: the
content of the events it dissolves, the stored events that share a content key with
one it makes or dissolves (found among those of the same type, place and month, by
the index `ix_events_type_location`, migration 0015, then read by id), and how many events and claims of
responsibility the tables hold once written. Reading every stored event with its
evidence for these was a sixth of the step at 30,000 stories and its largest hold on
memory.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Text, func, select, type_coerce

from threadline.records import DateValue
from threadline.store import schema as t
from threadline.store.changes import chunks


@dataclass(frozen=True, slots=True)
class Named:
    """What an event's content id is made of (graph/ids.py `content_key`), as stored."""

    id: str
    type: str
    participants: tuple[str, ...]
    location: str | None
    date: DateValue


Place = tuple[str, str | None]  # (event type, location entity id or None)


def named_of(conn: Connection, ids: Iterable[str]) -> list[Named]:
    """These stored events' content, by id (those stored), ordered by id."""
    found = [row for chunk in chunks(ids) for row in _read(conn, t.events.c.id.in_(chunk))]
    return sorted(found, key=lambda n: n.id)


Dated = tuple[str, str, str | None, str | None]  # (event id, type, location, date value)


def dated_at(conn: Connection, places: Iterable[Place]) -> list[Dated]:
    """The stored events of these (type, location) pairs, each as (id, type, location,
    date value), ordered by id: every event a content key of that type and place can
    name, read from the index alone (`ix_events_type_location` holds the columns)."""
    by_type: dict[str, set[str | None]] = defaultdict(set)
    for kind, location in places:
        by_type[kind].add(location)
    e = t.events.c
    columns = (e.id, e.type, e.location, e.date_value)
    found: list[Dated] = []
    for kind, locations in sorted(by_type.items()):
        wheres = [e.location.in_(chunk) for chunk in chunks(loc for loc in locations if loc is not None)]
        wheres += [e.location.is_(None)] if None in locations else []
        for where in wheres:
            found += [
                (i, k, at, value)
                for i, k, at, value in conn.execute(select(*columns).where((e.type == kind) & where))
            ]
    return sorted(found)


def participants_of(conn: Connection, ids: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """These stored events' participants, by id (each distinct list decoded once: the
    events of one place and month mostly share a few, none at all the most)."""
    e = t.events.c
    decoded: dict[str, tuple[str, ...]] = {}
    found = []
    for chunk in chunks(ids):
        for ident, stored in conn.execute(
            select(e.id, type_coerce(e.participants, Text)).where(e.id.in_(chunk))
        ):
            text = stored if isinstance(stored, str) else json.dumps(stored)
            if text not in decoded:
                decoded[text] = tuple(_decoded(text))
            found.append((ident, decoded[text]))
    return found


def events_stored(conn: Connection) -> int:
    """How many events the table holds."""
    return int(conn.execute(select(func.count()).select_from(t.events)).scalar_one())


def claims_stored(conn: Connection, events: Iterable[str] | None = None) -> int:
    """How many claims of responsibility the table holds (about these events, if given)."""
    r = t.responsibilities.c
    if events is None:
        return int(conn.execute(select(func.count()).select_from(t.responsibilities)).scalar_one())
    query = select(func.count()).select_from(t.responsibilities)
    return sum(int(conn.execute(query.where(r.event.in_(chunk))).scalar_one()) for chunk in chunks(events))


def _read(conn: Connection, where: ColumnElement[bool]) -> list[Named]:
    e = t.events.c
    query = select(
        e.id,
        e.type,
        type_coerce(e.participants, Text),
        e.location,
        e.date_value,
        e.date_precision,
        e.date_expression,
    ).where(where)
    return list(_named(conn.execute(query)))


def _named(rows: Iterable[Any]) -> Iterator[Named]:
    for ident, kind, participants, location, value, precision, expression in rows:
        date = DateValue(value, precision, expression)
        yield Named(ident, kind, tuple(_decoded(participants)), location, date)


def _decoded(stored: str | list[str]) -> list[str]:
    """A JSON column as text (SQLite) or as the driver decoded it (PostgreSQL)."""
    return json.loads(stored) if isinstance(stored, str) else stored
