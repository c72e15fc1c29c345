"""Names in headlines: mentions with zone "title" and offsets into the title."""

from __future__ import annotations

from spacy.language import Language

from threadline.records import Block, Mention, Story
from threadline.workflow import extract_stories


def story(title: str, text: str) -> Story:
    return Story("d-1", "t.txt", 0, text, (Block(0, len(text), "body"),), title=title)


def title_mentions(nlp: Language, title: str, text: str) -> list[Mention]:
    (extraction,) = extract_stories(nlp, [story(title, text)])
    return [m for m in extraction.mentions if m.zone == "title"]


def test_headline_mentions_index_the_title(nlp: Language) -> None:
    title = "Gunmen kill five in attack on Kaduna market"
    found = title_mentions(
        nlp, title, "Gunmen killed five people at a market in Kaduna on Monday, police said."
    )
    assert [(m.text, m.type) for m in found] == [("Kaduna", "location")]
    assert all(title[m.start : m.end] == m.text for m in found)


def test_a_name_the_text_spells_out_is_taken_whole_from_the_headline(nlp: Language) -> None:
    text = "The Axis Coordination Council named a new leader on Sunday, its spokesman said."
    found = title_mentions(nlp, "A new leader for the Axis Coordination Council", text)
    assert [m.text for m in found] == ["Axis Coordination Council"]


def test_a_shouted_headline_is_read_with_the_story_casing(nlp: Language) -> None:
    text = "Militants killed 17 soldiers at an army post in Banibangou, officials said."
    found = title_mentions(nlp, "MILITANTS KILL 17 SOLDIERS IN BANIBANGOU", text)
    assert [(m.text, m.type) for m in found] == [("BANIBANGOU", "location")]


def test_title_mentions_do_not_reach_relations_or_events(nlp: Language) -> None:
    (extraction,) = extract_stories(
        nlp,
        [
            story(
                "Hamas leader meets Iraqi factions in Baghdad", "Officials of Hamas met in Baghdad on Monday."
            )
        ],
    )
    title_ids = {m.id for m in extraction.mentions if m.zone == "title"}
    assert title_ids  # the headline's names the text writes too
    used = {a.subject for a in extraction.assertions} | {p for e in extraction.events for p in e.participants}
    assert not used & title_ids


def test_a_headline_name_the_text_never_writes_is_no_mention(nlp: Language) -> None:
    (extraction,) = extract_stories(
        nlp, [story("Hamas leader meets Iraqi factions in Baghdad", "Officials met on Monday.")]
    )
    assert not [m for m in extraction.mentions if m.zone == "title" and m.text == "Hamas"]
