"""Newswire conventions: datelines stay in the text and set Story.dateline, headlines in
capitals are titles, agate lines are body text, and no line with a name is dropped."""

from __future__ import annotations

import pytest

from threadline.ingest.datelines import opening_dateline, standing_dateline
from threadline.records import Story


def dateline_text(story: Story) -> tuple[str, str]:
    assert story.dateline is not None
    line = story.dateline
    return story.text[line.start : line.end], story.text[line.start : line.place_end]


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("NIAMEY, March 4 (Example Wire) \u2014", "NIAMEY"),
        ("BAGHDAD, March 3 (Reuters) -", "BAGHDAD"),
        ("ABUJA, Nigeria, Feb 3 (AP) \u2014", "ABUJA"),
        ("GAZA CITY (AFP) \u2013", "GAZA CITY"),
        ("WASHINGTON \u2014", "WASHINGTON"),
        ("Kabul (Example News) -", "Kabul"),
        ("PORT-AU-PRINCE, Haiti, 12 May 2024 (Example Wire) --", "PORT-AU-PRINCE"),
    ],
)
def test_a_wire_dateline_opening_the_first_paragraph_stays_and_sets_the_dateline(
    split_text, opening: str, place: str
) -> None:
    sentence = "Gunmen of the fictional Liwa al-Nahr killed four guards at a depot on Sunday, police said."
    [story] = split_text(f"Guards killed in depot raid\n\n{opening} {sentence}\n\nNo group has claimed it.\n")
    assert story.text.startswith(f"{opening} {sentence}")
    assert dateline_text(story) == (opening, place)


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO-led troops left the base on Monday, officials said.",
        "Baghdad \u2014 a city of eight million \u2014 had no power on Monday.",
        "UN officials said the convoy had been stopped.",
        "The army said on Monday - without giving details - that it had retaken the town.",
    ],
)
def test_a_paragraph_without_a_dateline_sets_none(split_text, paragraph: str) -> None:
    [story] = split_text(f"Convoy stopped\n\n{paragraph}\n")
    assert story.dateline is None
    assert opening_dateline(paragraph) is None


CONLL_STYLE = """FICTIONAL CLUB SACKS COACH AFTER HOME DEFEAT .
Maria Ostrova
VALLETTA 1997-03-14
The Valletta Rovers football club dismissed coach Piet Hendriks on Friday after a 4-0 defeat , the club said .
Hendriks had been in charge since 1995 .
Island council rejects port plan .
VALLETTA 1997-03-16
The council of the fictional island of Kemmuna rejected a port plan by Portline Holdings on Sunday .
GOLF - ISLAND OPEN .
VALLETTA 1997-03-15
Leading scores after the first round of the Island Open on Saturday :
Jon Camilleri 68
SOCCER - FICTIONAL ISLAND LEAGUE RESULTS .
VALLETTA 1997-03-15
Results of island league matches on Saturday :
Premier division
Valletta Rovers 2 Sliema Wanderers 1
Marsa United 0 Gozo Athletic 3
"""


def test_conll_style_wire_splits_at_each_headline_over_a_dateline(split_text) -> None:
    stories = split_text(CONLL_STYLE)
    assert [s.title for s in stories] == [
        "FICTIONAL CLUB SACKS COACH AFTER HOME DEFEAT .",
        "Island council rejects port plan .",
        "GOLF - ISLAND OPEN .",
        "SOCCER - FICTIONAL ISLAND LEAGUE RESULTS .",
    ]
    assert [s.published for s in stories] == ["1997-03-14", "1997-03-16", "1997-03-15", "1997-03-15"]


def test_a_standing_dateline_and_a_byline_stay_in_the_text(split_text) -> None:
    first = split_text(CONLL_STYLE)[0]
    assert first.text.startswith("Maria Ostrova\n\nVALLETTA 1997-03-14\n\nThe Valletta Rovers")
    assert dateline_text(first) == ("VALLETTA 1997-03-14", "VALLETTA")


def test_agate_lines_are_body_text(split_text) -> None:
    results = split_text(CONLL_STYLE)[3]
    for line in (
        "Premier division",
        "Valletta Rovers 2 Sliema Wanderers 1",
        "Marsa United 0 Gozo Athletic 3",
    ):
        assert line in results.text.split("\n\n"), line


def test_no_line_with_a_name_is_dropped_from_wire_copy(split_text) -> None:
    stories = split_text(CONLL_STYLE)
    kept = "\n".join(f"{s.title}\n{s.text}" for s in stories)
    for line in CONLL_STYLE.splitlines():
        assert line in kept, line
    assert all(s.removed == () for s in stories)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("BRUSSELS 1996-08-22", "1996-08-22"),
        ("SAN FRANCISCO 1996-08-22", "1996-08-22"),
        ("LONDON, Aug 22", None),
        ("RIO DE JANEIRO, Brazil, 3 March 2025", "2025-03-03"),
    ],
)
def test_a_standing_dateline_states_its_date_when_it_has_a_year(line: str, date: str | None) -> None:
    found = standing_dateline(line)
    assert found is not None and found.date == date


@pytest.mark.parametrize("line", ["Peter Blackburn", "Premier division", "EU 1996", "Published 3 March 2025"])
def test_other_short_lines_are_no_standing_dateline(line: str) -> None:
    assert standing_dateline(line) is None


def test_a_dated_wire_dateline_is_a_publication_date_candidate(split_text) -> None:
    page = "Guards killed in depot raid\n\nKABUL, 12 May 2024 (Example Wire) -- Gunmen killed four guards.\n"
    [story] = split_text(page)
    assert story.published == "2024-05-12"
    assert story.text.startswith("KABUL, 12 May 2024 (Example Wire) --")


def test_a_dateline_under_a_standfirst_opens_the_first_body_paragraph(split_text) -> None:
    page = (
        "Guards killed in depot raid\n\nThe attack is the third on the depot this year.\n\n"
        "Depot guards at the gate. (Example Wire)\n\n"
        "BAGHDAD, March 3 (Example Wire) - Gunmen killed four guards at a depot on Sunday.\n\n"
        "Police said they had arrested two suspects.\n"
    )
    [story] = split_text(page)
    assert story.blocks[0].zone == "standfirst"
    assert dateline_text(story) == ("BAGHDAD, March 3 (Example Wire) -", "BAGHDAD")


def test_a_dateline_later_in_the_story_is_not_the_story_dateline(split_text) -> None:
    page = (
        "Guards killed in depot raid\n\nGunmen killed four guards at a depot on Sunday, police said.\n\n"
        "Police said they had arrested two suspects.\n\n"
        "BAGHDAD (Example Wire) - A second attack followed on Monday.\n"
    )
    [story] = split_text(page)
    assert story.dateline is None
