"""The stored graph read as streams, for exports: rows come as the database hands them
over (a server-side cursor on PostgreSQL, SQLite's own stepping) and what an item
needs from another table is joined in SQL, so an export of 100,000 stories holds a
few thousand rows at a time, not the store (Store's list readers hold everything).

Each stream gives the records in the order the matching Store reader does; ties that
order leaves open are broken by the table's key, so the same store always gives the
same sequence.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Select, func, select

from threadline.records import (
    NOT_A_FACT,
    NOT_NOW,
    Decision,
    Duplicate,
    Entity,
    Fact,
    GraphEvent,
    Mention,
    Place,
    Responsibility,
    Story,
)
from threadline.store import layout
from threadline.store import schema as t

ROWS_PER_FETCH = 2000  # rows held at once: small against the store, large enough to fetch fast


def _rows(conn: Connection, query: Select[Any]) -> Iterator[Any]:
    yield from conn.execute(query.execution_options(yield_per=ROWS_PER_FETCH)).mappings()


def stories_with_copies(conn: Connection) -> Iterator[tuple[Story, list[Duplicate], str | None]]:
    """Each story (Store.stories' order), the duplicates rows about it (by the story it
    copies), and its document's URL."""
    s, d, doc = t.stories, t.duplicates, t.documents
    query = (
        select(s, d.c.duplicate_of, d.c.similarity, d.c.kind, doc.c.url.label("document_url"))
        .outerjoin(doc, doc.c.id == s.c.document_id)
        .outerjoin(d, d.c.story_id == s.c.id)
        .order_by(s.c.source, s.c.document_id, s.c.idx, s.c.id, d.c.duplicate_of)
    )
    for _, rows in groupby(_rows(conn, query), key=lambda r: r["id"]):
        group = list(rows)
        copies = [
            Duplicate(
                story_id=r["id"], duplicate_of=r["duplicate_of"], similarity=r["similarity"], kind=r["kind"]
            )
            for r in group
            if r["duplicate_of"] is not None
        ]
        yield layout.story(group[0]), copies, group[0]["document_url"]


def entities_with_places(
    conn: Connection, ids: Collection[str] | None = None
) -> Iterator[tuple[Entity, Place | None]]:
    """Each entity (by id), or those of `ids`, and where it is, if resolution placed it."""
    e, p = t.entities, t.places
    place_columns = [c for c in p.c if c.name != "entity_id"]
    query = (
        select(e, p.c.entity_id.label("placed"), *[c.label(f"place_{c.name}") for c in place_columns])
        .outerjoin(p, p.c.entity_id == e.c.id)
        .order_by(e.c.id)
    )
    if ids is not None:
        query = query.where(e.c.id.in_(sorted(ids)))
    for r in _rows(conn, query):
        entity = Entity(
            id=r["id"], type=r["type"], name=r["name"], aliases=tuple(r["aliases"]), kb_id=r["kb_id"]
        )
        place = Place(**{c.name: r[f"place_{c.name}"] for c in place_columns}) if r["placed"] else None
        yield entity, place


@dataclass(frozen=True, slots=True)
class StoryRef:
    """What an export cites a story by, without its text (a link or event names a
    few stories; reading their texts again would cost more than the export)."""

    id: str
    source: str
    index: int
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None  # its document's

    @property
    def citation(self) -> str:
        """How a reader finds it: its URL, else its file or feed record (and place in it)."""
        if self.url:
            return self.url
        return self.source if self.index == 0 else f"{self.source}#{self.index}"


def story_refs(conn: Connection, ids: Collection[str] | None = None) -> Iterator[StoryRef]:
    """Every story (Store.stories' order), or those of `ids`, as an export cites it."""
    s, doc = t.stories, t.documents
    query = (
        select(s.c.id, s.c.source, s.c.idx, s.c.title, s.c.published, s.c.outlet, doc.c.url)
        .outerjoin(doc, doc.c.id == s.c.document_id)
        .order_by(s.c.source, s.c.document_id, s.c.idx, s.c.id)
    )
    if ids is not None:
        query = query.where(s.c.id.in_(sorted(ids)))
    for r in _rows(conn, query):
        yield StoryRef(r["id"], r["source"], r["idx"], r["title"], r["published"], r["outlet"], r["url"])


def latest_published(conn: Connection) -> str | None:
    """The last publication date of any story, or None where none has one."""
    return conn.execute(select(func.max(t.stories.c.published))).scalar() or None


def entity_stories(conn: Connection, ids: Collection[str]) -> Iterator[tuple[str, str]]:
    """(entity, story) for each story that names one of the entities `ids`, each pair
    once, by entity then story (the mentions' own order of stories)."""
    m, link = t.mentions, t.mention_entities
    query = (
        select(link.c.entity_id, m.c.story_id)
        .join(m, m.c.id == link.c.mention_id)
        .where(link.c.entity_id.in_(sorted(ids)))
        .distinct()
        .order_by(link.c.entity_id, m.c.story_id)
    )
    yield from ((r["entity_id"], r["story_id"]) for r in _rows(conn, query))


def facts_of_predicates(conn: Connection, predicates: Collection[str]) -> Iterator[tuple[str, str, str]]:
    """(subject, predicate, object) of each relation (a fact) with one of `predicates`."""
    f = t.facts
    query = (
        select(f.c.subject, f.c.predicate, f.c.object)
        .where((f.c.standing == "fact") & f.c.predicate.in_(sorted(predicates)))
        .order_by(f.c.subject, f.c.predicate, f.c.object, f.c.id)
    )
    yield from ((r["subject"], r["predicate"], r["object"]) for r in _rows(conn, query))


def mentions_with_entities(conn: Connection) -> Iterator[tuple[Mention, str | None]]:
    """Each mention (Store.mentions' order) and the entity it was resolved to."""
    m, link = t.mentions, t.mention_entities
    query = (
        select(m, link.c.entity_id)
        .outerjoin(link, link.c.mention_id == m.c.id)
        .order_by(m.c.story_id, m.c.zone, m.c.start, m.c.end, m.c.id)
    )
    yield from ((layout.mention(r), r["entity_id"]) for r in _rows(conn, query))


def facts(conn: Connection, standing: str, subjects: Collection[str] | None = None) -> Iterator[Fact]:
    """The stored relations of one standing (Store.facts' order); or those whose
    subject is one of `subjects`."""
    f = t.facts
    query = select(f).where(f.c.standing == standing).order_by(f.c.subject, f.c.predicate, f.c.object, f.c.id)
    if subjects is not None:
        query = query.where(f.c.subject.in_(sorted(subjects)))
    yield from (layout.fact(r) for r in _rows(conn, query))


def events(conn: Connection, standing: str, ids: Collection[str] | None = None) -> Iterator[GraphEvent]:
    """The stored events of one standing (items.py: a fact, a denial or unasserted), by
    id; or those of them among `ids`."""
    e = t.events
    kept = {"denial": e.c.modality.in_(NOT_A_FACT), "unasserted": e.c.modality.in_(NOT_NOW)}
    query = select(e).where(kept.get(standing, e.c.modality.not_in(NOT_A_FACT | NOT_NOW))).order_by(e.c.id)
    if ids is not None:
        query = query.where(e.c.id.in_(sorted(ids)))
    yield from (layout.graph_event(r) for r in _rows(conn, query))


def claimed(conn: Connection, event_ids: Collection[str]) -> Iterator[tuple[str, str]]:
    """(event, claimant) of each claim of responsibility for one of the events."""
    r = t.responsibilities.c
    query = (
        select(r.event, r.claimant)
        .where((r.kind == "responsibility") & r.event.in_(sorted(event_ids)))
        .order_by(r.event, r.claimant, r.id)
    )
    yield from ((row["event"], row["claimant"]) for row in _rows(conn, query))


def responsibilities(conn: Connection) -> Iterator[Responsibility]:
    r = t.responsibilities.c
    query = select(t.responsibilities).order_by(r.claimant, r.event, r.kind, r.id)
    yield from (layout.responsibility(row) for row in _rows(conn, query))


def decisions(conn: Connection) -> Iterator[Decision]:
    """Every decision that names a stored entity, in the order taken (Store.decisions)."""
    d = t.decisions
    query = select(d).where(d.c.left_entity.is_not(None) | d.c.right_entity.is_not(None)).order_by(d.c.seq)
    yield from (layout.decision(r) for r in _rows(conn, query))
