"""Every sentence of news survives cleaning: one-sentence records as news APIs, feed
descriptions and event datasets deliver them, and plain sentences that only look like
page furniture."""

from __future__ import annotations

import json

import pytest

from threadline.ingest import split_document
from threadline.ingest.boilerplate import match_boilerplate, split_tail
from threadline.ingest.jsonl import parse_record
from threadline.records import Document

SNIPPETS = [
    # without a final stop, as feeds often send them
    "Gunmen on motorbikes burned a market in the village of Tabarey late on Friday",
    "Border guards seized two lorries of fuel bound for the Kidal region, customs officials said",
    "Militia fighters and soldiers clashed near Tessit",
    # short, with and without a stop
    "Five soldiers killed in Gao.",
    "Curfew lifted in Dosso",
    # long, with a date and a quote
    "The fictional Harakat Nur al-Sahil said on 14 April 2025 that it had \u201cno link whatsoever\u201d "
    "to the group that kidnapped two aid workers near Ayorou, and called on the authorities "
    "to publish the evidence they said they held",
    'Residents of Agadez said "the shooting lasted all night" after an attack on a checkpoint',
    # lines that open on words the boilerplate rules know
    "By Sunday evening the army said it had retaken the town of Ouatagouna",
    "Register offices in Tahoua were closed after threats by the fictional Jama'at Rimal",
    "Live rounds were fired at protesters outside the governor's office in Zinder",
    "Follow-up talks between the two militias are planned in Niamey next week",
    "Share prices of the state mining company fell after the attack on its convoy",
    "Supporters were urged to join the group's channel on Telegram, police said",
    "Police say the suspect told recruits to download the encrypted app before travelling",
    "The group's weekly newsletter claimed the ambush near Menaka",
    "Villagers said they had been forced to join",
    "The video first appeared on a channel linked to the militia and was later reposted by supporters",
]


def _record(text: str, **fields: str) -> Document:
    document = parse_record(json.dumps({"id": "snippet-1", "text": text, **fields}), "feed.jsonl:1")
    assert isinstance(document, Document)
    return document


@pytest.mark.parametrize("text", SNIPPETS)
def test_a_record_of_one_sentence_is_a_story_whose_text_is_the_sentence(text: str) -> None:
    [story] = split_document(_record(text))
    assert story.text == text
    assert story.blocks[0].zone == "body"
    assert story.title is None


def test_a_snippet_keeps_the_title_its_record_states() -> None:
    text = "Gunmen abducted a trader from the market in Tillia on Tuesday"
    [story] = split_document(_record(text, title="Trader abducted in Tillia"))
    assert (story.title, story.text) == ("Trader abducted in Tillia", text)


def test_a_snippet_whose_title_is_its_text_keeps_the_text() -> None:
    text = "Floods cut the road between Mopti and Sevare"
    [story] = split_document(_record(text, title=text))
    assert story.text == text


def test_a_snippet_of_two_headline_like_lines_keeps_both() -> None:
    text = "Army convoy ambushed near Bourem\nSoldiers returned fire and the attackers fled into the bush"
    [story] = split_document(_record(text))
    assert "Army convoy ambushed near Bourem" in story.text + (story.title or "")
    assert "the attackers fled into the bush" in story.text


def test_a_feed_trailer_is_cut_and_the_sentence_kept() -> None:
    text = (
        "Gunmen killed four herders near Bankilare on Monday, local officials said. "
        "The post Four herders killed near Bankilare appeared first on Sahel Example News."
    )
    [story] = split_document(_record(text))
    assert story.text == "Gunmen killed four herders near Bankilare on Monday, local officials said."
    assert "appeared first on" in story.removed[0]


@pytest.mark.parametrize(
    ("line", "kept", "cut"),
    [
        ("Troops retook Anderamboukane on Friday, the army said\u2026 Continue reading", True, True),
        ("Troops retook Anderamboukane on Friday. Read more \u00bb", True, True),
        ("Troops retook Anderamboukane on Friday [\u2026]", True, True),
        ("Officials said they would need to read more before deciding.", True, False),
        ("A spokesman said the post had appeared first on a Telegram channel of the group", True, False),
    ],
)
def test_feed_trailers_need_a_sentence_before_them(line: str, kept: bool, cut: bool) -> None:
    head, tail = split_tail(line)
    assert bool(head) is kept and (tail is not None) is cut


@pytest.mark.parametrize("text", SNIPPETS)
def test_no_snippet_matches_a_boilerplate_rule(text: str) -> None:
    assert match_boilerplate(text) is None


def test_a_record_of_nothing_but_furniture_is_still_refused() -> None:
    assert split_document(_record("Subscribe to our newsletter\nFollow us on X")) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The full report is available to members of the Security Council, a diplomat said.",
        "The report is available to members of parliament but has not been published.",
        "Officials urged journalists to read the full article before reporting on the raid.",
        "Like us, the villagers fled when the shooting started, a witness said.",
    ],
)
def test_sentences_that_share_words_with_paywalls_and_widgets_are_kept(split_text, sentence: str) -> None:
    assert match_boilerplate(sentence) is None
    page = f"Raid near Gao\n\n{sentence}\n\nThe army said it had sent reinforcements.\n"
    [story] = split_text(page)
    assert story.text.endswith("The army said it had sent reinforcements.")
