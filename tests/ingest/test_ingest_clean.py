"""Cleaning one story: zones, captions once, repeats, boilerplate, the tail cut, blocks."""

from __future__ import annotations

PAGE = """Militia convoy ambushed on Syrian border road

Four fighters were killed in the night-time attack

Fighters guard the road near Qaim on Saturday. (AFP)
Fighters guard the road near Qaim on Saturday. (AFP)
Listen to this article

Gunmen ambushed a convoy of the fictional Liwa al-Sahil militia near Qaim late on Friday, two sources said.

Sign up for our weekly security newsletter

The militia blamed "sleeper cells" for the ambush.

Who was behind it

No group has claimed responsibility for the attack so far.
"""


def test_zones_of_standfirst_caption_body_and_subheading(split_text) -> None:
    [story] = split_text(PAGE)
    assert story.title == "Militia convoy ambushed on Syrian border road"
    zones = [(b.zone, story.text[b.start : b.end][:20]) for b in story.blocks]
    assert zones == [
        ("standfirst", "Four fighters were k"),
        ("caption", "Fighters guard the r"),
        ("body", "Gunmen ambushed a co"),
        ("body", 'The militia blamed "'),
        ("headline", "Who was behind it"),
        ("body", "No group has claimed"),
    ]


def test_text_is_paragraphs_joined_by_blank_lines_and_blocks_index_it(split_text) -> None:
    [story] = split_text(PAGE)
    assert story.text.split("\n\n") == [story.text[b.start : b.end] for b in story.blocks]
    assert story.zone_at(story.text.index("Gunmen ambushed")) == "body"
    assert "Militia convoy ambushed" not in story.text


def test_doubled_caption_is_kept_once_and_boilerplate_recorded(split_text) -> None:
    [story] = split_text(PAGE)
    assert story.text.count("Fighters guard the road") == 1
    assert story.removed == (
        "Fighters guard the road near Qaim on Saturday. (AFP)",
        "Listen to this article",
        "Sign up for our weekly security newsletter",
    )


def test_paywall_cuts_the_rest_of_the_story(split_text) -> None:
    page = PAGE + "\nThe full text of this report is available to subscribers.\n\nAbout the Institute\n\n"
    page += "The Institute is an independent research centre founded in 1998 with offices in three cities.\n"
    [story] = split_text(page)
    assert "independent research centre" not in story.text
    assert story.removed[-2:] == (
        "About the Institute",
        "The Institute is an independent research centre founded in 1998 with offices in three cities.",
    )


def test_donate_line_followed_by_a_heading_cuts_the_blurb(split_text) -> None:
    page = PAGE + "\nSupport independent journalism in Iraq.\n\nAbout Desert Courier\n\n"
    page += "Desert Courier is a news site run by journalists in Anbar and Nineveh since 2016.\n"
    [story] = split_text(page)
    assert "journalists in Anbar" not in story.text
    assert story.text.endswith("claimed responsibility for the attack so far.")


def test_subscribe_line_in_the_middle_does_not_cut_the_article(split_text) -> None:
    [story] = split_text(PAGE)
    assert story.text.endswith("No group has claimed responsibility for the attack so far.")


def test_trailing_link_headlines_and_footer_are_cut(split_text) -> None:
    page = PAGE + "\nMost read\n\nTen dishes for the holidays\nGold prices hit a record\n\nPrivacy Policy\n"
    [story] = split_text(page)
    assert "Ten dishes" not in story.text and "Gold prices" not in story.text
    assert {"Most read", "Ten dishes for the holidays", "Gold prices hit a record", "Privacy Policy"} <= set(
        story.removed
    )


def test_kicker_above_the_headline_is_not_the_title(split_text) -> None:
    [story] = split_text("Iraq\nMilitia convoy ambushed on Syrian border road\n\n" + PAGE.split("\n\n", 1)[1])
    assert story.title == "Militia convoy ambushed on Syrian border road"
    assert "Iraq" in story.removed


def test_hard_wrapped_paragraph_is_joined(split_text) -> None:
    page = "Convoy ambushed\n\nGunmen ambushed a convoy near Qaim late on Friday,\nkilling four fighters, two sources said.\n"
    [story] = split_text(page)
    assert (
        story.text
        == "Gunmen ambushed a convoy near Qaim late on Friday, killing four fighters, two sources said."
    )


def test_page_of_nothing_but_boilerplate_gives_no_story(split_text) -> None:
    assert split_text("Advertisement\n\nFollow us on X\n\n© 2025 Desert Courier\n") == []
