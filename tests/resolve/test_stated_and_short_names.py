"""Other names the text states (kunya, nom de guerre, spelling), a person's lone surname,
and organisations cut to their head word; with the cases that must stay apart.
Every name and sentence is made up for these tests."""

from __future__ import annotations

import pytest

from threadline.records import EntityType

STATED = [
    (
        "Idris Kone Traore, better known by his kunya Abu Bakr al-Maliki, addressed the fighters.",
        "Idris Kone Traore",
        "Abu Bakr al-Maliki",
    ),
    (
        "The preacher Moussa Ag Intalla, who goes by the nom de guerre Abu Talha, fled north.",
        "Moussa Ag Intalla",
        "Abu Talha",
    ),
    ("Yacouba Sanou, whose nom de guerre is Abu Ilyas, was killed on Friday.", "Yacouba Sanou", "Abu Ilyas"),
    (
        "Police named the suspect as Mahmoud Farrah, a.k.a. Abu Yasir, on Monday.",
        "Mahmoud Farrah",
        "Abu Yasir",
    ),
    (
        "Jabhat Tahrir al-Wadi, also spelled Jabhat Tahreer al-Wadi, claimed the raid.",
        "Jabhat Tahrir al-Wadi",
        "Jabhat Tahreer al-Wadi",
    ),
    (
        "Fighters of Harakat al-Nour, known by the name Nour Movement, entered the town.",
        "Harakat al-Nour",
        "Nour Movement",
    ),
]


@pytest.mark.parametrize("text, first, second", STATED)
def test_an_other_name_the_text_states_joins_the_name(resolve, text: str, first: str, second: str) -> None:
    run = resolve(("s1", text, {first: "person", second: "person"}))
    assert run.same(first, second)


NOT_STATED = [
    (
        "Idris Kone Traore, known as a hardliner, met Abu Bakr al-Maliki.",
        "Idris Kone Traore",
        "Abu Bakr al-Maliki",
    ),
    (
        "Idris Kone Traore met Abu Bakr al-Maliki, who is known for his sermons.",
        "Idris Kone Traore",
        "Abu Bakr al-Maliki",
    ),
    ("Idris Kone Traore, who was born in Gao, denied knowing Abu Talha.", "Idris Kone Traore", "Abu Talha"),
    ("Moussa Ag Intalla called Abu Talha a traitor.", "Moussa Ag Intalla", "Abu Talha"),
]


@pytest.mark.parametrize("text, first, second", NOT_STATED)
def test_names_side_by_side_without_a_naming_phrase_stay_apart(
    resolve, text: str, first: str, second: str
) -> None:
    run = resolve(("s1", text, {first: "person", second: "person"}))
    assert not run.same(first, second)


def test_a_kunya_the_model_called_a_place_still_joins_when_the_text_says_kunya(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Amadou Bello Sidibe, better known by his kunya Abu Yahya al-Macini, led the raid.",
            {"Amadou Bello Sidibe": "person", "Abu Yahya al-Macini": "location"},
        )
    )
    assert run.same("Amadou Bello Sidibe", "Abu Yahya al-Macini")


def test_a_lone_surname_joins_a_full_name_that_has_a_stated_kunya(resolve) -> None:
    """The kunya shares no part with the surname; the surname still joins the full name,
    even when the model typed the surname a place and the full name an organisation."""
    run = resolve(
        (
            "s1",
            "The movement's chief, Amadou Bello Sidibe, better known by his kunya Abu Yahya al-Macini, "
            "founded it in 2019. In a recording, Sidibe threatened the army.",
            {"Amadou Bello Sidibe": "organization", "Abu Yahya al-Macini": "person", "Sidibe": "location"},
        )
    )
    assert run.same("Sidibe", "Amadou Bello Sidibe") and run.same("Sidibe", "Abu Yahya al-Macini")
    assert run.entity("Sidibe").type == "person"


def test_two_people_sharing_a_surname_keep_it_apart_even_with_a_kunya(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Amadou Sidibe, better known as Abu Yahya, and his cousin Boubacar Sidibe were seen in Douentza. "
            "Sidibe denied it.",
            {
                "Amadou Sidibe": "person",
                "Abu Yahya": "person",
                "Boubacar Sidibe": "person",
                "Sidibe": "person",
            },
        )
    )
    assert run.same("Amadou Sidibe", "Abu Yahya")
    assert not run.same("Boubacar Sidibe", "Amadou Sidibe")
    assert not run.same("Sidibe", "Amadou Sidibe") and not run.same("Sidibe", "Boubacar Sidibe")


def test_abu_dhabi_is_no_kunya(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Abu Hamza al-Tuwati flew to Abu Dhabi on Monday. Abu Hamza said he would return.",
            {"Abu Hamza al-Tuwati": "person", "Abu Dhabi": "location", "Abu Hamza": "person"},
        )
    )
    assert run.same("Abu Hamza", "Abu Hamza al-Tuwati")
    assert not run.same("Abu Dhabi", "Abu Hamza al-Tuwati")
    assert run.entity("Abu Dhabi").type == "location"


IN_STORY_HEADS = [
    (
        "The Tessit Elders Shura Council met on Sunday. The Shura Council said it wanted calm.",
        "Tessit Elders Shura Council",
        "Shura Council",
    ),
    (
        "The Tessit Elders Shura Council met on Sunday. The Elders Shura Council said it wanted calm.",
        "Tessit Elders Shura Council",
        "Elders Shura Council",
    ),
    (
        "The Kassala Volunteers Brigade signed. The Kassala brigade commander spoke.",
        "Kassala Volunteers Brigade",
        "Kassala brigade",
    ),
]


@pytest.mark.parametrize("text, full, short", IN_STORY_HEADS)
def test_an_organisation_cut_to_its_head_word_is_the_full_name(
    resolve, text: str, full: str, short: str
) -> None:
    run = resolve(("s1", text, {full: "organization", short: "organization"}))
    assert run.same(short, full)


def test_a_head_word_two_full_names_share_stays_alone(resolve) -> None:
    types: dict[str, EntityType] = {
        "Kidal Defence Council": "organization",
        "Gao Defence Council": "organization",
        "Defence Council": "organization",
    }
    run = resolve(
        ("s1", "The Kidal Defence Council and the Gao Defence Council met. The Defence Council said.", types)
    )
    assert not run.same("Defence Council", "Kidal Defence Council")
    assert not run.same("Defence Council", "Gao Defence Council")


def test_a_country_inside_an_organisation_name_stays_the_country(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Mali said the Mali Defence Council had met. Officials in Mali confirmed it.",
            {"Mali": "location", "Mali Defence Council": "organization"},
        )
    )
    assert not run.same("Mali", "Mali Defence Council")


def test_a_name_without_the_head_word_is_no_cut(resolve) -> None:
    run = resolve(
        (
            "s1",
            "The Islamic State Sahel Province claimed it. The Islamic State praised the attack.",
            {"Islamic State Sahel Province": "organization", "Islamic State": "organization"},
        )
    )
    assert not run.same("Islamic State", "Islamic State Sahel Province")


def test_across_stories_a_cut_name_is_read_as_it_stands(resolve) -> None:
    """Another story's "Interior Ministry" may be another country's."""
    run = resolve(
        ("s1", "The Iraqi Interior Ministry said.", {"Iraqi Interior Ministry": "organization"}),
        ("s2", "The Interior Ministry denied it.", {"Interior Ministry": "organization"}),
        ("s3", "The Tessit Elders Shura Council met.", {"Tessit Elders Shura Council": "organization"}),
        ("s4", "The Shura Council denied it.", {"Shura Council": "organization"}),
    )
    assert not run.same("Interior Ministry", "Iraqi Interior Ministry")
    assert not run.same("Shura Council", "Tessit Elders Shura Council")


def test_a_tuareg_patronymic_particle_is_no_name_part(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Attaher Ag Intalla met elders in Kidal.",
            {"Attaher Ag Intalla": "person", "Kidal": "location"},
        ),
        ("s2", "Ag Intalla denied it. Later Intalla left.", {"Ag Intalla": "person", "Intalla": "person"}),
    )
    assert run.same("Ag Intalla", "Attaher Ag Intalla") and run.same("Intalla", "Attaher Ag Intalla")
