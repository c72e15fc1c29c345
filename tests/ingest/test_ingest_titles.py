"""Titles come from page structure: the first headline-like line after the page furniture,
never a masthead, outlet name, section label, breadcrumb, live banner, byline or date line."""

from __future__ import annotations

import pytest

HEADLINE = "Gunmen attack a checkpoint outside the fictional town of Wadi Kafr"
BODY = (
    "\n\nGunmen of the fictional Saraya al-Ramla attacked a police checkpoint outside Wadi Kafr "
    "late on Monday, two officers said.\n\nThe group has not commented on the attack.\n"
)


@pytest.mark.parametrize(
    "head",
    [
        "THE DESERT LANTERN\nNews \u203a Yemen \u203a Security\nWednesday, 5 March 2025",
        "DESERT LANTERN | Yemen",
        "The Desert Lantern Daily\nHome | Yemen | Gulf | Opinion",
        "The Marib Morning Post",
        "LANTERN\nHome | Yemen | Gulf | Opinion | Donate",
        "News > Middle East > Yemen",
        "News / Yemen / Security",
        "Analysis\nBy Noor Haddad\n4 min read",
        "LIVE  Yemen security updates\nLast updated 09:12 GMT \u00b7 Refresh for new posts \u00b7 6 updates",
        "Yemen\nPublished 5 March 2025",
        "Voice of the Desert\nHome | Yemen | Gulf | Opinion",
        "DESERT LANTERN\nWorld | Yemen\nBy Noor Haddad | 5 March 2025",
    ],
)
def test_the_title_is_the_headline_under_the_page_furniture(split_text, head: str) -> None:
    [story] = split_text(head + "\n\n" + HEADLINE + BODY)
    assert story.title == HEADLINE
    assert story.text.startswith("Gunmen of the fictional Saraya al-Ramla")


@pytest.mark.parametrize(
    ("head", "outlet"),
    [
        ("THE DESERT LANTERN\nNews \u203a Yemen \u203a Security", "The Desert Lantern"),
        ("The Marib Morning Post", "The Marib Morning Post"),
        ("Voice of the Desert\nHome | Yemen | Gulf | Opinion", "Voice of the Desert"),
    ],
)
def test_a_masthead_above_the_headline_names_the_outlet(split_text, head: str, outlet: str) -> None:
    [story] = split_text(head + "\n\n" + HEADLINE + BODY)
    assert story.outlet == outlet


def test_a_headline_in_capitals_is_the_title_even_with_a_final_stop(split_text) -> None:
    page = (
        "RIVAL MILITIAS AGREE TRUCE IN FICTIONAL PROVINCE .\n\nThe two militias agreed a truce on Monday .\n"
    )
    [story] = split_text(page)
    assert story.title == "RIVAL MILITIAS AGREE TRUCE IN FICTIONAL PROVINCE ."
    assert story.text == "The two militias agreed a truce on Monday ."


def test_a_short_headline_over_a_longer_standfirst_line_is_not_mistaken_for_a_masthead(split_text) -> None:
    page = "Truce holds in Marib\n\nFighting has stopped for the first time in a month across the province.\n"
    page += "\nThe truce was agreed on Sunday, officials said.\n"
    [story] = split_text(page)
    assert story.title == "Truce holds in Marib"
    assert story.outlet is None


def test_a_stated_title_is_kept_and_furniture_above_its_line_is_removed(split_text) -> None:
    page = "DESERT LANTERN | Yemen\n\n" + HEADLINE + BODY
    [story] = split_text(page, title=HEADLINE)
    assert story.title == HEADLINE
    assert "DESERT LANTERN" not in story.text


def test_a_region_label_above_the_headline_is_no_title(split_text) -> None:
    page = "Yemen, Oman and the Gulf\n\n" + HEADLINE + BODY
    [story] = split_text(page)
    assert story.title == HEADLINE
    assert "Yemen, Oman and the Gulf" in story.removed


def test_a_headline_over_a_subtitle_without_a_stop_stays_the_title(split_text) -> None:
    page = "Truce holds in Marib\nFighting has stopped for the first time in a month across the province\n"
    page += "\nThe truce was agreed on Sunday, officials said.\n"
    [story] = split_text(page)
    assert story.title == "Truce holds in Marib"
    assert story.text.startswith("Fighting has stopped")


def test_an_outlet_name_beside_the_date_under_the_headline_is_the_outlet_not_text(split_text) -> None:
    page = HEADLINE + "\nThe Marib Observer\n5 March 2025" + BODY
    [story] = split_text(page)
    assert (story.title, story.outlet, story.published) == (HEADLINE, "The Marib Observer", "2025-03-05")
    assert "Marib Observer" not in story.text
