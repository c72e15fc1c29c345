"""Title, outlet and publication date: only what the page states, never a date from the body."""

from __future__ import annotations

import pytest

from threadline.ingest.dates import date_line, stated_date
from threadline.ingest.metadata import masthead

BODY = "Gunmen attacked an army checkpoint north of Samarra late on Monday, wounding two soldiers, officials said."


@pytest.mark.parametrize(
    ("line", "value", "label"),
    [
        ("12 March 2025", "2025-03-12", "none"),
        ("March 12, 2025", "2025-03-12", "none"),
        ("Wednesday, March 12, 2025", "2025-03-12", "none"),
        ("Published 12 March 2025", "2025-03-12", "published"),
        ("Published: Mar. 12, 2025 at 9:40 a.m. ET", "2025-03-12", "published"),
        ("Updated: March 13, 2025, 4:05 PM", "2025-03-13", "updated"),
        ("Last updated 13 March 2025 16:05 GMT+3", "2025-03-13", "updated"),
        ("Posted on 2025-03-12", "2025-03-12", "published"),
        ("12/03/2025", None, "none"),  # day and month cannot be told apart
        ("25/03/2025", "2025-03-25", "none"),
        ("By Rana Haddad, March 12, 2025", "2025-03-12", "none"),
        ("Published: 12 March 2025 | Updated: 13 March 2025", "2025-03-12", "published"),
        ("Desert Courier | Published 12 March 2025", "2025-03-12", "published"),
    ],
)
def test_date_lines(line: str, value: str | None, label: str) -> None:
    stated = date_line(line)
    assert stated is not None, line
    assert (stated.value, stated.label) == (value, label)


@pytest.mark.parametrize(
    "line",
    [
        "On March 12, 2025, the council met in Ramadi to discuss the deployment.",
        "The group was founded on 3 June 2014 in Baghdad",
        "Attack on Samarra checkpoint, March 2025",
        "2025 was the deadliest year",
    ],
)
def test_a_sentence_with_a_date_is_no_date_line(line: str) -> None:
    assert date_line(line) is None


def test_stated_dates_from_fields() -> None:
    assert stated_date("2025-03-12T23:30:00+03:00") == "2025-03-12"
    assert stated_date("12 March 2025") == "2025-03-12"
    assert stated_date("yesterday") is None
    assert stated_date("2025-02-30") is None


@pytest.mark.parametrize(
    ("first", "outlet"),
    [
        ("DESERT COURIER", "Desert Courier"),
        ("THE VOICE OF THE MARSHES", "The Voice of the Marshes"),
        ("The Tigris Review — Analysis", "The Tigris Review"),
        ("Opinion | The Tigris Review", "The Tigris Review"),
        ("Kirkuk Daily | Published 9 May 2025", "Kirkuk Daily"),
    ],
)
def test_masthead_names_the_outlet(first: str, outlet: str) -> None:
    head = masthead(first, "Gunmen attack checkpoint near Samarra")
    assert head is not None and head.outlet == outlet


@pytest.mark.parametrize("first", ["ANALYSIS", "News|Conflict", "World — Middle East"])
def test_section_kicker_or_breadcrumb_is_a_masthead_without_outlet(first: str) -> None:
    head = masthead(first, "Gunmen attack checkpoint near Samarra")
    assert head is not None and head.outlet is None


@pytest.mark.parametrize(
    ("first", "after"),
    [
        ("Gunmen attack checkpoint near Samarra", BODY),
        ("IRAQ: GUNMEN ATTACK CHECKPOINT NEAR SAMARRA", BODY),
        ("Baghdad | Rockets hit the airport road", BODY),
    ],
)
def test_a_headline_is_no_masthead(first: str, after: str) -> None:
    assert masthead(first, after) is None


def test_title_is_the_first_headline_and_a_date_line_under_it_the_date(split_text) -> None:
    [story] = split_text(f"Gunmen attack checkpoint near Samarra\n\nMarch 11, 2025\n\n{BODY}\n")
    assert story.title == "Gunmen attack checkpoint near Samarra"
    assert story.published == "2025-03-11"
    assert "March 11, 2025" not in story.text and "March 11, 2025" in story.removed
    assert story.text == BODY


def test_a_date_in_the_body_is_never_the_publication_date(split_text) -> None:
    page = f"Gunmen attack checkpoint near Samarra\n\nOn March 9, 2025, the army said the road was safe.\n\n{BODY}\n"
    [story] = split_text(page)
    assert story.published is None


def test_updated_line_at_the_end_is_the_date_when_nothing_else_is(split_text) -> None:
    [story] = split_text(
        f"Gunmen attack checkpoint near Samarra\n\n{BODY}\n\nUpdated: 12 March 2025, 10:05 GMT\n"
    )
    assert story.published == "2025-03-12"


def test_published_line_beats_updated_line(split_text) -> None:
    page = f"Gunmen attack checkpoint\nUpdated: 13 March 2025\nPublished: 12 March 2025\n\n{BODY}\n"
    [story] = split_text(page)
    assert story.published == "2025-03-12"


def test_masthead_gives_outlet_and_date_to_the_page(split_text) -> None:
    page = f"Kirkuk Daily | Published 9 May 2025\n\nGunmen attack checkpoint near Samarra\n\n{BODY}\n"
    [story] = split_text(page)
    assert (story.outlet, story.published, story.title) == (
        "Kirkuk Daily",
        "2025-05-09",
        "Gunmen attack checkpoint near Samarra",
    )
    assert "Kirkuk Daily | Published 9 May 2025" in story.removed


def test_all_caps_masthead_is_the_outlet_not_the_title(split_text) -> None:
    [story] = split_text(f"DESERT COURIER\n\nGunmen attack checkpoint near Samarra\n\n{BODY}\n")
    assert (story.outlet, story.title) == ("Desert Courier", "Gunmen attack checkpoint near Samarra")


def test_input_metadata_is_used_and_a_date_line_in_the_head_wins(split_text) -> None:
    [story] = split_text(BODY, title="Checkpoint attacked", published="2025-03-11", outlet="Wire")
    assert (story.title, story.published, story.outlet) == ("Checkpoint attacked", "2025-03-11", "Wire")
    [story] = split_text(
        f"Checkpoint attacked\n12 March 2025\n\n{BODY}", title="Checkpoint attacked", published="2025-03-11"
    )
    assert story.published == "2025-03-12"
    assert story.text == BODY


def test_page_opening_with_a_paragraph_has_no_title(split_text) -> None:
    [story] = split_text(f"{BODY}\n\nThe army said the attackers fled towards the desert.\n")
    assert story.title is None and story.published is None and story.outlet is None


def test_no_date_anywhere_means_none(split_text) -> None:
    [story] = split_text(f"Gunmen attack checkpoint near Samarra\n\n{BODY}\n")
    assert story.published is None
