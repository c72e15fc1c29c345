"""Stored events as readers see them, and the event list with its filters.

Filters run in SQL: type and dates on `events`, actors and places through the
`tl_event_entities` index; `near` takes a place's point from `places` and keeps events
whose location lies within `km` of it (a bounding box in SQL, the great-circle
distance in Python)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, column, func, select, table

from threadline.errors import ThreadlineError
from threadline.query.evidence import (
    chunks,
    entity_refs,
    places_of,
    quotes,
    ref_or_unknown,
    stories_of,
    story_infos,
    verdicts,
)
from threadline.query.index import EVENT_ENTITIES, ensure_index
from threadline.query.lookup import one_entity
from threadline.query.records import EventPage, EventRecord, Participant
from threadline.store import Store
from threadline.store import schema as t

MAX_LIMIT = 500
EARTH_KM = 6371.0
links = table(EVENT_ENTITIES, column("entity_id"), column("event_id"), column("role"))


def event_records(
    conn: Connection, rows: Sequence[Row[Any]], judged: dict[str, str] | None = None
) -> list[EventRecord]:
    """Rows of `events` as records: participants and location named, quotes with their stories."""
    rows_ = [r._mapping for r in rows]
    judged = verdicts(conn, [r["id"] for r in rows_]) if judged is None else judged
    claims = _claimants(conn, [r["id"] for r in rows_])
    ids = {p for r in rows_ for p in r["participants"]} | {r["location"] for r in rows_ if r["location"]}
    refs = entity_refs(conn, ids | {c for pairs in claims.values() for c, _ in pairs})
    places = places_of(conn, {r["location"] for r in rows_ if r["location"]})
    infos = story_infos(
        conn, stories_of([*(r["evidence"] for r in rows_), *(r["disputed_by"] for r in rows_)])
    )
    out = []
    for r in rows_:
        roles = {entity: role for entity, role in r["roles"]}
        out.append(
            EventRecord(
                id=r["id"],
                type=r["type"],
                date=r["date_value"],
                date_precision=r["date_precision"],
                date_expression=r["date_expression"],
                place=places.get(r["location"]) if r["location"] else None,
                location=ref_or_unknown(refs, r["location"]) if r["location"] else None,
                participants=[
                    Participant(ref_or_unknown(refs, p), roles.get(p, "participant"))
                    for p in r["participants"]
                ],
                modality=r["modality"],
                sources=r["sources"],
                independent_sources=r["independent_sources"],
                contested=bool(r["disputed_by"]),
                quotes=quotes(r["evidence"], infos),
                disputed_by=quotes(r["disputed_by"], infos),
                verdict=judged.get(r["id"]),
                claimants=[Participant(ref_or_unknown(refs, c), kind) for c, kind in claims.get(r["id"], [])],
            )
        )
    return out


def _claimants(conn: Connection, event_ids: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Event id -> (entity id, "claims" or "denies") from the indexed responsibilities."""
    c = t.responsibilities.c
    found: dict[str, list[tuple[str, str]]] = {}
    for chunk in chunks(event_ids):
        rows = conn.execute(
            select(c.event, c.claimant, c.kind).where(c.event.in_(chunk)).order_by(c.claimant)
        )
        for event, claimant, kind in rows:
            found.setdefault(event, []).append((claimant, "claims" if kind == "responsibility" else "denies"))
    return found


def list_events(
    store: Store,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    near: str | None = None,
    km: float | None = None,
    limit: int = 50,
    offset: int = 0,
    include_rejected: bool = True,
) -> EventPage:
    """Events, earliest first (undated last), filtered; `actor`, `place` and `near` are
    names as a user types them (an ambiguous one is an error listing the choices)."""
    limit, offset = max(0, min(limit, MAX_LIMIT)), max(0, offset)
    ensure_index(store)
    actor_id = one_entity(store, actor).id if actor else None
    place_id = one_entity(store, place).id if place else None
    centre = one_entity(store, near).id if near else None
    with store.snapshot() as conn:
        query = _filtered(select(t.events), type, since, until, actor_id, place_id)
        if centre is not None:
            query = _near(conn, query, centre, km if km is not None else 25.0)
        judged = verdicts(conn)
        if not include_rejected:
            rejected = [k for k, v in judged.items() if v == "reject"]
            query = query.where(t.events.c.id.not_in(rejected)) if rejected else query
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        e = t.events.c
        ordered = query.order_by(e.date_value.is_(None), e.date_value, e.id).limit(limit).offset(offset)
        records = event_records(conn, conn.execute(ordered).all(), judged)
    return EventPage(total, limit, offset, records)


def _filtered(
    query: Select,
    kind: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    place: str | None,
) -> Select:
    e = t.events.c
    if kind:
        query = query.where(e.type == kind)
    if since:
        query = query.where(e.date_value >= since)
    if until:
        query = query.where(e.date_value <= _end_of(until))
    if actor:
        query = query.where(e.id.in_(select(links.c.event_id).where(links.c.entity_id == actor)))
    if place:
        query = query.where(e.location == place)
    return query


def _end_of(day: str) -> str:
    """'2025-03' means up to its last day: a date string sorts below its own extension."""
    return day + "\uffff" if len(day) < 10 else day


def _near(conn: Connection, query: Select, centre: str, km: float) -> Select:
    if km < 0:
        raise ThreadlineError(f"--km {km}: a distance cannot be negative")
    point = places_of(conn, [centre]).get(centre)
    if point is None:
        raise ThreadlineError(f"--near: {centre} is not on the map (no coordinates); try --place")
    dlat = km / 111.0
    dlon = km / max(111.0 * math.cos(math.radians(point.lat)), 1e-6)
    p = t.places.c
    boxed = select(p.entity_id, p.lat, p.lon).where(
        and_(
            p.lat.between(point.lat - dlat, point.lat + dlat),
            p.lon.between(point.lon - dlon, point.lon + dlon),
        )
    )
    inside = [
        r.entity_id for r in conn.execute(boxed) if distance_km(point.lat, point.lon, r.lat, r.lon) <= km
    ]
    return query.where(t.events.c.location.in_(inside))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(math.sqrt(min(1.0, a)))
