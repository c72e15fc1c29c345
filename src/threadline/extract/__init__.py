"""extract stage: relation claims and event mentions from a parsed story.

Pure functions over a parsed spaCy Doc whose text is the story's text and the story's
mentions; nothing here reads or writes outside its arguments (the Doc is copied, not
changed). Arguments of relations and events are Mention ids of that story. The
relation families and event extractors that run are named (registry.py): an
`Extractor` is assembled from those names once, holds the vocabulary they read (the
data folder's model, passed in) and prepares each story once for all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from threadline.extract import events, relations
from threadline.extract.dates import resolve_date
from threadline.extract.parsed import ParsedStory, prepare
from threadline.records import Assertion, EventMention, Mention, Story
from threadline.registry import Registered
from threadline.vocabulary import Vocabulary, active

__all__ = ["Extractor", "extract_events", "extract_relations", "parse", "resolve_date"]


def parse(
    doc: Doc, story: Story, mentions: Sequence[Mention], vocabulary: Vocabulary | None = None
) -> ParsedStory:
    """The story's parse with one token per mention and role title."""
    if doc.text.lower() != story.text.lower():  # the model may read it truecased
        raise ValueError(f"story {story.id}: the Doc's text is not the story's text")
    return prepare(doc, story, mentions, vocabulary)


@dataclass(frozen=True)
class Extractor:
    """The relation families and event extractors to run, in order, by registered name,
    and the vocabulary they read."""

    families: tuple[relations.Family, ...]
    event_extractors: tuple[Registered[events.FindEvents], ...]
    vocabulary: Vocabulary = field(default_factory=active)

    @classmethod
    def named(
        cls,
        families: Sequence[str] | None = None,
        event_extractors: Sequence[str] | None = None,
        vocabulary: Vocabulary | None = None,
    ) -> Extractor:
        """The stages called by these names (None: threadline's own, in their order),
        reading `vocabulary` (None: the one the command runs with)."""
        return cls(
            relations.FAMILIES.assemble(relations.DEFAULT_FAMILIES if families is None else families),
            events.EXTRACTORS.assemble(
                events.DEFAULT_EXTRACTORS if event_extractors is None else event_extractors
            ),
            vocabulary or active(),
        )

    def extract(
        self, doc: Doc, story: Story, mentions: Sequence[Mention]
    ) -> tuple[list[Assertion], list[EventMention]]:
        """Relation claims and event mentions of one story, from one preparation of it
        (the prepared story carries this extractor's vocabulary to every stage)."""
        ps = parse(doc, story, mentions, self.vocabulary)
        claims = relations.extract(ps, self.families)
        return claims, [m for stage in self.event_extractors for m in stage.run(ps)]


def extract_relations(doc: Doc, story: Story, mentions: Sequence[Mention]) -> list[Assertion]:
    """Relation claims (leader_of, member_of, part_of, backed_by, ...) the story states."""
    return relations.extract(parse(doc, story, mentions))


def extract_events(doc: Doc, story: Story, mentions: Sequence[Mention]) -> list[EventMention]:
    """The story's reports of events (meetings, attacks, arrests, ...), one per trigger."""
    return events.extract(parse(doc, story, mentions))
