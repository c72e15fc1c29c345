"""The claims of some stories, read by story id: what a global step redoing only the
part a change reaches reads, instead of every stored row (graph/regions.py).

Each reader takes the refresh's snapshot connection and a set of story ids, and reads
them in chunks by the indexed `story_id` columns; rows come back in the order the
whole-store readers (store/db.py) give them, so a step sees its region's rows as a full
run sees them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Text, select, type_coerce

from threadline.records import Assertion, Attribution, Claim, DateValue, EventMention, Evidence, Mention
from threadline.store import changes, layout
from threadline.store import schema as t


def mentions_in(conn: Connection, stories: Iterable[str]) -> list[Mention]:
    """The mentions of these stories, ordered as `Store.mentions` orders them."""
    m = t.mentions.c
    found = []
    for chunk in changes.chunks(stories):
        found += [
            layout.mention(r._mapping) for r in conn.execute(select(t.mentions).where(m.story_id.in_(chunk)))
        ]
    return sorted(found, key=lambda x: (x.story_id, x.zone, x.start))


def unlinked_mentions_in(conn: Connection, stories: Iterable[str]) -> set[str]:
    """The ids of these stories' mentions that have no stored link (a new story's)."""
    m, link = t.mentions.c, t.mention_entities.c
    query = (
        select(m.id).outerjoin(t.mention_entities, link.mention_id == m.id).where(link.mention_id.is_(None))
    )
    return {i for chunk in changes.chunks(stories) for i in conn.scalars(query.where(m.story_id.in_(chunk)))}


def mention_links(conn: Connection) -> Iterator[Sequence[tuple[str, str]]]:
    """Every stored mention link (mention id, entity id), streamed in chunks of plain
    tuples through the driver's cursor (in this transaction): a refresh compares them
    with resolution's a chunk at a time (store/baseline.py `links_against`), and a
    SQLAlchemy row per link cost more than the comparison."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute("SELECT mention_id, entity_id FROM mention_entities")
        while rows := cursor.fetchmany(LINKS_AT_ONCE):
            yield rows
    finally:
        cursor.close()


LINKS_AT_ONCE = 20000  # links fetched at a time: a few MB held, a call per chunk


def mention_stories(conn: Connection, mention_ids: Iterable[str]) -> dict[str, str]:
    """Mention id -> its story's id, for those of the mentions stored."""
    return _column_by_id(conn, t.mentions.c.id, t.mentions.c.story_id, mention_ids)


def _column_by_id(conn: Connection, key: Any, column: Any, ids: Iterable[str]) -> dict[str, Any]:
    """`key` -> `column` of the rows whose key is one of `ids`, a chunk of ids at a time."""
    found: dict[str, Any] = {}
    for chunk in changes.chunks(ids):
        found.update({r[0]: r[1] for r in conn.execute(select(key, column).where(key.in_(chunk)))})
    return found


def assertions_in(conn: Connection, stories: Iterable[str]) -> list[Assertion]:
    """The assertions of these stories, ordered by id as `Store.assertions` orders them."""
    a = t.assertions.c
    found = []
    for chunk in changes.chunks(stories):
        rows = conn.execute(select(t.assertions).where(a.story_id.in_(chunk)))
        found += [layout.assertion(r._mapping) for r in rows]
    return sorted(found, key=lambda x: x.id)


def event_mentions_in(conn: Connection, stories: Iterable[str]) -> list[EventMention]:
    """The event mentions of these stories with their claims, ordered by id as
    `Store.event_mentions` orders them."""
    claims: dict[str, list[Claim]] = {}
    found = []
    for chunk in changes.chunks(stories):
        told = conn.execute(select(t.claims).where(t.claims.c.story_id.in_(chunk)))
        for r in sorted(told, key=lambda r: r.id):
            claims.setdefault(r.event, []).append(layout.claim(r._mapping))
        rows = list(conn.execute(select(t.event_mentions).where(t.event_mentions.c.story_id.in_(chunk))))
        found += [layout.event_mention(r._mapping, tuple(claims.get(r.id, ()))) for r in rows]
    return sorted(found, key=lambda x: x.id)


def event_mentions_of(conn: Connection, ids: Iterable[str]) -> dict[str, EventMention]:
    """These event mentions with their claims, by id: a few mentions of many stories,
    read without the stories' other mentions."""
    found: dict[str, EventMention] = {}
    for chunk in changes.chunks(ids):
        claims: dict[str, list[Claim]] = {}
        told = conn.execute(select(t.claims).where(t.claims.c.event.in_(chunk)))
        for r in sorted(told, key=lambda r: r.id):
            claims.setdefault(r.event, []).append(layout.claim(r._mapping))
        for r in conn.execute(select(t.event_mentions).where(t.event_mentions.c.id.in_(chunk))):
            found[r.id] = layout.event_mention(r._mapping, tuple(claims.get(r.id, ())))
    return found


def outlets_of(conn: Connection, stories: Iterable[str]) -> dict[str, str | None]:
    """Story id -> the outlet that published it, for those stored."""
    return _column_by_id(conn, t.stories.c.id, t.stories.c.outlet, stories)


def published_of(conn: Connection, stories: Iterable[str]) -> dict[str, str]:
    """Story id -> its publication day, for those stored with one."""
    found = _column_by_id(conn, t.stories.c.id, t.stories.c.published, stories)
    return {story: day for story, day in found.items() if day}


def every_outlet(conn: Connection) -> dict[str, str | None]:
    """Every stored story's id -> its outlet: what citing needs of all stories, without
    reading every text."""
    return {story: outlet for story, outlet in conn.execute(select(t.stories.c.id, t.stories.c.outlet))}


def every_published(conn: Connection) -> dict[str, str]:
    """Every stored story's id -> its publication day, for those with one: what the
    events step needs of all stories, without reading every text."""
    query = select(t.stories.c.id, t.stories.c.published).where(t.stories.c.published.is_not(None))
    return {story: day for story, day in conn.execute(query) if day}


def texts_of(conn: Connection, stories: Iterable[str]) -> dict[str, str]:
    """Story id -> its text, for those stored."""
    return _column_by_id(conn, t.stories.c.id, t.stories.c.text, stories)


def event_mention_parties(conn: Connection) -> list[tuple[Any, ...]]:
    """Every event mention as (id, story id, type, participant mention ids, place mention
    id, date value, date precision, modality, date expression): the narrow columns that
    say which events it may merge with, read without the evidence (graph/event_keys.py)."""
    e = t.event_mentions.c
    query = select(
        e.id,
        e.story_id,
        e.type,
        e.participants,
        e.location,
        e.date_value,
        e.date_precision,
        e.modality,
        e.date_expression,
    )
    return [tuple(r) for r in conn.execute(query)]


def responsibility_claims(conn: Connection) -> list[tuple[str, str, str, str]]:
    """Every claim as (event mention id, claimant mention id, kind, modality)."""
    c = t.claims.c
    return [tuple(r) for r in conn.execute(select(c.event, c.claimant, c.kind, c.modality))]  # type: ignore[misc]


def located_in_claims(conn: Connection) -> list[Assertion]:
    """The `located_in` assertions (what `containment` reads), ordered by id."""
    a = t.assertions.c
    rows = conn.execute(select(t.assertions).where(a.predicate == "located_in").order_by(a.id))
    return [layout.assertion(r._mapping) for r in rows]


def kept_loose(conn: Connection) -> frozenset[str] | None:
    """The event mentions the last events step first merged into events with no day."""
    raw = conn.execute(select(t.meta.c.value).where(t.meta.c.key == "events_loose")).scalar_one_or_none()
    return None if raw is None else frozenset(json.loads(raw))


def derived_from(conn: Connection) -> str | None:
    """The claims generation the stored derived rows follow from (store/db.py DERIVED_FROM)."""
    query = select(t.meta.c.value).where(t.meta.c.key == "derived_generation")
    return conn.execute(query).scalar_one_or_none()


def kept_containment(conn: Connection) -> frozenset[tuple[str, str]] | None:
    """The located_in pairs the last events step read (None: none kept, an older store)."""
    query = select(t.meta.c.value).where(t.meta.c.key == "events_containment")
    raw = conn.execute(query).scalar_one_or_none()
    return None if raw is None else frozenset((a, b) for a, b in json.loads(raw))


def kept_tallies(conn: Connection) -> dict[str, dict[str, tuple[int, str, int]]]:
    """Location entity id -> its kept tally of its stories' countries (places/step.py)."""
    rows = conn.execute(select(t.place_tallies.c.entity_id, t.place_tallies.c.tally))
    return {e: {c: (n, s, at) for c, (n, s, at) in tally.items()} for e, tally in rows}


def event_members(conn: Connection) -> dict[str, list[str]]:
    """Stored event id -> the ids of the event mentions it merges (read without its evidence)."""
    e = t.events.c
    return {i: list(found) for i, found in conn.execute(select(e.id, e.mentions))}


# an event mention's columns in the order `every_event_mention` reads them (its claims: CLAIM_COLUMNS)
PROVENANCE_COLUMNS = (
    "story_id",
    "quote_start",
    "quote_end",
    "quote",
    "zone",
    "extractor",
    "version",
    "modality",
)
EVENT_MENTION_COLUMNS = (
    "type",
    "trigger",
    "participants",
    "location",
    "date_value",
    "date_precision",
    "date_expression",
    "roles",
    "attribution",
    *PROVENANCE_COLUMNS,
)
CLAIM_COLUMNS = ("event", "claimant", "kind", "attribution", *PROVENANCE_COLUMNS)


def every_event_mention(conn: Connection) -> list[EventMention]:
    """Every event mention with its claims, as `Store.event_mentions` gives them (the
    same records in the same order), read by position: the events step's full path
    reads every one, and a row read by name costs a mapping per row. JSON columns are
    decoded here, and equal attributions and roles are one shared (immutable) record."""
    decoded = _Decoded(lambda stored: Attribution(**stored))
    roles_of = _Decoded(lambda stored: tuple((m, role) for m, role in stored or ()))
    claims = _claims_by_event(conn, decoded)
    e = t.event_mentions.c
    query = select(e.id, *_columns(e, EVENT_MENTION_COLUMNS)).order_by(e.id)
    rows = (row for part in conn.execute(query).partitions(PART) for row in part)
    found = []
    for (
        ident,
        kind,
        trigger,
        participants,
        location,
        value,
        precision,
        expression,
        roles,
        said,
        *told,
    ) in rows:
        story, evidence, extractor, version, modality = _provenance(told)
        date = DateValue(value, precision, expression)
        found.append(
            EventMention(
                *(story, kind, trigger, tuple(_decoded(participants)), location, date, evidence),
                *(extractor, version, modality, decoded(said), roles_of(roles), tuple(claims.get(ident, ()))),
            )
        )
    return found


def _claims_by_event(conn: Connection, decoded: _Decoded) -> dict[str, list[Claim]]:
    """Every claim, by the event mention it is about, each list ordered by claim id."""
    claims: dict[str, list[Claim]] = defaultdict(list)
    c = t.claims.c
    for event, claimant, kind, said, *told in conn.execute(
        select(*_columns(c, CLAIM_COLUMNS)).order_by(c.id)
    ):
        story, evidence, extractor, version, modality = _provenance(told)
        claims[event].append(
            Claim(story, claimant, event, kind, evidence, extractor, version, modality, decoded(said))
        )
    return claims


def _columns(table: Any, names: Iterable[str]) -> list[Any]:
    """The named columns; the JSON ones (RAW) as the database hands them over: text on
    SQLite, decoded here, or already decoded where the driver decodes JSON (PostgreSQL)."""
    return [type_coerce(table[n], Text) if n in RAW else table[n] for n in names]


RAW = frozenset({"participants", "roles", "attribution"})
PART = 5000  # rows fetched at a time: one by one costs a call each, all at once their memory


def _decoded(stored: Any) -> Any:
    return json.loads(stored) if isinstance(stored, str) else stored


def _provenance(told: list[Any]) -> tuple[str, Evidence, str, str, Any]:
    """A claim's story, evidence, extractor, version and modality, from PROVENANCE_COLUMNS."""
    story, start, end, quote, zone, extractor, version, modality = told
    return story, Evidence(story, start, end, quote, zone), extractor, version, modality


class _Decoded:
    """A JSON column's values made into records, each distinct stored value once (the
    records are immutable: equal values share one)."""

    def __init__(self, make: Callable[[Any], Any]) -> None:
        self.make = make
        self.made: dict[str, Any] = {}

    def __call__(self, stored: Any) -> Any:
        key = stored if isinstance(stored, str) else json.dumps(stored, sort_keys=True)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self.make(_decoded(stored))
        return found
