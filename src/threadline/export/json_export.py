"""The benchmark JSON export (../shared/eval/README.md): stories, entities,
mentions, relations and events, each fact with its verbatim evidence; beside them
the claims of responsibility and the denials that match no asserted fact.

Each evidence item carries its own modality and attribution (who says so, through
which outlet). A fact that one source asserts and another denies is exported once,
`contested`, its dissenting evidence under `disputed_by`; a fact only denied is no
fact: it goes under `denials`. Ordering is fixed everywhere, so the same store
always gives the same bytes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from threadline.extract.vocabulary import load_ontology
from threadline.graph.containment import containment
from threadline.graph.events import FIRMNESS, merge_events
from threadline.records import (
    NOT_A_FACT,
    NOT_NOW,
    Assertion,
    Claim,
    Entity,
    Event,
    EventMention,
    Evidence,
    Place,
    Story,
)
from threadline.store import Store

Told = Assertion | EventMention | Claim


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


@dataclass(frozen=True)
class Citing:
    """What citing a claim's evidence needs: resolved entities, story copies, outlets."""

    entity_of: Mapping[str, str]
    roots: Mapping[str, str]
    outlets: Mapping[str, str | None]  # story id -> the outlet that published it

    def attribution(self, told: Told) -> dict[str, Any]:
        """kind, text, the source's mention and entity, and the outlet it was told to
        (`via`); the outlet itself, by name, when no one else is cited."""
        item = asdict(told.attribution)
        if told.attribution.kind == "outlet" and item["text"] is None:
            item["text"] = self.outlets.get(told.story_id)
        item["entity"] = self.entity_of.get(told.attribution.mention_id or "")
        return item

    def items(self, told: Sequence[Told]) -> list[dict[str, Any]]:
        """One evidence item per quote, in story order; of two claims on one quote, the
        firmer one's."""
        ranked = sorted(
            told, key=lambda c: (c.evidence.story_id, c.evidence.start, FIRMNESS.index(c.modality))
        )
        found: dict[tuple[str, int, int], dict[str, Any]] = {}
        for claim in ranked:
            item = evidence_item(claim.evidence, claim.modality, self.attribution(claim))
            if isinstance(claim, Assertion):
                item.update(role=claim.role, extractor=claim.extractor)
            found.setdefault((item["story"], item["start"], item["end"]), item)
        return list(found.values())


def _split(told: Sequence[Told]) -> tuple[list[Told], list[Told], list[Told]]:
    """Those that state the fact, those that deny or negate it, and those that state it
    only as possible, planned or past."""
    stating = [t for t in told if t.modality not in NOT_A_FACT | NOT_NOW]
    return stating, [t for t in told if t.modality in NOT_A_FACT], [t for t in told if t.modality in NOT_NOW]


@dataclass
class Relations:
    """Relations as exported: facts, facts only denied, and facts only possible, planned or past."""

    facts: list[dict[str, Any]]
    denials: list[dict[str, Any]]
    unasserted: list[dict[str, Any]]


def _typed(predicate: str, subject: str, obj: str, types: Mapping[str, str]) -> bool:
    """The resolved entities' types fit the predicate (a person leads a group, not a person)."""
    return load_ontology().allows(predicate, types.get(subject, ""), types.get(obj, ""))


def relations_of(assertions: Iterable[Assertion], citing: Citing, types: Mapping[str, str]) -> Relations:
    """Claims grouped by (subject, predicate, object) entity, each with its evidence; the
    relations only denied, and those only possible, planned or past, apart."""
    grouped: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in assertions:
        subject, obj = citing.entity_of.get(a.subject), citing.entity_of.get(a.object)
        if subject and obj and subject != obj and _typed(a.predicate, subject, obj, types):
            grouped[(subject, a.predicate, obj)].append(a)
    found = Relations([], [], [])
    for (subject, predicate, obj), told in sorted(grouped.items()):
        fact = {"subject": subject, "predicate": predicate, "object": obj}
        support, dissent, unsettled = (citing.items(side) for side in _split(told))
        if support:
            counts = sources(support, citing.roots)
            found.facts.append(
                {**fact, "evidence": support, **counts, "contested": bool(dissent), "disputed_by": dissent}
            )
        elif dissent:
            found.denials.append({"kind": "relation", **fact, "evidence": dissent})
        else:
            found.unasserted.append({"kind": "relation", **fact, "evidence": unsettled})
    return found


def event_item(event: Event, mentions: Mapping[str, EventMention], citing: Citing) -> dict[str, Any]:
    told = [mentions[m] for m in event.mentions if m in mentions]
    disputed = set(event.disputed_by)
    evidence = citing.items([m for m in told if m.id not in disputed])
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date.value,
        "date_precision": event.date.precision,
        "date_expression": event.date.expression,
        "location": event.location,
        "participants": list(event.participants),
        "roles": dict(event.roles),
        "modality": event.modality,
        "evidence": evidence,
        **sources(evidence, citing.roots),
        "contested": event.contested,
        "disputed_by": citing.items([m for m in told if m.id in disputed]),
    }


def claims_of(
    events: Sequence[Event], mentions: Mapping[str, EventMention], citing: Citing
) -> list[dict[str, Any]]:
    """Claims of responsibility and denials of any role: claimant entity -> event."""
    event_of = {m: e.id for e in events for m in e.mentions}
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in (c for m in mentions.values() for c in m.claims):
        claimant, event = citing.entity_of.get(claim.claimant), event_of.get(claim.event)
        if claimant and event:
            grouped[(claimant, event, claim.kind)].append(claim)
    found = []
    for (claimant, event, kind), told in sorted(grouped.items()):
        evidence = citing.items(told)
        modality = min((c.modality for c in told), key=FIRMNESS.index)
        item = {
            "claimant": claimant,
            "event": event,
            "kind": kind,
            "modality": modality,
            "evidence": evidence,
        }
        found.append({**item, **sources(evidence, citing.roots)})
    return found


def entity_item(entity: Entity, place: Place | None) -> dict[str, Any]:
    item: dict[str, Any] = {
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
    citing = Citing(entity_of, roots, {s.id: s.outlet for s in stories})
    places = store.places()
    mentions = {m.id: m for m in store.event_mentions()}
    assertions = store.assertions()
    within = containment(assertions, entity_of)  # a district joins its city across stories
    events = sorted(merge_events(list(mentions.values()), entity_of, roots, within), key=lambda e: e.id)
    entities = store.entities()
    relations = relations_of(assertions, citing, {e.id: e.type for e in entities})
    denied_events = [
        {"kind": "event", **event_item(e, mentions, citing)} for e in events if e.modality in NOT_A_FACT
    ]
    unasserted_events = [
        {"kind": "event", **event_item(e, mentions, citing)} for e in events if e.modality in NOT_NOW
    ]
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
                "dateline": [s.dateline.start, s.dateline.end] if s.dateline else None,
            }
            for s in stories
        ],
        "entities": [entity_item(e, places.get(e.id)) for e in entities],
        "mentions": [
            {
                "story": m.story_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "type": m.type,
                "entity": entity_of.get(m.id),
                **({"zone": "title"} if m.zone == "title" else {}),
            }
            for m in store.mentions()
        ],
        "relations": relations.facts,
        "events": [event_item(e, mentions, citing) for e in events if e.modality not in NOT_A_FACT | NOT_NOW],
        "claims": claims_of(events, mentions, citing),
        "denials": relations.denials + denied_events,
        "unasserted": relations.unasserted + unasserted_events,
    }


def export_json(store: Store) -> str:
    return json.dumps(build_export(store), ensure_ascii=False, indent=2) + "\n"
