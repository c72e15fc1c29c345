"""A story telling one event twice makes one event mention; sentences written for these
tests. Stories are published on Thursday 14 March 2024."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Jund al-Safa": ORG,
    "Saraya al-Nour": ORG,
    "the Lakeside Mediation Forum": ORG,
    "Karim Haddad": PER,
    "Mosul": LOC,
    "Tikrit": LOC,
}


def test_the_definite_noun_tells_the_event_again(parse):
    doc = parse(
        "Saraya al-Nour and Jund al-Safa signed a ceasefire in Mosul on Tuesday. "
        "The agreement was brokered by the Lakeside Mediation Forum.",
        NAMES,
    )
    event = doc.event("agreement")
    assert doc.names(event) == {"Saraya al-Nour", "Jund al-Safa", "the Lakeside Mediation Forum"}
    assert event.date.value == "2024-03-12"


def test_a_live_blog_tells_the_retelling_first(parse):
    doc = parse(
        "16:02 — The agreement was brokered by the Lakeside Mediation Forum.\n\n"
        "15:31 — Saraya al-Nour and Jund al-Safa signed a ceasefire in Mosul on Tuesday.",
        NAMES,
    )
    assert len([e for e in doc.events() if e.type == "agreement"]) == 1


def test_the_definite_noun_with_a_target_of_its_own_is_another_event(parse):
    doc = parse(
        "Jund al-Safa attacked a checkpoint in Tikrit on Monday. "
        "The group was also blamed for the killing of Karim Haddad.",
        NAMES,
    )
    attacks = [e for e in doc.events() if e.type == "attack"]
    assert len(attacks) == 2


def test_the_definite_noun_with_a_date_of_its_own_is_another_event(parse):
    doc = parse(
        "Jund al-Safa attacked a checkpoint in Tikrit on Monday. "
        "The attack in Mosul in 2019 killed Karim Haddad.",
        NAMES,
    )
    assert len([e for e in doc.events() if e.type == "attack"]) == 2


def test_a_threat_takes_the_place_of_the_act_it_threatens(parse):
    doc = parse("Karim Haddad threatened to strike every checkpoint in Tikrit.", NAMES)
    event = doc.event("threat")
    assert doc.text_of(event.location) == "Tikrit"
    assert [e.type for e in doc.events()] == ["threat"]


def test_a_border_named_after_a_country_is_not_that_country(parse):
    names = {**NAMES, "Syria": LOC}
    near = parse("Officials in Syria said Jund al-Safa fighters raided a camp near the Syrian border.", names)
    assert near.event("attack").location is None
    inside = parse("Officials in Syria said Jund al-Safa fighters raided a camp in a Syrian town.", names)
    assert inside.text_of(inside.event("attack").location) == "Syria"


def test_a_threat_takes_the_place_its_act_would_strike(parse):
    doc = parse("Jund al-Safa threatened on Tuesday to shell Mosul airport.", {**NAMES, "Mosul": PER})
    assert doc.text_of(doc.event("threat").location) == "Mosul"
