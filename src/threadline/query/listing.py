"""Lists and single records for the HTTP API: entities by page, facts with filters, one
fact or one event by id (an unknown id is its own error, answered 404)."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select

from threadline.query.detail import relation_records
from threadline.query.errors import UnknownRecord
from threadline.query.events import event_records
from threadline.query.evidence import verdicts
from threadline.query.lookup import mention_counts
from threadline.query.records import EntityPage, EntityRow, EventRecord, FactPage, Relation
from threadline.store import Store
from threadline.store import schema as t

MAX_LIMIT = 500


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(limit, MAX_LIMIT)), max(0, offset)


def list_entities(store: Store, type: str | None = None, limit: int = 50, offset: int = 0) -> EntityPage:
    """Entities by name, of one type or all, with how often each is mentioned."""
    limit, offset = _page(limit, offset)
    e = t.entities.c
    query = select(t.entities)
    if type:
        query = query.where(e.type == type)
    with store.snapshot() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = conn.execute(query.order_by(e.name, e.id).limit(limit).offset(offset)).all()
        counts = mention_counts(conn, [r.id for r in rows])
    entities = [EntityRow(r.id, r.name, r.type, list(r.aliases), counts.get(r.id, 0)) for r in rows]
    return EntityPage(total, limit, offset, entities)


def list_facts(
    store: Store,
    predicate: str | None = None,
    entity_id: str | None = None,
    min_sources: int = 0,
    include_rejected: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> FactPage:
    """Stored facts (of every standing), best-sourced first, filtered."""
    limit, offset = _page(limit, offset)
    f = t.facts.c
    query: Select = select(t.facts)
    if predicate:
        query = query.where(f.predicate == predicate)
    if entity_id:
        query = query.where(or_(f.subject == entity_id, f.object == entity_id))
    if min_sources:
        query = query.where(f.independent_sources >= min_sources)
    with store.snapshot() as conn:
        judged = verdicts(conn)
        rejected = [k for k, v in judged.items() if v == "reject"]
        if not include_rejected and rejected:
            query = query.where(f.id.not_in(rejected))
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        ordered = query.order_by(f.independent_sources.desc(), f.predicate, f.id).limit(limit).offset(offset)
        facts = relation_records(conn, conn.execute(ordered).all(), judged, entity_id)
    return FactPage(total, limit, offset, facts)


def get_fact(store: Store, fact_id: str) -> Relation:
    with store.snapshot() as conn:
        rows = conn.execute(select(t.facts).where(t.facts.c.id == fact_id)).all()
        if not rows:
            raise UnknownRecord(f"no fact has the id {fact_id!r}")
        return relation_records(conn, rows, verdicts(conn, [fact_id]))[0]


def get_event(store: Store, event_id: str) -> EventRecord:
    with store.snapshot() as conn:
        rows = conn.execute(select(t.events).where(t.events.c.id == event_id)).all()
        if not rows:
            raise UnknownRecord(f"no event has the id {event_id!r}")
        return event_records(conn, rows)[0]
