"""Argument roles of events: who attacks, arrests, sanctions, hosts -- and whom.

Sentences written for these tests; stories are published on Thursday 14 March 2024."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadline.errors import DataFileError
from threadline.extract.events.lexicon import SLOTS, load_slots
from threadline.extract.vocabulary import load_ontology

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Liwa al-Nasr": ORG,
    "Harakat al-Wafa": ORG,
    "Hadi Qasim": PER,
    "Tariq Mansour": PER,
    "Treasury": ORG,
    "European Union": ORG,
    "Jordan": LOC,
    "Basra": LOC,
    "Amman": LOC,
    "Syria": LOC,
    "US": LOC,
}


def roles(doc, event_type: str) -> dict[str, str]:
    event = doc.event(event_type)
    assert {m for m, _ in event.roles} == set(event.participants)
    return {doc.text_of(m): role for m, role in event.roles}


@pytest.mark.parametrize(
    "text",
    [
        "Liwa al-Nasr fighters attacked Harakat al-Wafa in Basra on Monday.",
        "Harakat al-Wafa was attacked by Liwa al-Nasr in Basra on Monday.",
        "A Liwa al-Nasr drone strike on Harakat al-Wafa hit a base in Basra.",
        "Liwa al-Nasr carried out an attack against Harakat al-Wafa in Basra.",
    ],
)
def test_attack_attacker_and_target(parse, text):
    doc = parse(text, NAMES)
    assert roles(doc, "attack") == {"Liwa al-Nasr": "attacker", "Harakat al-Wafa": "target"}


def test_a_possessor_is_the_victim_of_an_assassination_unless_an_of_phrase_names_one(parse):
    doc = parse("Hadi Qasim's assassination in Basra shocked the city.", NAMES)
    assert roles(doc, "attack") == {"Hadi Qasim": "target"}
    doc = parse("Liwa al-Nasr's assassination of Hadi Qasim in Basra shocked the city.", NAMES)
    assert roles(doc, "attack") == {"Liwa al-Nasr": "attacker", "Hadi Qasim": "target"}


def test_forces_that_face_attacks_are_their_target(parse):
    doc = parse("US forces in Syria faced attacks by Liwa al-Nasr.", NAMES)
    assert roles(doc, "attack") == {"US": "target", "Liwa al-Nasr": "attacker"}


def test_arrest_agent_and_detainee(parse):
    doc = parse("Hadi Qasim was detained by Liwa al-Nasr in Basra on Monday.", NAMES)
    assert roles(doc, "arrest") == {"Hadi Qasim": "detainee", "Liwa al-Nasr": "agent"}
    doc = parse("Liwa al-Nasr arrested Hadi Qasim in Basra.", NAMES)
    assert roles(doc, "arrest") == {"Liwa al-Nasr": "agent", "Hadi Qasim": "detainee"}


@pytest.mark.parametrize(
    "text, agent",
    [
        ("The Treasury sanctioned Harakat al-Wafa on Monday.", "Treasury"),
        ("The European Union imposed sanctions on Harakat al-Wafa.", "European Union"),
        (
            "The European Union added Harakat al-Wafa to its list of terrorist organisations.",
            "European Union",
        ),
    ],
)
def test_sanction_agent_and_target(parse, text, agent):
    assert roles(parse(text, NAMES), "sanction") == {agent: "agent", "Harakat al-Wafa": "target"}


def test_meeting_participants_and_host(parse):
    doc = parse("Hadi Qasim held talks with Tariq Mansour in Amman.", NAMES)
    assert roles(doc, "meeting") == {"Hadi Qasim": "participant", "Tariq Mansour": "participant"}
    doc = parse("Talks between Hadi Qasim and Tariq Mansour took place in Amman.", NAMES)
    assert roles(doc, "meeting") == {"Hadi Qasim": "participant", "Tariq Mansour": "participant"}
    doc = parse("Jordan hosted talks between Hadi Qasim and Tariq Mansour in Amman.", NAMES)
    assert roles(doc, "meeting") == {
        "Jordan": "host",
        "Hadi Qasim": "participant",
        "Tariq Mansour": "participant",
    }


def test_abduction_and_visit(parse):
    doc = parse("Liwa al-Nasr abducted Hadi Qasim in Basra.", NAMES)
    assert roles(doc, "abduction") == {"Liwa al-Nasr": "perpetrator", "Hadi Qasim": "victim"}
    doc = parse("Hadi Qasim visited Tariq Mansour in Amman.", NAMES)
    assert roles(doc, "visit") == {"Hadi Qasim": "visitor", "Tariq Mansour": "host"}


def test_every_slot_names_a_role_of_its_event_type():
    ontology = load_ontology()
    lexicon = load_slots()
    assert set(lexicon.slots) == set(ontology.event_types)
    for name, slots in lexicon.slots.items():
        roles_of_type = set(ontology.event_types[name].roles)
        assert slots and set(slots) <= set(SLOTS), name
        assert set(slots.values()) <= roles_of_type, name
        assert "participant" in roles_of_type, name
        for override in lexicon.by_head[name].values():
            assert set(override.values()) <= roles_of_type, name
    assert lexicon.agent_preps and lexicon.patient_preps and lexicon.with_preps


def test_a_slot_naming_an_unknown_role_is_refused(tmp_path: Path):
    (tmp_path / "ontology.yaml").write_text(
        "event_types:\n  attack:\n    roles: {attacker: [person]}\n    slots: {agent: shooter}\n",
        encoding="utf-8",
    )
    (tmp_path / "event_triggers.yaml").write_text("arguments: {}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="shooter"):
        load_slots(tmp_path)
