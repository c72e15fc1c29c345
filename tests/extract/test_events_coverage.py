"""Each event type in its common verb and noun forms, with participants and place from
the parse; sentences written for these tests (published Thursday 14 March 2024)."""

from __future__ import annotations

import pytest

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Jund al-Safa": ORG,
    "Saraya al-Nour": ORG,
    "Kenya": LOC,
    "Karim Haddad": PER,
    "Lena Ortiz": PER,
    "Mosul": LOC,
    "Tikrit": LOC,
    "Garissa": LOC,
    "Lamu": LOC,
}


@pytest.mark.parametrize(
    ("text", "event_type", "names", "place"),
    [
        ("Police arrested Karim Haddad in Garissa on Sunday.", "arrest", {"Karim Haddad"}, "Garissa"),
        ("Security forces detained Karim Haddad in Garissa.", "arrest", {"Karim Haddad"}, "Garissa"),
        ("Jund al-Safa leader Karim Haddad arrested in Garissa", "arrest", {"Karim Haddad"}, "Garissa"),
        (
            "The arrest of Karim Haddad in Garissa angered Jund al-Safa.",
            "arrest",
            {"Karim Haddad"},
            "Garissa",
        ),
        ("Kenya froze the assets of Jund al-Safa on Monday.", "sanction", {"Kenya", "Jund al-Safa"}, None),
        ("Kenya imposed sanctions on Karim Haddad on Monday.", "sanction", {"Kenya", "Karim Haddad"}, None),
        (
            "Karim Haddad held talks with Lena Ortiz in Mosul.",
            "meeting",
            {"Karim Haddad", "Lena Ortiz"},
            "Mosul",
        ),
        (
            "Negotiations between Jund al-Safa and Saraya al-Nour broke up in Mosul on Monday.",
            "meeting",
            {"Jund al-Safa", "Saraya al-Nour"},
            "Mosul",
        ),
        (
            "Jund al-Safa and Saraya al-Nour agreed to a ceasefire in Mosul on Monday.",
            "agreement",
            {"Jund al-Safa", "Saraya al-Nour"},
            "Mosul",
        ),
        ("Jund al-Safa struck a deal with Saraya al-Nour in Mosul.", "agreement", {"Jund al-Safa"}, "Mosul"),
        ("Gunmen kidnapped Karim Haddad near Lamu on Friday.", "abduction", {"Karim Haddad"}, "Lamu"),
        (
            "Jund al-Safa took Karim Haddad hostage in Lamu.",
            "abduction",
            {"Jund al-Safa", "Karim Haddad"},
            "Lamu",
        ),
        ("Kenya sent 300 troops to Lamu in January.", "deployment", {"Kenya"}, "Lamu"),
        ("Kenya deployed reinforcements to Lamu on Friday.", "deployment", {"Kenya"}, "Lamu"),
        ("Jund al-Safa set up a new base in Tikrit last month.", "establishment", {"Jund al-Safa"}, "Tikrit"),
        ("Supporters of Jund al-Safa marched through Mosul on Friday.", "protest", {"Jund al-Safa"}, "Mosul"),
        ("Thousands of students took to the streets of Mosul on Friday.", "protest", set(), "Mosul"),
        (
            "Jund al-Safa clashed with Saraya al-Nour near Tikrit.",
            "attack",
            {"Jund al-Safa", "Saraya al-Nour"},
            "Tikrit",
        ),
        (
            "Fighting between Jund al-Safa and Saraya al-Nour erupted in Tikrit.",
            "attack",
            {"Jund al-Safa", "Saraya al-Nour"},
            "Tikrit",
        ),
        ("Jund al-Safa fighters seized the town of Tikrit on Monday.", "attack", {"Jund al-Safa"}, "Tikrit"),
        ("Troops opened fire on supporters of Jund al-Safa in Mosul.", "attack", {"Jund al-Safa"}, "Mosul"),
        (
            "Jund al-Safa threatened Saraya al-Nour with reprisals.",
            "threat",
            {"Jund al-Safa", "Saraya al-Nour"},
            None,
        ),
        ("Police found a weapons cache near Garissa on Monday.", "discovery", set(), "Garissa"),
        ("A mass grave was discovered near Tikrit on Monday.", "discovery", set(), "Tikrit"),
        ("Karim Haddad visited Mosul on Wednesday.", "visit", {"Karim Haddad"}, "Mosul"),
        ("Karim Haddad arrived in Mosul on Wednesday.", "visit", {"Karim Haddad"}, "Mosul"),
        ("Karim Haddad condemned Jund al-Safa in a speech in Mosul.", "statement", {"Karim Haddad"}, "Mosul"),
        ("Karim Haddad said his fighters would not leave Mosul.", "statement", {"Karim Haddad"}, None),
    ],
)
def test_each_type_in_its_common_forms(parse, text, event_type, names, place):
    doc = parse(text, NAMES)
    events = [e for e in doc.events() if e.type == event_type]
    assert events, f"no {event_type} in {text!r}: {doc.events()}"
    event = events[0]
    assert names <= doc.names(event) | {doc.text_of(event.location)}
    assert doc.text_of(event.location) == place


def test_said_is_no_statement_beyond_the_lede_or_beside_another_event(parse):
    later = parse("Jund al-Safa attacked Tikrit on Monday. Karim Haddad said his fighters would stay.", NAMES)
    assert [e.type for e in later.events()] == ["attack"]
    beside = parse("Karim Haddad said militants attacked Tikrit on Monday.", NAMES)
    assert [e.type for e in beside.events()] == ["attack"]


def test_a_date_the_model_finds_in_a_place_name_is_no_date(parse):
    doc = parse("Gunmen abducted an engineer near Arlit in northern Niger.", {"Arlit": LOC})
    assert doc.event("abduction").date.expression is None


def test_a_date_of_another_event_of_the_same_type_is_not_taken(parse):
    doc = parse(
        "Jund al-Safa fighters attacked bases in Tikrit in support of the May 3 assault on Mosul.", NAMES
    )
    attack = next(e for e in doc.events() if e.trigger == "attacked")
    assert attack.date.value is None
