"""The benchmark JSON export (../shared/eval/README.md): stories, entities,
mentions, relations and events, each fact with its verbatim evidence.

Ordering is fixed everywhere, so the same store always gives the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from threadline.graph.events import merge_events
from threadline.records import Assertion, Entity, Event, Evidence, Story
from threadline.resolve.geocode import Place
from threadline.store import Store

NOT_A_FACT = {"negated", "denied"}  # kept in the store, never exported as a positive fact


def root_of(stories: Iterable[Story], duplicate_of: Mapping[str, str]) -> dict[str, str]:
    """Story id -> id of the earliest copy (itself when it is no copy)."""
    return {s.id: duplicate_of.get(s.id, s.id) for s in stories}


def evidence_item(evidence: Evidence, modality: str, attribution: dict[str, Any]) -> dict[str, Any]:
    return {
        "story": evidence.story_id,
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "zone": evidence.zone,
        "modality": modality,
        "attribution": attribution,
    }


def sources(evidence: list[dict[str, Any]], roots: Mapping[str, str]) -> dict[str, int]:
    stories = {e["story"] for e in evidence}
    return {"sources": len(stories), "independent_sources": len({roots.get(s, s) for s in stories})}


def relations_of(
    assertions: Iterable[Assertion], entity_of: Mapping[str, str], roots: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Claims grouped by (subject, predicate, object) entity; each keeps its evidence."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for a in assertions:
        subject, obj = entity_of.get(a.subject), entity_of.get(a.object)
        if a.modality in NOT_A_FACT or not subject or not obj or subject == obj:
            continue
        item = evidence_item(a.evidence, a.modality, asdict(a.attribution))
        grouped[(subject, a.predicate, obj)].append({**item, "role": a.role, "extractor": a.extractor})
    relations = []
    for (subject, predicate, obj), evidence in sorted(grouped.items()):
        evidence.sort(key=lambda e: (e["story"], e["start"]))
        relations.append(
            {
                "subject": subject,
                "predicate": predicate,
                "object": obj,
                "evidence": evidence,
                **sources(evidence, roots),
            }
        )
    return relations


def event_item(event: Event, roots: Mapping[str, str]) -> dict[str, Any]:
    evidence = sorted(
        (evidence_item(e, event.modality, {}) for e in event.evidence), key=lambda e: (e["story"], e["start"])
    )
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date.value,
        "date_precision": event.date.precision,
        "date_expression": event.date.expression,
        "location": event.location,
        "participants": list(event.participants),
        "modality": event.modality,
        "evidence": evidence,
        **sources(evidence, roots),
    }


def entity_item(entity: Entity, place: Place | None) -> dict[str, Any]:
    item = {
        "id": entity.id,
        "type": entity.type,
        "name": entity.name,
        "aliases": sorted(entity.aliases),
        "kb_id": entity.kb_id,
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


def build_export(store: Store) -> dict[str, Any]:
    stories = store.stories()
    found = store.duplicates()
    duplicate_of = {d.story_id: d.duplicate_of for d in found if d.kind == "story"}
    similarity = {d.story_id: d.similarity for d in found if d.kind == "story"}
    overlaps = defaultdict(list)
    for d in found:
        if d.kind == "partial":
            overlaps[d.story_id].append({"story": d.duplicate_of, "similarity": d.similarity})
    roots = root_of(stories, duplicate_of)
    entity_of = store.entity_of()
    places = store.places()
    events = merge_events(store.event_mentions(), entity_of, roots)
    return {
        "stories": [
            {
                "id": s.id,
                "source": s.source,
                "index": s.index,
                "title": s.title,
                "published": s.published,
                "outlet": s.outlet,
                "text": s.text,
                "duplicate_of": duplicate_of.get(s.id),
                "similarity": similarity.get(s.id),
                "overlaps": overlaps.get(s.id, []),
                "zones": [[b.start, b.end, b.zone] for b in s.blocks],
            }
            for s in stories
        ],
        "entities": [entity_item(e, places.get(e.id)) for e in store.entities()],
        "mentions": [
            {
                "story": m.story_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "entity": entity_of.get(m.id),
            }
            for m in store.mentions()
        ],
        "relations": relations_of(store.assertions(), entity_of, roots),
        "events": [
            event_item(e, roots) for e in sorted(events, key=lambda e: e.id) if e.modality not in NOT_A_FACT
        ],
    }


def export_json(store: Store) -> str:
    return json.dumps(build_export(store), ensure_ascii=False, indent=2) + "\n"
