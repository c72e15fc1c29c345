"""Fixtures for the extract stage: one parsed pipeline per session, and stories whose
mentions are given by hand, so a test checks the patterns, not the statistical NER."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from threadline.extract import extract_events, extract_relations
from threadline.nlp.pipeline import build_pipeline
from threadline.records import NOT_A_FACT, NOT_NOW, Assertion, Block, EventMention, Mention, Story
from threadline.settings import Settings


@dataclass
class Parsed:
    story: Story
    doc: Doc
    mentions: list[Mention]

    def text_of(self, mention_id: str | None) -> str | None:
        return next((m.text for m in self.mentions if m.id == mention_id), None)

    def relations(self) -> list[Assertion]:
        return extract_relations(self.doc, self.story, self.mentions)

    def triples(self) -> set[tuple[str, str, str]]:
        return {(self.text_of(a.subject), a.predicate, self.text_of(a.object)) for a in self.relations()}

    def facts(self, learned: bool = True) -> set[tuple[str, str, str]]:
        """The triples stated as facts: not denied, negated, possible, planned or past;
        without the learned family's proposals when `learned` is False."""
        return {
            (self.text_of(a.subject), a.predicate, self.text_of(a.object))
            for a in self.relations()
            if a.modality not in NOT_A_FACT | NOT_NOW and (learned or a.extractor != "relations.learned")
        }

    def events(self) -> list[EventMention]:
        return extract_events(self.doc, self.story, self.mentions)

    def event(self, event_type: str) -> EventMention:
        found = [e for e in self.events() if e.type == event_type]
        assert len(found) == 1, f"expected one {event_type} event, got {found}"
        return found[0]

    def names(self, event: EventMention) -> set[str]:
        return {self.text_of(p) for p in event.participants}


def hand_mentions(story: Story, names: Mapping[str, str]) -> list[Mention]:
    """Every whole-word occurrence of each name, longest names first, typed as given."""
    taken: set[int] = set()
    found = []
    for name in sorted(names, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", story.text):
            span = set(range(match.start(), match.end()))
            if span & taken:
                continue
            taken |= span
            found.append(
                Mention(story.id, match.start(), match.end(), name, names[name], "TEST")  # type: ignore[arg-type]
            )
    return sorted(found, key=lambda m: m.start)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline(Settings())


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[..., Parsed]:
    """parse(text, names, published=None, blocks=None) -> Parsed"""

    def run(
        text: str,
        names: Mapping[str, str],
        published: str | None = "2024-03-14",
        blocks: tuple[Block, ...] | None = None,
    ) -> Parsed:
        story = Story(
            document_id="d-test",
            source="test.txt",
            index=0,
            text=text,
            blocks=blocks or (Block(0, len(text), "body"),),
            published=published,
        )
        doc = nlp(text)
        return Parsed(story, doc, hand_mentions(story, names))

    return run
