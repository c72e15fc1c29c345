"""Crowds that protest, and forces that move: trigger conditions on who acts and what
for. Sentences written for these tests; stories are published on Thursday 14 March 2024."""

from __future__ import annotations

import pytest

from threadline.records import NOT_A_FACT, NOT_NOW

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Jund al-Safa": ORG,
    "Karim Haddad": PER,
    "Mosul": LOC,
    "Tikrit": LOC,
    "Samarra": LOC,
}


def told(parse, text: str, event_type: str) -> list:
    return [
        e
        for e in parse(text, NAMES).events()
        if e.type == event_type and e.modality not in NOT_A_FACT | NOT_NOW
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of teachers blocked the road west of Samarra on Tuesday, demanding unpaid wages.",
        "About two hundred residents gathered outside the governor's office in Tikrit to demand clean water.",
        "Relatives of the detainees gathered outside the prison in Mosul, calling for their release.",
        "A crowd of students occupied the main square in Samarra and demanded the minister's resignation.",
        "Thousands of workers blocked the bridge in Samarra in protest at the new tax.",
    ],
)
def test_a_crowd_that_gathers_or_blocks_to_demand_something_protests(parse, text):
    assert len(told(parse, text, "protest")) == 1


def test_the_protest_takes_its_place_and_date(parse):
    doc = parse("Hundreds of teachers blocked the road west of Samarra on Tuesday, demanding wages.", NAMES)
    event = doc.event("protest")
    assert doc.text_of(event.location) == "Samarra"
    assert event.date.value == "2024-03-12"


@pytest.mark.parametrize(
    "text",
    [
        # no demand: a funeral, a celebration, a traffic jam
        "Hundreds of mourners gathered in Mosul on Friday for the funeral of a tribal sheikh.",
        "Thousands of fans gathered in Tikrit to celebrate the team's victory.",
        "Hundreds of lorries blocked the road near Samarra on Tuesday.",
        # office holders who gather meet; armed men who block are no protesters
        "Faction leaders gathered in Mosul on Saturday to demand a truce.",
        "Gunmen blocked the highway near Tikrit on Monday, demanding a ransom.",
        "Police blocked the road to the court in Mosul, demanding that drivers turn back.",
        # a named subject is no crowd
        "Jund al-Safa blocked the road near Samarra to demand the release of its men.",
        # hypothetical and planned
        "Hundreds of teachers could block the road near Samarra to demand their wages.",
        "Teachers plan to gather outside the court in Mosul to demand their wages.",
    ],
)
def test_no_crowd_or_no_demand_makes_no_protest(parse, text):
    assert told(parse, text, "protest") == []


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of troops moved to the outskirts of Mosul on Monday.",
        "The army moved two brigades to Tikrit on Monday.",
        "Jund al-Safa fighters headed to Samarra on Monday.",
        "The leaders of several armed factions have headed to Mosul, a newspaper reported.",
    ],
)
def test_forces_that_move_to_a_place_deploy(parse, text):
    assert len(told(parse, text, "deployment")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Several foreign staff were moved to Tikrit for a period after the attacks.",
        "A delegation headed to Mosul on Monday.",
        "Karim Haddad moved to Samarra with his family last year.",
    ],
)
def test_people_who_move_are_no_deployment(parse, text):
    assert told(parse, text, "deployment") == []
