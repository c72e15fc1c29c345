"""The events step: event mentions merged into events (events.py), given content ids
(ids.py), their evidence cited; and the claims of responsibility for them, grouped by
claimant entity and event."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from threadline.graph import events as merging
from threadline.graph.background import Within
from threadline.graph.cite import Citing, counted, firmest
from threadline.graph.passing import Background
from threadline.records import Claim, Event, EventMention, GraphEvent, Responsibility


def graph_event(event: Event, mentions: Mapping[str, EventMention], citing: Citing) -> GraphEvent:
    told = [mentions[m] for m in event.mentions if m in mentions]
    disputed = set(event.disputed_by)
    evidence = citing.items([m for m in told if m.id not in disputed])
    sources, independent = counted(evidence, citing.roots)
    return GraphEvent(
        id=event.id,
        type=event.type,
        date=event.date,
        location=event.location,
        participants=event.participants,
        roles=event.roles,
        modality=event.modality,
        mentions=event.mentions,
        evidence=evidence,
        disputed_by=citing.items([m for m in told if m.id in disputed]),
        sources=sources,
        independent_sources=independent,
    )


def graph_events(
    mentions: Sequence[EventMention],
    citing: Citing,
    within: Within,
    loose: set[str] | None = None,
    published: Mapping[str, str] | None = None,
    background: Background | None = None,
) -> tuple[list[GraphEvent], list[Responsibility]]:
    """Every event, ordered by id, and the claims made about them (`loose`, `published`,
    `background`: see merge_events)."""
    by_id = {m.id: m for m in mentions}
    merged = merging.merge_events(
        list(mentions), citing.entity_of, citing.roots, within, loose, published, background
    )
    events = sorted(merged, key=lambda e: e.id)
    return [graph_event(e, by_id, citing) for e in events], responsibilities(events, by_id, citing)


def responsibilities(
    events: Sequence[Event], mentions: Mapping[str, EventMention], citing: Citing
) -> list[Responsibility]:
    """Claims of responsibility and denials of any role: claimant entity -> event,
    ordered by claimant, event and kind."""
    event_of = {m: e.id for e in events for m in e.mentions}
    grouped: dict[tuple[str, str, str], list[Claim]] = defaultdict(list)
    for claim in (c for m in mentions.values() for c in m.claims):
        claimant, event = citing.entity_of.get(claim.claimant), event_of.get(claim.event)
        if claimant and event:
            grouped[(claimant, event, claim.kind)].append(claim)
    found = []
    for (claimant, event, kind), told in sorted(grouped.items()):
        evidence = citing.items(told)
        sources, independent = counted(evidence, citing.roots)
        found.append(
            Responsibility(
                claimant=claimant,
                event=event,
                kind=kind,  # type: ignore[arg-type]
                modality=firmest(evidence),
                evidence=evidence,
                sources=sources,
                independent_sources=independent,
            )
        )
    return found
