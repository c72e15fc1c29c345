"""Events are asserted happenings: sentences written for these tests, each form of
English that tells no happening beside one that does.

A negated or denied event is kept as a mention with that modality (it is exported as a
denial, never a fact); every other form below makes no event mention at all."""

from __future__ import annotations

import pytest

from threadline.records import NOT_A_FACT

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Jund al-Safa": ORG,
    "Saraya al-Nour": ORG,
    "the Danube Alliance": ORG,
    "Karim Haddad": PER,
    "Lena Ortiz": PER,
    "Mosul": LOC,
    "Tikrit": LOC,
    "Kenya": LOC,
    "Garissa": LOC,
}


def facts(parse, text: str) -> list[tuple[str, str]]:
    """(type, modality) of the event mentions that would be exported as facts."""
    return [(e.type, e.modality) for e in parse(text, NAMES).events() if e.modality not in NOT_A_FACT]


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("Jund al-Safa attacked an army post near Tikrit on Monday.", "attack"),
        ("Karim Haddad met Lena Ortiz in Mosul on Tuesday.", "meeting"),
        ("Police arrested Karim Haddad in Garissa on Sunday.", "arrest"),
        ("Kenya sanctioned Jund al-Safa on Wednesday.", "sanction"),
        ("Gunmen from Jund al-Safa abducted two teachers near Garissa.", "abduction"),
        ("Jund al-Safa opened an office in Mosul last month.", "establishment"),
        ("Saraya al-Nour and Jund al-Safa signed a ceasefire in Mosul.", "agreement"),
        ("Jund al-Safa is believed to have attacked the post near Tikrit.", "attack"),
        ("Two people in Garissa were killed by fire from Jund al-Safa positions on Monday.", "attack"),
        ("Karim Haddad called Lena Ortiz and then visited Mosul on Friday.", "visit"),
        ("Police executed a warrant and arrested Karim Haddad in Garissa.", "arrest"),
    ],
)
def test_an_asserted_happening_is_an_event(parse, text, event_type):
    assert event_type in {t for t, _ in facts(parse, text)}


@pytest.mark.parametrize(
    "text",
    [
        # hypothetical: a modal, a condition
        "Kenya could designate Jund al-Safa as a terrorist group.",
        "Kenya may sanction Jund al-Safa if the attacks continue.",
        "If talks between Saraya al-Nour and Jund al-Safa go ahead in Mosul, a truce may follow.",
        "Karim Haddad would meet Lena Ortiz in Mosul only if the fighting stopped.",
        "Officials said Jund al-Safa might attack Tikrit.",
        # future and planned
        "Karim Haddad will meet Lena Ortiz in Mosul next week.",
        "Jund al-Safa plans to open an office in Mosul.",
        "Karim Haddad is expected to visit Mosul on Friday.",
        "Saraya al-Nour and Jund al-Safa agreed to hold talks in Mosul.",
        "Saraya al-Nour refused to sign the ceasefire with Jund al-Safa.",
        "The talks between Saraya al-Nour and Jund al-Safa in Mosul were postponed.",
        "Kenya called for talks between Saraya al-Nour and Jund al-Safa in Mosul.",
        "Residents of Mosul fear a possible attack by Jund al-Safa.",
        "The next meeting of Karim Haddad and Lena Ortiz in Mosul is set for June.",
        "Jund al-Safa is ready to meet Saraya al-Nour in Mosul.",
        "Residents fear new clashes between Jund al-Safa and Saraya al-Nour in Mosul.",
        "Police in Garissa foiled an attack by Jund al-Safa on Monday.",
        # called off, and a warrant for what has not happened yet
        "Kenya cancelled the talks between Saraya al-Nour and Jund al-Safa in Mosul.",
        "The talks between Saraya al-Nour and Jund al-Safa in Mosul were called off.",
        "Karim Haddad called off his visit to Mosul on Friday.",
        "A court in Garissa issued a warrant for the arrest of Karim Haddad.",
        # questions
        "Did Jund al-Safa attack the post near Tikrit?",
        "Will Kenya sanction Jund al-Safa?",
        # generic, habitual, definitional
        "Jund al-Safa is a group that carries out attacks on army posts near Tikrit.",
        "Saraya al-Nour often clashes with Jund al-Safa near Mosul.",
        "Supporters of Saraya al-Nour protest in Mosul every Friday.",
        # other domains and figures of speech
        "Mosul United attacked relentlessly after the break and beat Tikrit Stars 2-1.",
        "Karim Haddad, the striker, attacked down the left in Mosul.",
        "Lena Ortiz attacked the budget plan of the Danube Alliance in Mosul.",
        "Floods in Garissa killed 12 people on Monday.",
        "An earthquake struck Garissa on Monday, killing 40 people.",
        "Karim Haddad died of a heart attack in Mosul on Wednesday.",
        "A fuel tanker overturned and exploded near Garissa, killing nine people.",
        "A fire at a market in Garissa killed three traders on Sunday.",
        "The annual meeting of shareholders of the Danube Alliance in Mosul approved the dividend.",
        # former: a past role is no event
        "Karim Haddad, a former hostage of Jund al-Safa, lives in Mosul.",
        "Lena Ortiz, a former protest leader, now runs a shop in Mosul.",
    ],
)
def test_no_event_where_nothing_is_said_to_happen(parse, text):
    assert facts(parse, text) == []


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("No attack took place near Tikrit on Monday, the army said.", "negated"),
        ("Jund al-Safa did not attack the post near Tikrit.", "negated"),
        ("Karim Haddad never met Lena Ortiz in Mosul.", "negated"),
        ("Jund al-Safa denied attacking the post near Tikrit.", "denied"),
    ],
)
def test_a_negated_or_denied_event_is_no_fact(parse, text, modality):
    told = parse(text, NAMES).events()
    assert told and all(e.modality == modality for e in told)


def test_a_speakers_modal_does_not_suppose_the_event(parse):
    doc = parse("Karim Haddad could not confirm that Jund al-Safa attacked Tikrit on Monday.", NAMES)
    assert [e.type for e in doc.events()] == ["attack"]


def test_an_attack_in_a_relative_clause_in_the_past_is_told(parse):
    doc = parse("Jund al-Safa, which attacked Tikrit on Monday, denies links to Kenya.", NAMES)
    assert doc.event("attack").date.value == "2024-03-11"


def test_striking_a_deal_is_an_agreement_not_an_attack(parse):
    assert facts(parse, "The Danube Alliance struck a deal with Saraya al-Nour in Mosul.") == [
        ("agreement", "asserted")
    ]


def test_a_report_denied_in_its_own_sentence_is_no_fact(parse):
    doc = parse(
        "Local radio reported that a drone had struck a depot of Jund al-Safa near Tikrit, "
        "but the group denied it.",
        NAMES,
    )
    assert [e.modality for e in doc.events()] == ["denied"]


def test_a_denial_after_an_asserted_attack_keeps_the_attack(parse):
    text = "A drone struck a depot near Tikrit on Monday, and Jund al-Safa denied it."
    assert facts(parse, text) == [("attack", "asserted")]


def test_an_event_a_denied_report_tells_is_no_fact(parse):
    text = "Kenya rejected claims that its soldiers had attacked civilians in Garissa."
    assert facts(parse, text) == []
    assert parse(text, NAMES).event("attack").modality == "denied"
