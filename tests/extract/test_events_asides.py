"""What a sentence tells beside its news, and who is no party to an event: sentences
written for these tests. Stories are published on Thursday 14 March 2024."""

from __future__ import annotations

import pytest

from threadline.records import NOT_A_FACT, NOT_NOW, Block

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Jund al-Safa": ORG,
    "Saraya al-Nour": ORG,
    "Telegram": ORG,
    "Karim Haddad": PER,
    "Lena Ortiz": PER,
    "Mosul": LOC,
    "Tikrit": LOC,
    "Zuhur": LOC,
    "Kenya": LOC,
    "US": LOC,
}


def facts(doc, event_type: str) -> list:
    return [e for e in doc.events() if e.type == event_type and e.modality not in NOT_A_FACT | NOT_NOW]


# -- a relative clause that says what a noun is known for -------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kenya froze the assets of a trader who funds militias that have attacked US forces in Mosul.",
        "Karim Haddad, whose faction has claimed attacks on army posts near Tikrit, spoke on Monday.",
        "The ministry listed groups that ambushed convoys in Kenya among its concerns.",
    ],
)
def test_a_relative_clause_that_describes_a_noun_tells_no_event(parse, text):
    assert facts(parse(text, NAMES), "attack") == []


def test_a_relative_clause_that_dates_its_event_tells_it(parse):
    doc = parse("Jund al-Safa, which attacked an army post near Tikrit on Monday, denied the report.", NAMES)
    event = doc.event("attack")
    assert doc.names(event) == {"Jund al-Safa"} and event.date.value == "2024-03-11"


def test_a_relative_clause_on_an_event_noun_tells_that_event(parse):
    doc = parse("The strike, which killed four soldiers near Tikrit, was claimed by Jund al-Safa.", NAMES)
    assert doc.text_of(doc.event("attack").location) == "Tikrit"


# -- a clash told through its victims ----------------------------------------------------


def test_a_clash_told_through_its_victims_is_placed_near_the_town(parse):
    doc = parse(
        "Three soldiers were killed in clashes between Jund al-Safa and army units "
        "near the border town of Tikrit on Monday.",
        NAMES,
    )
    event = doc.event("attack")
    assert doc.text_of(event.location) == "Tikrit"
    assert doc.names(event) == {"Jund al-Safa"}
    assert event.date.value == "2024-03-11"


def test_a_place_in_a_participants_phrase_still_places_only_the_participant(parse):
    doc = parse("Jund al-Safa attacked the base with the help of fighters in Mosul.", NAMES)
    assert doc.event("attack").location is None


def test_victims_of_an_accident_are_no_attack(parse):
    assert (
        facts(parse("Three soldiers were killed in a road accident near Tikrit on Monday.", NAMES), "attack")
        == []
    )


# -- one story telling its event again, closer ---------------------------------------------


def test_a_retelling_in_a_place_inside_the_first_joins_it(parse):
    doc = parse(
        "Faction leaders met in Mosul on Saturday. Karim Haddad hosted the meeting at a "
        "school in the Zuhur district. Guards closed the roads of Mosul's Zuhur district.",
        NAMES,
    )
    event = doc.event("meeting")
    assert doc.names(event) == {"Karim Haddad"}
    assert doc.text_of(event.location) == "Mosul" and event.date.value == "2024-03-09"


def test_a_retelling_in_another_place_is_another_event(parse):
    doc = parse("Faction leaders met in Mosul on Saturday. Karim Haddad hosted the meeting in Tikrit.", NAMES)
    assert len(facts(doc, "meeting")) == 2


def test_a_telling_that_names_nothing_goes_on_with_the_event_before(parse):
    doc = parse(
        "Two drones were launched at an army base near Tikrit on Monday. One was shot down and "
        "the other struck a storage area. Jund al-Safa claimed the attack.",
        NAMES,
    )
    [event] = facts(doc, "attack")
    assert doc.text_of(event.location) == "Tikrit" and doc.names(event) >= {"Jund al-Safa"}


# -- who is no party to a statement ----------------------------------------------------------


def test_what_a_statement_says_is_no_participant(parse):
    doc = parse(
        'Karim Haddad read a statement pledging to "defend Kenya" and calling on troops to leave.', NAMES
    )
    assert doc.names(doc.event("statement")) == {"Karim Haddad"}


def test_the_medium_a_statement_is_posted_on_is_no_participant(parse):
    doc = parse("Jund al-Safa claimed the attack in a statement posted on Telegram on Monday.", NAMES)
    assert all("Telegram" not in doc.names(e) for e in doc.events())


def test_a_threat_names_the_target_of_what_it_threatens(parse):
    doc = parse("Karim Haddad threatened to strike Kenya.", NAMES)
    assert doc.names(doc.event("threat")) == {"Karim Haddad", "Kenya"}


# -- a group that announces its own formation ------------------------------------------------


def test_a_group_announcing_its_formation_is_established(parse):
    doc = parse("A new armed group, Jund al-Safa, announced its formation on Monday in a video.", NAMES)
    event = doc.event("establishment")
    assert doc.names(event) == {"Jund al-Safa"} and event.date.value == "2024-03-11"


@pytest.mark.parametrize(
    "text",
    [
        "Karim Haddad said the formation of the team was delayed.",
        "Jund al-Safa denied reports of its formation.",
        "Jund al-Safa may announce its formation next week.",
    ],
)
def test_no_group_formed_makes_no_establishment(parse, text):
    assert facts(parse(text, NAMES), "establishment") == []


# -- a definite title refers to the person named with it ---------------------------------------


def test_a_title_refers_to_the_person_named_with_it(parse):
    named = parse(
        "Karim Haddad, the provincial governor, spoke on Monday. The governor visited Tikrit.", NAMES
    )
    assert "Karim Haddad" in named.names(named.event("visit"))
    other = parse(
        "Colonel Karim Haddad spoke on Monday. The provincial governor visited Tikrit on Tuesday.", NAMES
    )
    assert "Karim Haddad" not in other.names(other.event("visit"))


# -- a picture from the archive, a participle the parser misplaced, a span of years ------------


def test_an_archive_picture_is_no_event(parse):
    caption = "Karim Haddad gives an interview to Jund al-Safa in Mosul on May 3, 2019."
    body = "Karim Haddad said in a statement on Monday that the talks in Mosul had failed."
    text = f"{caption}\n{body}"
    blocks = (Block(0, len(caption), "caption"), Block(len(caption) + 1, len(text), "body"))
    doc = parse(text, NAMES, blocks=blocks)
    assert [e.date.value for e in doc.events() if e.type == "statement"] == ["2024-03-11"]


def test_a_recent_picture_stays_evidence_of_the_body_event(parse):
    caption = "Karim Haddad gives an interview to Jund al-Safa in Mosul on March 11, 2024."
    body = "Karim Haddad said in a statement on Monday that the talks in Mosul had failed."
    text = f"{caption}\n{body}"
    blocks = (Block(0, len(caption), "caption"), Block(len(caption) + 1, len(text), "body"))
    assert len([e for e in parse(text, NAMES, blocks=blocks).events() if e.type == "statement"]) == 2


def test_a_participle_of_a_carrying_verb_places_the_event_it_belongs_to(parse):
    doc = parse(
        "Photos showed talks between the Saraya al-Nour leader and a Jund al-Safa delegation, held at a villa in Mosul.",
        NAMES,
    )
    assert doc.text_of(doc.event("meeting").location) == "Mosul"


@pytest.mark.parametrize(
    "text",
    [
        "The graves held the bodies of people Jund al-Safa had abducted over the years.",
        "Saraya al-Nour and Jund al-Safa have clashed near Tikrit for decades.",
    ],
)
def test_a_span_of_years_tells_no_one_happening(parse, text):
    assert facts(parse(text, NAMES), "abduction") + facts(parse(text, NAMES), "attack") == []


def test_the_document_signed_is_the_agreement_told_before(parse):
    doc = parse(
        "16:02 — The agreement was brokered by Kenya.\n\n"
        "15:31 — Saraya al-Nour and Jund al-Safa signed a ceasefire in Mosul on Tuesday. "
        "The document was signed by Karim Haddad and Lena Ortiz.",
        NAMES,
    )
    [event] = facts(doc, "agreement")
    assert doc.names(event) >= {"Saraya al-Nour", "Jund al-Safa", "Karim Haddad", "Kenya"}
    assert event.date.value == "2024-03-12"
