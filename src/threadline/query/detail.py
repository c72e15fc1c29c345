"""One entity in full: what it is, every fact in and out with its quotes, its events,
where and when it was seen, and what analysts judged about it.

Reads only rows about the entity: facts by the indexed subject and object columns,
events through `tl_event_entities`, mentions through `mention_entities.entity_id`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, or_, select

from threadline.query.errors import UnknownEntity
from threadline.query.events import event_records, links
from threadline.query.evidence import (
    REVIEW,
    chunks,
    entity_refs,
    places_of,
    quotes,
    ref_or_unknown,
    seen_range,
    stories_of,
    story_infos,
    verdicts,
)
from threadline.query.index import ensure_index
from threadline.query.records import EntityDetail, Judged, Relation
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.judged import fold

MAX_FACTS = 1000  # an entity page is read by a person: past this, the best-sourced first
MAX_EVENTS = 1000


def entity_detail(store: Store, entity_id: str) -> EntityDetail:
    ensure_index(store)
    with store.snapshot() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            raise UnknownEntity(f"no entity has the id {entity_id!r}")
        fact_rows = _fact_rows(conn, entity_id)
        event_rows = conn.execute(
            select(t.events)
            .where(t.events.c.id.in_(select(links.c.event_id).where(links.c.entity_id == entity_id)))
            .order_by(t.events.c.date_value.is_(None), t.events.c.date_value, t.events.c.id)
            .limit(MAX_EVENTS)
        ).all()
        judged = verdicts(conn, [r.id for r in (*fact_rows, *event_rows)])  # on these only
        relations = relation_records(conn, fact_rows, judged, entity_id)
        events = event_records(conn, event_rows, judged)
        mentions, stories, first, last = _seen(conn, entity_id)
        judgements = _judgements(conn, row)
        place = places_of(conn, [entity_id]).get(entity_id)
    roles = sorted(
        {p.role for ev in events for p in ev.participants if p.entity.id == entity_id}
        | _fact_roles(relations)
    )
    reviewed = bool(judgements) or any(r.verdict for r in relations) or any(ev.verdict for ev in events)
    return EntityDetail(
        id=row.id,
        type=row.type,
        name=row.name,
        aliases=list(row.aliases),
        kb_id=row.kb_id,
        roles=roles,
        place=place,
        mentions=mentions,
        stories=stories,
        first_seen=first,
        last_seen=last,
        relations=relations,
        events=events,
        judgements=judgements,
        review_status="reviewed" if reviewed else "unreviewed",
    )


def _fact_rows(conn: Connection, entity_id: str) -> Sequence[Row[Any]]:
    """Facts with the entity on either side, best-sourced first."""
    f = t.facts.c
    query = (
        select(t.facts)
        .where(or_(f.subject == entity_id, f.object == entity_id))
        .order_by(f.independent_sources.desc(), f.predicate, f.id)
        .limit(MAX_FACTS)
    )
    return conn.execute(query).all()


def relation_records(
    conn: Connection, found: Sequence[Row[Any]], judged: dict[str, str], entity_id: str | None = None
) -> list[Relation]:
    """Rows of `facts` as records; `direction` is "in" where `entity_id` is the object."""
    rows = [r._mapping for r in found]
    refs = entity_refs(conn, {r["subject"] for r in rows} | {r["object"] for r in rows})
    infos = story_infos(conn, stories_of([*(r["evidence"] for r in rows), *(r["disputed_by"] for r in rows)]))
    out = []
    for r in rows:
        first, last = seen_range(r["evidence"], infos)
        out.append(
            Relation(
                id=r["id"],
                direction="in" if entity_id is not None and r["subject"] != entity_id else "out",
                subject=ref_or_unknown(refs, r["subject"]),
                predicate=r["predicate"],
                object=ref_or_unknown(refs, r["object"]),
                standing=r["standing"],
                modality=r["modality"],
                sources=r["sources"],
                independent_sources=r["independent_sources"],
                contested=bool(r["disputed_by"]),
                quotes=quotes(r["evidence"], infos),
                disputed_by=quotes(r["disputed_by"], infos),
                first_seen=first,
                last_seen=last,
                verdict=judged.get(r["id"]),
            )
        )
    return out


def _fact_roles(relations: list[Relation]) -> set[str]:
    """Roles the evidence names for the entity as a subject ("commander" of a group)."""
    return {r.predicate for r in relations if r.direction == "out" and r.standing == "fact"}


def _seen(conn: Connection, entity_id: str) -> tuple[int, int, str | None, str | None]:
    """Mentions, stories, and the first and last publication date of those stories."""
    me, m, s = t.mention_entities.c, t.mentions.c, t.stories.c
    query = (
        select(func.count(), func.count(func.distinct(s.id)), func.min(s.published), func.max(s.published))
        .select_from(
            t.mention_entities.join(t.mentions, m.id == me.mention_id).join(t.stories, s.id == m.story_id)
        )
        .where(me.entity_id == entity_id)
    )
    mentions, stories, first, last = conn.execute(query).one()
    return int(mentions), int(stories), first, last


def _judgements(conn: Connection, entity: Row[Any]) -> list[Judged]:
    """Merges, splits and renames that name the entity by id or by one of its names
    (found through the indexed, folded `judgement_subjects`)."""
    folded = sorted({fold(n) for n in (entity.id, entity.name, *entity.aliases)})
    j, js = t.judgements.c, t.judgement_subjects.c
    found: dict[int, Row[Any]] = {}
    for chunk in chunks(folded):
        naming = select(js.judgement_id).where(js.subject.in_(chunk))
        query = select(t.judgements).where(j.kind != REVIEW, j.id.in_(naming))
        found.update((r.id, r) for r in conn.execute(query))
    return [
        Judged(
            r.kind,
            [str(s) for s in r.payload.get("subjects", [])],
            r.author,
            r.created,
            r.payload.get("name"),
            r.payload.get("note", ""),
        )
        for r in sorted(found.values(), key=lambda r: (r.created, r.id))
    ]
