"""ACLED event and sub-event types come from what the reports say, or stay blank."""

from __future__ import annotations

import pytest

from threadline.export.csv_events import acled_code
from threadline.vocabulary import bundled

ATTACK = bundled().ontology.event_types["attack"].acled
PROTEST = bundled().ontology.event_types["protest"].acled
ARREST = bundled().ontology.event_types["arrest"].acled


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        (
            "A drone struck a car on the airport road late on Tuesday.",
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        (
            "Mortar rounds hit the market district overnight.",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ),
        (
            "A roadside bomb wounded two soldiers near the bridge.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ),
        (
            "A suicide bomber blew himself up at the checkpoint.",
            ("Explosions/Remote violence", "Suicide bomb"),
        ),
        ("Heavy clashes broke out between the two factions.", ("Battles", "Armed clash")),
        ("Gunmen opened fire on worshippers leaving the mosque.", ("Violence against civilians", "Attack")),
    ],
)
def test_an_attack_is_coded_by_the_words_of_its_report(quote: str, expected: tuple[str, str]) -> None:
    assert acled_code(ATTACK, [quote]) == expected


def test_an_attack_the_reports_do_not_describe_is_left_blank() -> None:
    # the codes of an attack differ in their event type too: no guess at either
    assert acled_code(ATTACK, ["The group attacked the town, officials said."]) == (None, None)


def test_a_cue_of_several_words_counts_only_as_a_phrase() -> None:
    # "set" and "fire" both occur, but no one set fire to anything
    quote = "Police fired tear gas as the crowd set off toward the square in a peaceful march."
    assert acled_code(PROTEST, [quote]) == ("Protests", "Peaceful protest")
    assert acled_code(PROTEST, ["Rioters torched two police cars."]) == ("Riots", "Violent demonstration")


def test_a_type_with_one_code_needs_no_cue() -> None:
    assert acled_code(ARREST, ["Security forces detained a commander."]) == (
        "Strategic developments",
        "Arrests",
    )


def test_a_protest_no_report_calls_violent_is_peaceful() -> None:
    quote = "Farmers blocked the highway for a day, demanding water for their fields."
    assert acled_code(PROTEST, [quote]) == ("Protests", "Peaceful protest")
