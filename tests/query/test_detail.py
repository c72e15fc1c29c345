"""One entity in full, its events and network, and a story with its evidence."""

from __future__ import annotations

import re

import pytest

from threadline.errors import ThreadlineError
from threadline.query import (
    UnknownEntity,
    UnknownRecord,
    UnknownStory,
    entity_detail,
    get_event,
    get_fact,
    list_entities,
    list_events,
    list_facts,
    network,
    one_entity,
    search,
    story,
    why,
)
from threadline.query.events import distance_km


def test_entity_detail_has_relations_events_quotes_and_sources(shared):
    ksr = entity_detail(shared, one_entity(shared, "KSR").id)
    assert ksr.type == "organization" and "KSR" in ksr.aliases
    assert {r.predicate for r in ksr.relations} >= {"leader_of", "part_of"}
    leader = next(r for r in ksr.relations if r.predicate == "leader_of")
    assert leader.direction == "in" and leader.subject.name == "Muhammad Jawad al-Darraji"
    quote = leader.quotes[0]
    assert "leader of Kata'ib Sayf al-Rafidayn" in quote.quote and quote.story_title and quote.published
    attack = next(e for e in ksr.events if e.type == "attack")
    assert attack.date == "2025-03-11" and attack.place and attack.place.name.startswith("Ain al-Asad")
    assert attack.independent_sources >= 2 and attack.independent_sources <= attack.sources
    assert "attacker" in ksr.roles
    assert ksr.first_seen <= ksr.last_seen and ksr.stories >= 2 and ksr.mentions >= ksr.stories
    assert ksr.review_status == "unreviewed"
    assert ksr.to_dict()["relations"][0]["quotes"][0]["quote"]


def test_hedging_and_contested_flags_are_shown(shared):
    events = list_events(shared, limit=500).events
    assert any(e.contested and e.disputed_by for e in events)
    assert {e.modality for e in events} > {"asserted"}  # some are reported or claimed


def test_an_unknown_id_is_a_clear_error(shared):
    with pytest.raises(UnknownEntity, match="e-nope"):
        entity_detail(shared, "e-nope")
    with pytest.raises(UnknownStory):
        story(shared, "s-nope")


def test_events_filter_by_type_dates_actor_and_place(shared):
    every = list_events(shared, limit=500)
    assert every.total == len(every.events) > 10
    attacks = list_events(shared, type="attack").events
    assert attacks and all(e.type == "attack" for e in attacks)
    march = list_events(shared, since="2025-03-10", until="2025-03-20").events
    assert march and all("2025-03-10" <= (e.date or "") <= "2025-03-20" for e in march)
    month = list_events(shared, until="2025-03").events
    assert month and all((e.date or "9") < "2025-04" for e in month)
    ksr = one_entity(shared, "KSR").id
    by_actor = list_events(shared, actor="KSR").events
    assert by_actor and all(ksr in {p.entity.id for p in (*e.participants, *e.claimants)} for e in by_actor)
    in_baghdad = list_events(shared, place="Baghdad").events
    assert in_baghdad and all(e.location and e.location.name == "Baghdad" for e in in_baghdad)


def test_events_near_a_place_lie_within_the_radius(shared):
    near = list_events(shared, near="Baghdad", km=60).events
    baghdad = entity_detail(shared, one_entity(shared, "Baghdad").id).place
    assert near and baghdad
    assert all(distance_km(baghdad.lat, baghdad.lon, e.place.lat, e.place.lon) <= 60 for e in near if e.place)
    assert not any(e.location and e.location.name == "Tyre" for e in near)
    assert len(list_events(shared, near="Baghdad", km=2000).events) > len(near)


def test_event_pages(shared):
    first, second = list_events(shared, limit=3), list_events(shared, limit=3, offset=3)
    assert first.total == second.total and not {e.id for e in first.events} & {e.id for e in second.events}
    dated = [e.date for e in list_events(shared, limit=500).events if e.date]
    assert dated == sorted(dated)


def test_network_nodes_and_edges(shared):
    ksr = one_entity(shared, "KSR").id
    one = network(shared, ksr, depth=1)
    two = network(shared, ksr, depth=2)
    assert {n.id for n in one.nodes} <= {n.id for n in two.nodes}
    assert one.nodes[0].id == ksr and one.nodes[0].depth == 0
    ids = {n.id for n in two.nodes}
    assert all(e.source in ids and e.target in ids and e.quote for e in two.edges)
    assert all(e.dates for e in one.edges)
    only = network(shared, ksr, depth=2, predicate="part_of")
    assert only.edges and {e.predicate for e in only.edges} == {"part_of"}
    small = network(shared, ksr, depth=2, max_nodes=2)
    assert len(small.nodes) <= 2 and small.truncated
    with pytest.raises(ThreadlineError):
        network(shared, ksr, depth=3)


def test_a_story_marks_its_evidence_and_keeps_the_removed_boilerplate_apart(shared):
    ksr = entity_detail(shared, one_entity(shared, "KSR").id)
    quote = ksr.relations[0].quotes[0]
    shown = story(shared, quote.story_id)
    assert shown.text[quote.start : quote.end] == quote.quote
    assert any(s.start == quote.start and s.end == quote.end for s in shown.evidence)
    assert all(0 <= s.start < s.end <= len(shown.text) for s in shown.evidence)
    truce = next(h for h in search(shared, "truce guesthouse").hits if h.kind == "story")
    with_boilerplate = story(shared, truce.id)
    assert any(line.startswith("Subscribe") for line in with_boilerplate.removed)
    assert all(
        line not in with_boilerplate.text for line in with_boilerplate.removed if line.startswith("Subscribe")
    )
    assert any(b.kind == "caption" for b in with_boilerplate.blocks)


def test_why_names_stories_by_title(shared):
    ksr = one_entity(shared, "KSR").id
    said = why(shared, ksr)
    assert said.stories and all(g.title for g in said.stories)
    lines = [r for g in said.stories for r in g.reasons] + said.general
    lines += [d.reason for d in said.decisions] + [s for d in said.decisions for s in d.stories]
    assert lines and not any(re.search(r"\bs-[0-9a-f]{16}\b", line) for line in lines)
    assert any("Drones target Ain al-Asad" in r for g in said.stories for r in g.reasons)


def test_lists_and_single_records_for_the_api(shared):
    people = list_entities(shared, type="person", limit=5)
    assert people.total > 5 and len(people.entities) == 5 and {e.type for e in people.entities} == {"person"}
    names = [e.name for e in people.entities]
    assert names == sorted(names) and all(e.mentions >= 1 for e in people.entities)
    nxt = list_entities(shared, type="person", limit=5, offset=5)
    assert not {e.id for e in people.entities} & {e.id for e in nxt.entities}
    ksr = one_entity(shared, "KSR").id
    facts = list_facts(shared, entity_id=ksr)
    assert facts.total == len(entity_detail(shared, ksr).relations)
    assert {f.direction for f in facts.facts} == {"in", "out"}
    part_of = list_facts(shared, predicate="part_of").facts
    assert part_of and {f.predicate for f in part_of} == {"part_of"}
    assert (
        get_fact(shared, part_of[0].id) == part_of[0] or get_fact(shared, part_of[0].id).id == part_of[0].id
    )
    event = list_events(shared, limit=1).events[0]
    assert get_event(shared, event.id) == event
    with pytest.raises(UnknownRecord, match="f-nope"):
        get_fact(shared, "f-nope")
    with pytest.raises(UnknownRecord, match="v-nope"):
        get_event(shared, "v-nope")
