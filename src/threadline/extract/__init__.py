"""extract stage: relation claims and event mentions from a parsed story.

Pure functions over a parsed spaCy Doc whose text is the story's text and the story's
mentions; nothing here reads or writes outside its arguments (the Doc is copied, not
changed). Arguments of relations and events are Mention ids of that story.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from threadline.extract import relations
from threadline.extract.dates import resolve_date
from threadline.extract.parsed import ParsedStory, prepare
from threadline.extract.vocabulary import load_roles
from threadline.records import Assertion, EventMention, Mention, Story

__all__ = ["extract_events", "extract_relations", "parse", "resolve_date"]


_LAST: list[tuple[tuple[object, ...], ParsedStory]] = []  # relations then events reuse one preparation


def parse(doc: Doc, story: Story, mentions: Sequence[Mention]) -> ParsedStory:
    """The story's parse with one token per mention and role title."""
    if doc.text.lower() != story.text.lower():  # the model may read it truecased
        raise ValueError(f"story {story.id}: the Doc's text is not the story's text")
    key = (doc, story, tuple(mentions))
    if _LAST and _LAST[0][0][0] is doc and _LAST[0][0] == key:
        return _LAST[0][1]
    prepared = prepare(doc, story, mentions, load_roles())
    _LAST[:] = [(key, prepared)]
    return prepared


def extract_relations(doc: Doc, story: Story, mentions: Sequence[Mention]) -> list[Assertion]:
    """Relation claims (leader_of, member_of, part_of, backed_by, ...) the story states."""
    return relations.extract(parse(doc, story, mentions))


def extract_events(doc: Doc, story: Story, mentions: Sequence[Mention]) -> list[EventMention]:
    """The story's reports of events (meetings, attacks, arrests, ...), one per trigger."""
    from threadline.extract import events

    return events.extract(parse(doc, story, mentions))
