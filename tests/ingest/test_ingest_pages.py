"""Pages with several stories and their furniture: live blogs, pinned promos, newsletter and
copyright footers, syndicated copies, link lists."""

from __future__ import annotations

import pytest

from threadline.ingest.boilerplate import match_boilerplate

LIVE_BLOG = """MARSH RADIO
Home | Iraq | Syria | Live | Donate

LIVE  Southern Iraq updates \u2014 Thursday 6 March 2025
Last updated 19:40 GMT \u00b7 Refresh for new posts \u00b7 9 updates

Pinned: This live page is free. Become a member from 5,000 dinars a month.

Protesters block the Nasiriyah oil road for a second day

18:10 \u2014 Police fired tear gas at protesters who had blocked the road to the fictional Gharraf oil field, two witnesses said.

15:45 \u2014 The provincial governor, Karim Abd al-Wahid, said he would meet the protesters' representatives on Friday.

12:02 \u2014 Several hundred unemployed graduates blocked the road at dawn, demanding jobs at the field.

Share this post \u00b7 Copy link

Fictional militia says it freed two kidnapped engineers in Maysan

19:40 \u2014 The fictional Saraya al-Hawr said its fighters had freed two engineers kidnapped last week near Amarah.

17:05 \u2014 The Maysan police chief said he had no information about the operation.

Share this post \u00b7 Copy link

Newsletter: Marsh Morning, every day at 6am. Sign up
\u00a9 2025 Marsh Radio. All rights reserved. | About | Contact
"""


def test_a_live_blog_with_two_headlines_gives_two_stories(split_text) -> None:
    first, second = split_text(LIVE_BLOG)
    assert first.title == "Protesters block the Nasiriyah oil road for a second day"
    assert second.title == "Fictional militia says it freed two kidnapped engineers in Maysan"
    assert "Gharraf oil field" in first.text and "Saraya al-Hawr" not in first.text
    assert "Saraya al-Hawr" in second.text and "Gharraf" not in second.text


def test_the_live_blog_day_stated_above_the_first_headline_dates_every_story(split_text) -> None:
    first, second = split_text(LIVE_BLOG)
    assert first.published == second.published == "2025-03-06"


def test_live_blog_furniture_promos_and_footers_are_cut(split_text) -> None:
    first, second = split_text(LIVE_BLOG)
    for furniture in (
        "LIVE",
        "Refresh",
        "Pinned",
        "5,000 dinars",
        "Share this post",
        "Newsletter",
        "Marsh Radio.",
    ):
        assert furniture not in first.text and furniture not in second.text, furniture
    assert first.text.startswith("18:10 \u2014 Police fired tear gas")
    assert second.text.endswith("no information about the operation.")


def test_one_headline_per_post_does_not_split_a_live_blog(split_text) -> None:
    page = """Clashes in the fictional Wadi Kafr district

Police reinforce checkpoints
18:10 \u2014 Police said they had sent two more units to the district.

Residents flee to the city
15:45 \u2014 Dozens of families left the district by bus, residents said.

Council calls for calm
12:02 \u2014 The district council called for calm after a night of clashes.
"""
    [story] = split_text(page)
    assert story.title == "Clashes in the fictional Wadi Kafr district"
    assert "Residents flee to the city" in story.text


SYNDICATED = """Drone strike hits fictional militia depot near Qaim

This article was originally published by Example Wire and is republished with permission.

A drone strike destroyed a weapons depot of the fictional Liwa al-Sahil near Qaim on Thursday, two security sources said.

The group blamed the coalition for the strike.
"""


def test_a_syndication_note_is_cut_so_the_copy_keeps_only_the_original_reporting(split_text) -> None:
    [story] = split_text(SYNDICATED)
    assert story.text.startswith("A drone strike destroyed a weapons depot")
    assert "republished" not in story.text
    assert any("originally published" in line for line in story.removed)


def test_headlines_under_a_most_read_label_are_links(split_text) -> None:
    page = (
        SYNDICATED
        + "\nMost read on Marsh Radio\n1. Date harvest begins in Basra\n2. Heatwave closes schools\n"
    )
    [story] = split_text(page)
    assert "Date harvest" not in story.text and "Heatwave" not in story.text
    assert story.text.endswith("The group blamed the coalition for the strike.")


def test_lines_after_a_copyright_footer_are_cut(split_text) -> None:
    page = SYNDICATED + "\n\u00a9 2025 Example Wire\n\nMore from Example Wire\n\nFuel prices rise in Basra\n"
    [story] = split_text(page)
    assert "Fuel prices" not in story.text


def test_widget_rows_are_cut_when_every_part_is_furniture() -> None:
    for line in (
        "Last updated 19:40 GMT \u00b7 Refresh for new posts \u00b7 9 updates",
        "Save \u00b7 Share \u00b7 12 comments",
        "Example Radio | Iraq",
    ):
        assert match_boilerplate(line) is not None, line
    for line in (
        "Police said 12 people were hurt \u00b7 the council said 15",
        "Iraq | Militias agree to hand over the Nasiriyah checkpoints",
    ):
        assert match_boilerplate(line) is None, line


def test_a_live_blog_with_time_stamps_on_their_own_lines_splits_too(split_text) -> None:
    page = LIVE_BLOG
    for stamp in ("18:10", "15:45", "12:02", "19:40", "17:05"):
        page = page.replace(f"{stamp} \u2014 ", f"{stamp} GMT\n")
    first, second = split_text(page)
    assert first.text.startswith("Police fired tear gas")
    assert "18:10 GMT" in first.removed
    assert second.title == "Fictional militia says it freed two kidnapped engineers in Maysan"


@pytest.mark.parametrize(
    "label",
    ["More on Iraq", "Also on Marsh Radio", "Latest from Basra", "Other stories", "You may have missed"],
)
def test_headlines_under_a_link_label_are_cut_and_unlabelled_list_lines_kept(split_text, label: str) -> None:
    links = "\nDate harvest begins in Basra\nHeatwave closes schools in Amarah\n"
    [story] = split_text(SYNDICATED + f"\n{label}" + links)
    assert "Date harvest" not in story.text and label in story.removed
    [story] = split_text(SYNDICATED + links)
    assert "Date harvest begins in Basra" in story.text


@pytest.mark.parametrize(
    "note",
    [
        "This article first appeared in Example Weekly.",
        "A version of this story was originally published by Example Wire.",
        "Republished with permission from Example Wire.",
        "Editor's note: This story was first published by Example Wire.",
        "(This article is republished from Example Review under a Creative Commons licence.)",
        "— This story originally appeared in Example Weekly and is reproduced here with permission.",
        "This story was first published by Example Wire and is republished under a content-sharing agreement.",
    ],
)
def test_syndication_notes_are_cut(note: str) -> None:
    rule = match_boilerplate(note)
    assert rule is not None and rule.name == "syndication"


@pytest.mark.parametrize(
    "sentence",
    [
        "The report was first published in 2019 and later reprinted by two newspapers.",
        "This report was published on Monday by a rights group and documents 40 killings.",
        "The video first appeared on a channel linked to the militia.",
    ],
)
def test_sentences_about_other_publications_are_kept(sentence: str) -> None:
    assert match_boilerplate(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "It was published on Monday by the interior ministry.",
        "The article was published in the group's weekly newsletter and shared on Telegram.",
    ],
)
def test_sentences_about_a_publication_in_the_news_are_kept(sentence: str) -> None:
    assert match_boilerplate(sentence) is None
