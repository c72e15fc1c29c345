"""Build threadline's spaCy Language and turn parsed stories into mentions.

The Language is the pinned statistical pipeline plus components registered by
name: `threadline_gazetteer` after `ner`, which merges known names into the model's
entities, and `threadline_entity_cues`, which settles a name's type from the words
inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

import threadline.nlp.gazetteer  # noqa: F401  (registers the threadline_gazetteer factory)
from threadline.nlp.model import load_base_model
from threadline.nlp.truecase import truecase
from threadline.records import EntityType, Mention, MentionZone, Story
from threadline.settings import Settings
from threadline.vocab import load_yaml

ENTITY_TYPE: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
}


@Language.factory("threadline_entity_cues", default_config={"data_dir": None})
def make_entity_cues(nlp: Language, name: str, data_dir: str | None) -> EntityCues:
    cues = load_yaml("entity_cues.yaml", Path(data_dir)) if data_dir else load_yaml("entity_cues.yaml")
    return EntityCues(cues)


class EntityCues:
    """Relabel entity spans by the words inside them; drop lone boilerplate words."""

    def __init__(self, cues: dict) -> None:
        self.org_words = {w.lower() for w in cues.get("organization", ())}
        self.place_words = {w.lower() for w in cues.get("location", ())}
        self.not_entities = {w.lower() for w in cues.get("not_entities", ())}

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [span for span in map(self.relabel, doc.ents) if span is not None]
        return doc

    def relabel(self, span: Span) -> Span | None:
        if span.text.lower().strip(" .") in self.not_entities:
            return None
        if span.ent_id_:  # a knowledge-file match already knows its type
            return span
        words = {t.lower_ for t in span}
        if span.label_ in ("PERSON", "GPE", "NORP") and words & self.org_words:
            return Span(doc=span.doc, start=span.start, end=span.end, label="ORG")
        if span.label_ == "PERSON" and words & self.place_words:
            return Span(doc=span.doc, start=span.start, end=span.end, label="LOC")
        return span


@lru_cache(maxsize=4)
def _build(model: str, verify: bool, data_dir: Path) -> Language:
    nlp = load_base_model(model, verify)
    nlp.add_pipe("threadline_gazetteer", after="ner", config={"data_dir": str(data_dir)})
    nlp.add_pipe("threadline_entity_cues", after="threadline_gazetteer", config={"data_dir": str(data_dir)})
    return nlp


def build_pipeline(settings: Settings) -> Language:
    """The one Language threadline runs; built once per process and settings."""
    return _build(settings.model, settings.verify_model, settings.data_dir)


def _texts(stories: Iterable[Story]) -> Iterator[tuple[str, tuple[Story, MentionZone]]]:
    """Each story's text, then its title when it has one, truecased for the model."""
    for story in stories:
        yield truecase(story.text), (story, "text")
        if story.title:
            yield truecase(story.title, reference=story.text), (story, "title")


def parse_stories(
    nlp: Language, stories: Iterable[Story], batch_size: int = 32
) -> Iterator[tuple[Doc, Doc | None, Story]]:
    """Parse many stories, texts and titles, in one `nlp.pipe` stream: (text Doc, title
    Doc or None, story). A Doc's text is its string truecased, offsets unchanged."""
    pending: tuple[Doc, Story] | None = None
    for doc, (story, zone) in nlp.pipe(_texts(stories), as_tuples=True, batch_size=batch_size):
        if zone == "title" and pending is not None:
            yield pending[0], doc, story
            pending = None
            continue
        if pending is not None:
            yield pending[0], None, pending[1]
        pending = (doc, story)
    if pending is not None:
        yield pending[0], None, pending[1]


def mentions_of(doc: Doc, story: Story, zone: MentionZone = "text") -> list[Mention]:
    """Every named entity of a type threadline resolves, with offsets into the story's
    text (or its title, zone "title") and the words as the story writes them."""
    source = story.zone_text(zone)
    mentions = []
    for span in doc.ents:
        entity_type = ENTITY_TYPE.get(span.label_)
        if entity_type is None:
            continue
        trimmed = trim_span(span)
        if trimmed is None:
            continue
        span = trimmed
        mentions.append(
            Mention(
                story_id=story.id,
                start=span.start_char,
                end=span.end_char,
                text=source[span.start_char : span.end_char],
                type=entity_type,
                label=span.label_,
                kb_id=span.ent_id_ or None,
                zone=zone,
            )
        )
    return mentions


def trim_span(span: Span) -> Span | None:
    """Drop a leading article or possessive ending so 'the Pentagon's' names 'Pentagon'."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’", ".", ",", "-"):
        end -= 1
    if start >= end:
        return None
    return (
        Span(doc, start, end, label=span.label_, span_id=span.id_)
        if (start, end) != (span.start, span.end)
        else span
    )
