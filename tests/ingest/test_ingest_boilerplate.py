"""Boilerplate rules (data/boilerplate.yaml): each family cuts its kind of line and keeps reporting."""

from __future__ import annotations

import re

import pytest

from threadline.ingest.boilerplate import is_link_list, match_boilerplate, rules
from threadline.ingest.captions import is_caption
from threadline.vocab import load_yaml


def test_every_rule_has_a_name_a_comment_and_a_pattern_that_compiles() -> None:
    entries = load_yaml("boilerplate.yaml")["rules"]
    assert len(rules()) == len(entries) > 20
    for entry in entries:
        assert entry["name"] and entry["comment"], entry
        re.compile(entry["pattern"])
        assert set(entry) <= {"name", "comment", "pattern", "max_words", "case", "end"}, entry
        assert entry.get("end") in (None, "strong", "weak")


def test_ingest_cue_file_is_well_formed() -> None:
    cues = load_yaml("ingest_cues.yaml")
    for entry in cues["captions"]:
        assert entry["name"] and entry["comment"]
        re.compile(entry["pattern"])
    assert {"published", "updated"} <= set(cues["date_labels"])
    assert all(isinstance(label, str) for label in cues["section_labels"])
    assert {"title", "outlet", "published"} <= set(cues["html_meta"])


@pytest.mark.parametrize(
    ("line", "family"),
    [
        ("The rest of this article is available to subscribers only.", "paywall"),
        ("This report is available to members only", "paywall"),
        ("Subscribe to continue reading", "paywall"),
        ("Please log in or register to read the full report from the institute", "login"),
        ("Sign in to continue", "login"),
        ("Subscribe to Tigris Times breaking alerts.", "subscribe"),
        ("Sign up for our weekly Gulf security newsletter", "subscribe"),
        ("Get the morning newsletter in your inbox", "newsletter"),
        ("Donate now: keep our reporters in the field.", "donate"),
        ("Support independent journalism in Iraq", "donate"),
        ("All donations to the institute are tax-deductible.", "donate"),
        ("Read more: Power cuts spread across the south", "read_more"),
        ("Also read: Kirkuk council meets again", "read_more"),
        ("See also our timeline of the war", "read_more"),
        ("Related:", "read_more"),
        ("Most read", "read_more"),
        ("For the full programme, click here.", "click_here"),
        ("https://news.example/iraq/story-123", "link"),
        ("Home > Middle East > Iraq", "link_list"),  # a menu is named as one before any rule
        ("Follow us on X and Instagram", "social_follow"),
        ("Follow Tigris Times on Telegram", "social_follow"),
        ("Facebook Twitter WhatsApp Email", "social_follow"),
        ("Share this article", "social_follow"),
        ("Get our latest news updates on WhatsApp", "messaging_app"),
        ("Download our app for breaking alerts", "app_download"),
        ("Live updates: Fighting in the north", "live_blog"),
        ("LIVE", "live_blog"),
        ("Powered by automated translation", "machine_translation"),
        ("This article was machine-translated", "machine_translation"),
        ("Two men standing near a truckDescription automatically generated", "alt_text"),
        ("Photo: Tigris Times", "photo_credit"),
        ("Image source, Getty Images", "photo_credit"),
        ("(AP Photo/Jane Roe)", "photo_credit"),
        ("REUTERS/Jane Roe", "photo_credit"),
        ("(Photo by Jane Roe / AFP)", "photo_credit"),
        ("list of 4 items", "widget_label"),
        ("end of list", "widget_label"),
        ("Save", "widget_label"),
        ("Today, 3:45 pm", "relative_time"),
        ("We use cookies to give you the best experience.", "cookie"),
        ("Accept all cookies", "cookie"),
        ("© 2025 Tigris Times", "copyright"),
        ("Copyright Gulf Post. All rights reserved.", "copyright"),
        ("42", "counter"),
        ("12 comments", "counter"),
        ("TT", "widget_label"),
        ("A", "widget_label"),
        ("Advertisement", "widget_label"),
        ("Story continues below advertisement", "widget_label"),
        ("Tags: Iraq, Anbar, militias", "widget_label"),
        ("3 hours ago", "relative_time"),
        ("Privacy Policy", "footer_link"),
        ("By Rana Haddad", "byline"),
        ("By Tigris Times staff", "byline"),
        ("(Reporting by Rana Haddad; Editing by Sam Lee)", "byline"),
    ],
)
def test_rule_family_cuts_its_lines(line: str, family: str) -> None:
    rule = match_boilerplate(line)
    assert rule is not None, line
    assert rule.name == family


@pytest.mark.parametrize(
    "line",
    [
        "Hackers managed to log in to the ministry's servers and read e-mails, officials said.",
        "Live ammunition was fired at protesters outside the council building.",
        "Follow-up talks are planned in Amman next week, a spokesman said.",
        "The group said it would register as a political party before the elections.",
        "Related violence has killed dozens of people in the province this year.",
        "By the end of the day, four fighters had been killed and nine wounded.",
        "The commander told supporters to follow the movement's orders on Telegram, the statement said.",
        "Donations from abroad make up most of the group's budget, the Treasury said.",
        "Copyright laws were not discussed at the meeting, according to two officials who attended.",
        "The Islamic Resistance in Iraq has claimed responsibility for these attacks.",
        "Topics Of Discussion",
        "IRGC",
        "US Targets Militia Financiers with New Sanctions",
    ],
)
def test_reporting_is_not_cut(line: str) -> None:
    assert match_boilerplate(line) is None, line


def test_links_rows_are_cut_but_a_masthead_is_not() -> None:
    assert is_link_list("Home | Iraq | Syria | Opinion")
    assert is_link_list("World • Business • Sport")
    assert not is_link_list("Kurdistan Courier | Published 9 May 2025")


@pytest.mark.parametrize(
    "line",
    [
        "Fighters parade through the streets of Rutba on Sunday. (AFP)",
        "FILE - A fighter stands guard near the border crossing, May 3, 2024. (AP Photo/Jane Roe, File)",
        "Photo: Supporters of the movement at a rally in Najaf. (Tigris Times)",
        "A checkpoint on the Qaim road. Photo: Liwa al-Sahil",
        "Image caption, Rescue workers searched the rubble",
        "Smoke rises over the town after the strike. (Reuters)",
        "The governor speaks to reporters. (Photo by Sam Lee)",
        "Police patrol a market in Mosul on Monday. REUTERS/Jane Roe/File Photo",
        "Smoke rises over the Nineveh plains. [File: Jane Roe/Reuters]",
    ],
)
def test_caption_cues(line: str) -> None:
    assert is_caption(line)


@pytest.mark.parametrize(
    "line",
    [
        "The militia, known as Liwa al-Sahil (LS), denied the claim.",
        "Officials said the attack was carried out by the group (which they did not name).",
        "Filed under pressure, the report was withdrawn two days later.",
        "The group was designated in 2019. [3]",
    ],
)
def test_reporting_is_no_caption(line: str) -> None:
    assert not is_caption(line)
