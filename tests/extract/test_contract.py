"""What every extract result promises: verbatim evidence, the story's own mention ids,
the extractor's name and version, and a caller's Doc left as it was."""

from __future__ import annotations

import pytest

from threadline.extract import extract_events, extract_relations
from threadline.records import Block, Story

PER, ORG, LOC = "person", "organization", "location"
TEXT = (
    "Iran-backed militia leader Hadi Qasim meets envoy\n\n"
    "Hadi Qasim, leader of the Iran-backed group Saraya al-Fajr, met Walid Saab in Basra on Sunday. "
    "Saraya al-Fajr fighters attacked a base in Syria last week, a source told Al-Sabah."
)
NAMES = {
    "Hadi Qasim": PER,
    "Saraya al-Fajr": ORG,
    "Walid Saab": PER,
    "Basra": LOC,
    "Syria": LOC,
    "Iran": LOC,
    "Al-Sabah": ORG,
}
BLOCKS = (Block(0, 49, "headline"), Block(51, len(TEXT), "body"))


@pytest.fixture(scope="module")
def story(parse):
    return parse(TEXT, NAMES, blocks=BLOCKS)


def test_relations_keep_their_promises(story):
    relations = story.relations()
    ids = {m.id for m in story.mentions}
    assert relations
    for a in relations:
        assert a.story_id == story.story.id
        assert {a.subject, a.object} <= ids
        assert story.story.text[a.evidence.start : a.evidence.end] == a.evidence.quote
        assert a.evidence.zone == story.story.zone_at(a.evidence.start)
        assert a.extractor.startswith("relations.") and a.version


def test_events_keep_their_promises(story):
    events = story.events()
    ids = {m.id for m in story.mentions}
    assert {e.type for e in events} >= {"meeting", "attack"}
    for e in events:
        assert set(e.participants) <= ids and (e.location is None or e.location in ids)
        assert story.story.text[e.evidence.start : e.evidence.end] == e.evidence.quote
        assert e.extractor.startswith("events.") and e.version


def test_the_callers_doc_is_unchanged(story):
    before = [(t.text, t.dep_, t.head.i, t.ent_type_) for t in story.doc]
    story.relations()
    story.events()
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in story.doc] == before


def test_results_are_stable_across_runs(story):
    assert [a.id for a in story.relations()] == [a.id for a in story.relations()]
    assert [e.id for e in story.events()] == [e.id for e in story.events()]


def test_a_doc_of_another_text_is_refused(story):
    other = Story("d", "other.txt", 0, TEXT + " More.", BLOCKS)
    with pytest.raises(ValueError, match="not the story's text"):
        extract_relations(story.doc, other, story.mentions)
    with pytest.raises(ValueError, match="not the story's text"):
        extract_events(story.doc, other, story.mentions)


def test_an_empty_story(parse):
    empty = parse("No names here.", {})
    assert empty.relations() == [] and empty.events() == []
