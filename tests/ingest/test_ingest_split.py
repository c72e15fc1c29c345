"""Splitting a page into its stories: new-story cues, and subheadings that must not split."""

from __future__ import annotations

from threadline.records import Story


def paragraphs(story: Story) -> list[str]:
    return story.text.split("\n\n")


FIRST = """Tribal council rejects militia deployment

10 March 2025

The tribal council of western Anbar on Sunday rejected the deployment of the fictional Saraya al-Jabal militia in Rutba.

Residents said the fighters had set up three checkpoints on the main road.
"""

SECOND_DATED = """
Police arrest three over Kirkuk bombing
11 March 2025

Police in Kirkuk arrested three men suspected of planting a roadside bomb, an officer said.

The men were handed to the counter-terrorism service.
"""

SECOND_BLOCK = """


Drone strike hits warehouse near Qaim

A warehouse burns after the strike near Qaim. (AFP)
A warehouse burns after the strike near Qaim. (AFP)

Drone strike hits warehouse near Qaim

A drone strike destroyed a warehouse used by the fictional Liwa al-Sahil near Qaim on Thursday, officials said.

No group claimed responsibility.
"""


def test_headline_followed_by_date_line_starts_a_second_story(split_text) -> None:
    first, second = split_text(FIRST + SECOND_DATED)
    assert (first.index, second.index) == (0, 1)
    assert first.title == "Tribal council rejects militia deployment"
    assert second.title == "Police arrest three over Kirkuk bombing"
    assert (first.published, second.published) == ("2025-03-10", "2025-03-11")
    assert "Kirkuk" not in first.text and "Anbar" not in second.text


def test_repeated_headline_block_starts_a_second_story_and_is_kept_once(split_text) -> None:
    first, second = split_text(FIRST + SECOND_BLOCK)
    assert second.title == "Drone strike hits warehouse near Qaim"
    assert paragraphs(second)[0] == "A warehouse burns after the strike near Qaim. (AFP)"
    assert second.text.count("A warehouse burns") == 1
    assert second.blocks[0].zone == "caption"
    assert "Drone strike hits warehouse near Qaim" in second.removed
    assert "Qaim" not in first.text


def test_headline_after_blank_lines_followed_by_caption_starts_a_story(split_text) -> None:
    page = FIRST + "\n\n\nFighters parade in Rutba\nFighters parade in Rutba on Sunday. (Reuters)\n\n"
    page += "Hundreds of fighters paraded through Rutba on Sunday, witnesses said.\n"
    first, second = split_text(page)
    assert second.title == "Fighters parade in Rutba"
    assert "paraded" in second.text and "paraded" not in first.text


def test_subheading_followed_by_body_does_not_split(split_text) -> None:
    page = FIRST + "\nWhat the council wants\n\nThe council asked for the fighters to leave within a week.\n"
    [story] = split_text(page)
    assert "What the council wants" in paragraphs(story)
    zone = story.zone_at(story.text.index("What the council wants"))
    assert zone == "headline"
    assert story.text.endswith("leave within a week.")


def test_no_boundary_inside_a_sentence(split_text) -> None:
    page = FIRST.replace("main road.", "main road leading to") + SECOND_DATED
    [story] = split_text(page)
    assert "main road leading to" in story.text
    assert "Police in Kirkuk arrested three men" in story.text


def test_teaser_headlines_with_dates_are_no_story(split_text) -> None:
    page = FIRST + "\nMore from the region\n\nGunmen kill shepherd in Diyala\n9 March 2025\n"
    page += "Power cuts spark protests in Basra\n8 March 2025\n"
    [story] = split_text(page)
    assert "Gunmen kill shepherd" not in story.text and "Power cuts" not in story.text
    assert story.published == "2025-03-10"
    assert "Gunmen kill shepherd in Diyala" in story.removed


def test_three_stories_are_indexed_in_reading_order(split_text) -> None:
    stories = split_text(FIRST + SECOND_DATED + SECOND_BLOCK)
    assert [s.index for s in stories] == [0, 1, 2]
    assert len({s.id for s in stories}) == 3
    assert all(s.document_id == stories[0].document_id for s in stories)


def test_standfirst_caption_byline_and_date_under_the_headline_do_not_split(split_text) -> None:
    page = """Militia says it downed a drone over Nineveh

The group says it shot down a surveillance drone, a claim the coalition denies.

Smoke rises over the plains east of Mosul. (AFP)
By Sam Lee
Published 4 April 2025

The fictional Kataib al-Fajr said on Friday it had shot down a drone east of Mosul.

The coalition said none of its aircraft had been lost.
"""
    [story] = split_text(page)
    assert story.title == "Militia says it downed a drone over Nineveh"
    assert story.published == "2025-04-04"
    assert [b.zone for b in story.blocks] == ["standfirst", "caption", "body", "body"]


def test_timeline_of_dated_entries_is_part_of_the_article(split_text) -> None:
    page = FIRST + "\nKey moments in the dispute\n12 February 2025\nThe militia set up checkpoints.\n"
    page += "\n20 February 2025\nBorder guards withdrew after a standoff.\n"
    [story] = split_text(page)
    assert story.published == "2025-03-10"
    for line in (
        "Key moments in the dispute",
        "12 February 2025",
        "Border guards withdrew after a standoff.",
    ):
        assert line in paragraphs(story)
