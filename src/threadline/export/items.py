"""The stored graph as items for exporters, in a fixed order, read from stored rows
only: stories, entities, mentions, relations, events, claims, then the denials and
the unasserted (facts and events only denied, or only possible, planned or past),
and last the decisions resolution took about the entities (why two names are one
entity, or why not). The same store always gives the same items."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from sqlalchemy import Connection

from threadline.export.protocol import SECTIONS, Item, Section
from threadline.knowledge import reference_id
from threadline.records import (
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
from threadline.store import Store, layout, stream
from threadline.vocab import KnownEntity, load_knowledge


def graph_items(store: Store) -> Iterator[Item]:
    """Every item of the export, each built as its rows are read (store/stream.py), in
    one snapshot of the store: memory follows an item, not the store."""
    with store.snapshot() as conn:
        known = known_entities(store)
        for section in SECTIONS:
            yield from (Item(section, data) for data in section_items(conn, section, known))


def section_items(
    conn: Connection, section: Section, known: Mapping[str, KnownEntity]
) -> Iterator[dict[str, Any]]:
    """The items of one section, in export order, made as their rows are read."""
    if section == "stories":
        return (story_item(s, copies, url) for s, copies, url in stream.stories_with_copies(conn))
    if section == "entities":
        return (entity_item(e, p, known.get(e.kb_id or "")) for e, p in stream.entities_with_places(conn))
    if section == "mentions":
        return (mention_item(m, entity) for m, entity in stream.mentions_with_entities(conn))
    if section == "relations":
        return (fact_item(f) for f in stream.facts(conn, "fact"))
    if section == "events":
        return (event_item(e) for e in stream.events(conn, "fact"))
    if section == "claims":
        return (claim_item(c) for c in stream.responsibilities(conn))
    if section == "decisions":
        return (decision_item(d) for d in stream.decisions(conn))
    standing = "denial" if section == "denials" else "unasserted"
    return chain(
        (_apart("relation", fact_item(f)) for f in stream.facts(conn, standing)),
        (_apart("event", event_item(e)) for e in stream.events(conn, standing)),
    )


def known_entities(store: Store) -> dict[str, KnownEntity]:
    """The knowledge entries and reference entities by id: what an entity's kb_id names
    (as many as the reference files give, whatever the store's size)."""
    return {k.id: k for k in (*load_knowledge(), *store.reference_entities())}


def mention_item(m: Mention, entity: str | None) -> dict[str, Any]:
    title = {"zone": "title"} if m.zone == "title" else {}
    item = {"story": m.story_id, "start": m.start, "end": m.end, "text": m.text, "type": m.type}
    return {**item, "entity": entity, **title}


def story_item(s: Story, duplicates: list[Duplicate], url: str | None = None) -> dict[str, Any]:
    copies = [d for d in duplicates if d.kind == "story"]
    copy = copies[-1] if copies else None
    return {
        "id": s.id,
        "source": s.source,
        "index": s.index,
        "title": s.title,
        "published": s.published,
        "outlet": s.outlet,
        "url": url,
        "text": s.text,
        "duplicate_of": copy.duplicate_of if copy else None,
        "similarity": copy.similarity if copy else None,
        "overlaps": [
            {"story": d.duplicate_of, "similarity": d.similarity} for d in duplicates if d.kind == "partial"
        ],
        "zones": [[b.start, b.end, b.zone] for b in s.blocks],
        "dateline": [s.dateline.start, s.dateline.end] if s.dateline else None,
    }


def entity_item(entity: Entity, place: Place | None, known: KnownEntity | None = None) -> dict[str, Any]:
    """The entity; linked to a knowledge or reference entry, that entry's kind, Wikidata
    id and (for a reference file's entry, e.g. an OpenSanctions id) its own id."""
    item: dict[str, Any] = {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "aliases": sorted(entity.aliases),
        "kb_id": entity.kb_id,
        "kind": known.kind if known else None,
        "wikidata": known.wikidata if known else None,
        "reference": reference_id(entity.kb_id),
    }
    if place is not None:
        item["place"] = {
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "precision": place.precision,
            "kind": place.kind,
            "source": place.source,
        }
    return item


def fact_item(fact: Fact) -> dict[str, Any]:
    """The stored row (store/layout.py) as readers see it: the counts and dissent only
    for a fact (a denial's evidence is its dissent)."""
    row = layout.fact_row(fact)
    item = {k: row[k] for k in ("id", "subject", "predicate", "object", "modality", "evidence")}
    if fact.standing == "fact":
        item.update({k: row[k] for k in ("sources", "independent_sources")})
        item.update(contested=fact.contested, disputed_by=row["disputed_by"])
    return item


def _apart(kind: str, item: Mapping[str, Any]) -> dict[str, Any]:
    return {"kind": kind, **item}


def event_item(event: GraphEvent) -> dict[str, Any]:
    """The stored row (store/layout.py) as readers see it: the date as one value, roles
    by participant, whether it is contested; not the mentions it merges."""
    row = layout.event_row_of(event)
    item = {"id": row["id"], "type": row["type"], "date": row["date_value"]}
    item.update({k: row[k] for k in ("date_precision", "date_expression", "location", "participants")})
    item.update(roles=dict(event.roles))
    item.update({k: row[k] for k in ("modality", "evidence", "sources", "independent_sources")})
    return {**item, "contested": event.contested, "disputed_by": row["disputed_by"]}


def claim_item(claim: Responsibility) -> dict[str, Any]:
    return layout.responsibility_fields(claim)


def decision_item(decision: Decision) -> dict[str, Any]:
    """One decision of resolution, between the entities its two names ended up in: the
    stored row (store/layout.py), each name with its node and entity as one side."""
    row = layout.decision_row(0, decision)

    def side(name: str) -> dict[str, Any]:
        return {"name": row[f"{name}_name"], "node": row[f"{name}_node"], "entity": row[f"{name}_entity"]}

    shown = {"step": row["step"], "verdict": row["verdict"], "left": side("left"), "right": side("right")}
    return {**shown, "score": row["score"], "reason": row["reason"]}
