"""What resolution reads in a story's text, kept and read back, resolves exactly as the text.

Kept cues replace a story's text in later refreshes (resolve/story_text.py), so every
reading of the text resolution makes must come back from them unchanged: the context
words that vote on a type, acronym definitions, stated other names, an acronym in
brackets after a name."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import defaultdict

from threadline.records import Mention
from threadline.resolve import resolve_entities
from threadline.resolve.lexicon import ContextCues, load_lexicon
from threadline.resolve.story_text import Cues, StoryText, bracket_pairs, cues_version

from .conftest import mentions_in

# Written for these tests: each story leans on one reading of its text.
STORIES = (
    (
        "s1",
        "Fighters of the Harrat Valley Front (HVF) entered Dunmor. The HVF said its commander, "
        "Salim Oduya, known as Abu Kamil, led them. Mr Oduya spoke near Tessel.",
        {
            "Harrat Valley Front": "organization",
            "HVF": "organization",
            "Dunmor": "person",
            "Salim Oduya": "person",
            "Abu Kamil": "person",
            "Oduya": "person",
            "Tessel": "person",
        },
    ),
    (
        "s2",
        "HVF (Harrat Valley Front) fighters clashed with the Norden Rail Authority ( NRA ) in "
        "the town of Tessel; Abu Kamil was seen there.",
        {
            "HVF": "organization",
            "Harrat Valley Front": "organization",
            "Norden Rail Authority": "organization",
            "NRA": "organization",
            "Tessel": "organization",
            "Abu Kamil": "person",
        },
    ),
    (
        "s3",
        "Kamil, whose real name is Salim Oduya, denied it in Dunmor to the Tarvo Seaways Authority (TASWA).",
        {
            "Kamil": "person",
            "Salim Oduya": "person",
            "Dunmor": "location",
            "Tarvo Seaways Authority": "organization",
            "TASWA": "organization",
        },
    ),
)


def _corpus() -> tuple[list[Mention], dict[str, str]]:
    mentions = [m for sid, text, types in STORIES for m in mentions_in(sid, text, types)]
    return mentions, {sid: text for sid, text, _ in STORIES}


def _kept(mentions: list[Mention], texts: dict[str, str]) -> dict[str, StoryText]:
    """Each story's cues, read from its text, through JSON and back, with no text."""
    lex = load_lexicon()
    by_story: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_story[m.story_id].append(m)
    read = {sid: StoryText(sid, texts[sid], lex).cues(found).to_json() for sid, found in by_story.items()}
    return {sid: StoryText(sid, "", lex, Cues.from_json(sid, raw)) for sid, raw in read.items()}


def test_kept_cues_resolve_exactly_as_the_text() -> None:
    mentions, texts = _corpus()
    from_text = resolve_entities(mentions, texts)
    from_cues = resolve_entities(mentions, {}, stories=_kept(mentions, texts))
    assert from_cues == from_text
    reasons = " ".join(r for rs in from_text.reasons.values() for r in rs)
    # the text was read: a definition, a stated name, a bracketed acronym all linked
    assert "defined as acronym" in reasons and "the text says" in reasons and "in brackets" in reasons


def test_cues_hold_the_context_votes_the_text_gives() -> None:
    mentions, texts = _corpus()
    kept = _kept(mentions, texts)
    near = next(m for m in mentions if m.story_id == "s1" and m.text == "Tessel")
    assert "location" in kept["s1"].context(near)  # "near Tessel"
    assert kept["s1"].context(near) == StoryText("s1", texts["s1"], load_lexicon()).context(near)


def test_bracket_pairs_are_exactly_the_pairs_the_text_brackets() -> None:
    """Against the plain reading of every ordered pair, blanks of any kind included."""
    text = "Alpha Beta (AB) and Gamma\u00a0(\tGD )x, Delta (DL, x), Eps  ( EP)) Zeta (ZT"
    words = [m for m in re.finditer(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?|[A-Z]{2}", text)]
    mentions = [Mention("s", w.start(), w.end(), w.group(), "organization", "ORG") for w in words]
    expected = {
        ((a.start, a.end), (b.start, b.end))
        for a, b in itertools.permutations(mentions, 2)
        if text[a.end : b.start].strip() == "(" and text[b.end : b.end + 2].strip().startswith(")")
    }
    assert bracket_pairs(mentions, text) == expected
    assert len(expected) == 3  # AB, GD, EP; not DL (a comma after it), not ZT (never closed)


def test_cues_are_read_again_when_the_lexicon_changes() -> None:
    lex = load_lexicon()
    other_context = ContextCues(before={"location": re.compile(r"(?:^|\s)(?:beside)$")}, after={})
    edited = dataclasses.replace(lex, context=other_context)
    assert cues_version(edited) != cues_version(lex)
    assert cues_version(load_lexicon()) == cues_version(lex)
