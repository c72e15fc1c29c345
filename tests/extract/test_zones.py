"""ParsedStory.zone_at answers what Story.zone_at does, by bisection over the blocks."""

from __future__ import annotations

from spacy.language import Language

from threadline.extract.parsed import prepare
from threadline.records import Block, Story, Zone


def _story(blocks: tuple[Block, ...]) -> Story:
    text = "Gunmen attacked a post.\nA caption under the photo.\nTroops returned fire later."
    return Story(document_id="d", source="zones.txt", index=0, text=text, blocks=blocks)


def _zones(nlp: Language, story: Story) -> tuple[list[Zone], list[Zone]]:
    ps = prepare(nlp(story.text), story, [])
    offsets = range(-1, len(story.text) + 2)
    return [ps.zone_at(o) for o in offsets], [story.zone_at(o) for o in offsets]


def test_zones_of_blocks_in_order_with_gaps_and_an_empty_one(nlp: Language) -> None:
    story = _story(
        (Block(0, 23, "headline"), Block(24, 24, "caption"), Block(24, 50, "caption"), Block(55, 77, "body"))
    )
    found, expected = _zones(nlp, story)
    assert found == expected
    assert {"headline", "caption", "body"} <= set(found)


def test_zones_of_overlapping_blocks_are_the_first_that_holds_the_offset(nlp: Language) -> None:
    story = _story((Block(24, 50, "caption"), Block(0, 40, "standfirst"), Block(30, 77, "body")))
    found, expected = _zones(nlp, story)
    assert found == expected
    assert found[31] == "caption"  # offset 30: in all three, the first listed wins
