"""Acronyms learned from text and from initials."""

from __future__ import annotations

import pytest

from threadline.resolve.acronyms import definitions_in, fits_initials
from threadline.resolve.lexicon import load_lexicon

LEX = load_lexicon()


@pytest.mark.parametrize(
    "short, long",
    [
        ("AAH", "Asaib Ahl Al Haq"),
        ("IRI", "Islamic Resistance in Iraq"),
        ("ISIL", "Islamic State of Iraq and the Levant"),
        ("KRT", "Kata'ib Rijal al-Tahaddi"),
        ("IRGC", "Iran's Islamic Revolutionary Guard Corps"),
        ("U.S.", "United States"),
        ("SBW", "Saraya Bayt al-Wadi"),
    ],
)
def test_initials_spell_the_acronym(short: str, long: str) -> None:
    assert fits_initials(short, long, LEX)


@pytest.mark.parametrize(
    "short, long", [("AH", "Asaib Ahl Al Haq"), ("KH", "Harakat Hezbollah al-Nujaba"), ("US", "Sudan")]
)
def test_initials_that_do_not_spell_it(short: str, long: str) -> None:
    assert not fits_initials(short, long, LEX)


def test_definitions_in_text() -> None:
    text = (
        "They met leaders of the militia Asaib Ahl Al Haq (AAH) on Sunday. "
        "The KRT (Kata'ib Rijal al-Tahaddi) denied it. Iran's Islamic Revolutionary Guard Corps (IRGC) said. "
        "He said (AFP). The Popular Mobilisation Forces (PMF) and a 501(c)3 group."
    )
    found = {(d.short, d.long) for d in definitions_in("s1", text, LEX)}
    assert found == {
        ("AAH", "Asaib Ahl Al Haq"),
        ("KRT", "Kata'ib Rijal al-Tahaddi"),
        ("IRGC", "Iran's Islamic Revolutionary Guard Corps"),
        ("PMF", "Popular Mobilisation Forces"),
    }
    for d in definitions_in("s1", text, LEX):
        assert text[d.start : d.end] == d.long


def test_acronym_defined_in_story_joins_long_name(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Fighters of Saraya Bayt al-Wadi (SBW) fired rockets. SBW said later.",
            {"Saraya Bayt al-Wadi": "person", "SBW": "organization"},
        ),
    )
    assert run.same("SBW", "Saraya Bayt al-Wadi")
    entity = run.entity("SBW")
    assert entity.name == "Saraya Bayt al-Wadi"
    assert entity.aliases == ("SBW",)
    assert any("defined as acronym" in r for r in run.result.reasons[entity.id])


def test_definition_needs_a_mention_that_spells_it(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Students of the National Defence University (NDU) and The National reported.",
            {"National": "organization", "NDU": "organization", "The National": "organization"},
        ),
    )
    assert not run.same("NDU", "National")


def test_acronym_learned_in_one_story_resolves_in_another(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Liwa Nasr al-Jabal (LNJ) fired rockets.",
            {"Liwa Nasr al-Jabal": "organization", "LNJ": "organization"},
        ),
        ("s2", "A statement by LNJ denied it.", {"LNJ": "organization"}),
    )
    assert run.same("LNJ", "Liwa Nasr al-Jabal", "s2", "s1")


def test_initials_in_the_same_story(resolve) -> None:
    run = resolve(
        (
            "s1",
            "The Harakat Dir al-Watan is new. HDW fighters marched.",
            {"Harakat Dir al-Watan": "organization", "HDW": "organization"},
        ),
    )
    assert run.same("HDW", "Harakat Dir al-Watan")


def test_initials_with_two_candidates_link_nothing(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Harakat Dir al-Watan and Hizb Dawat al-Wasat met. HDW said.",
            {
                "Harakat Dir al-Watan": "organization",
                "Hizb Dawat al-Wasat": "organization",
                "HDW": "organization",
            },
        ),
    )
    assert not run.same("HDW", "Harakat Dir al-Watan")
    assert not run.same("HDW", "Hizb Dawat al-Wasat")


def test_two_acronyms_stay_apart(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Liwa Nasr al-Jabal (LNJ) fired rockets.",
            {"Liwa Nasr al-Jabal": "organization", "LNJ": "organization"},
        ),
        (
            "s2",
            "Liga Nacional de Juristas (LNJ) met in Lima.",
            {"Liga Nacional de Juristas": "organization", "LNJ": "organization"},
        ),
    )
    assert not run.same("Liwa Nasr al-Jabal", "Liga Nacional de Juristas")
