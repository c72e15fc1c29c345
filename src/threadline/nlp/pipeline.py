"""Build threadline's spaCy Language and turn parsed stories into mentions.

The Language is the pinned statistical pipeline plus components registered by
name: `threadline_name_joiner` right after `ner`, which makes names the model split at
an apostrophe whole again (nlp/names.py); `threadline_gazetteer`, which merges known
names, countries and nationality words into the model's entities;
`threadline_agate_lines`, which tags the teams of sports results lines (nlp/agate.py);
`threadline_entity_cues`, which settles a name's type from the words inside it;
`threadline_place_cues`, which makes a name the words around it show to be a place one
(nlp/place_cues.py); `threadline_role_appositions`, which makes a name set beside a word
for a person's role a person's (nlp/role_appositions.py); and
`threadline_name_consistency`, which gives a person's family name the person's label
(nlp/consistency.py).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import groupby

from spacy.language import Language
from spacy.tokens import Doc, Span

import threadline.nlp.agate
import threadline.nlp.consistency
import threadline.nlp.edges
import threadline.nlp.gazetteer  # registers the threadline_gazetteer factory
import threadline.nlp.not_actors
import threadline.nlp.place_cues
import threadline.nlp.role_appositions  # noqa: F401  (registers the threadline_role_appositions factory)
from threadline.nlp.attribute_rules import index_attribute_rules
from threadline.nlp.model import load_base_model
from threadline.nlp.names import fold  # (and registers the threadline_name_joiner factory)
from threadline.nlp.pieces import PIECE_CHARS, parse_in_pieces
from threadline.nlp.truecase import dateline_spans, truecase
from threadline.records import EntityType, Mention, MentionZone, Story
from threadline.settings import Settings
from threadline.vocabulary import Vocabulary, attach, of_pipeline, vocabulary_of

ENTITY_TYPE: dict[str, EntityType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "location",
    "LOC": "location",
    "FAC": "location",
}


@Language.factory("threadline_entity_cues")
def make_entity_cues(nlp: Language, name: str) -> EntityCues:
    return EntityCues(of_pipeline(nlp).entity_cues)


class EntityCues:
    """Relabel entity spans by the words inside them; drop lone boilerplate words."""

    def __init__(self, cues: dict) -> None:
        self.org_words = {fold(w) for w in cues.get("organization", ())}
        self.state_words = {fold(w) for w in cues.get("also_in_state_names", ())}
        self.place_words = {fold(w) for w in cues.get("location", ())}
        self.not_entities = {w.lower() for w in cues.get("not_entities", ())}

    def __call__(self, doc: Doc) -> Doc:
        doc.ents = [span for span in map(self.relabel, doc.ents) if span is not None]
        return doc

    def relabel(self, span: Span) -> Span | None:
        if span.text.lower().strip(" .") in self.not_entities:
            return None
        if span.ent_id_:  # a knowledge-file match already knows its type
            return span
        if _unit(span):
            return None
        words = {fold(t.text) for t in span}
        org_words = words & self.org_words
        if span.label_ == "GPE":  # "Soviet Union" is the state the model says it is
            org_words -= self.state_words
        if span.label_ in ("PERSON", "GPE", "NORP") and org_words:
            return Span(doc=span.doc, start=span.start, end=span.end, label="ORG")
        if span.label_ in ("FAC", "LOC") and fold(span[-1].text) in org_words:
            # a building or an area is named by its last word ("Army Stadium"); a group
            # name ending in a group's word is a group's ("Nour al-Haqq Battalions")
            return Span(doc=span.doc, start=span.start, end=span.end, label="ORG")
        if span.label_ == "PERSON" and words & self.place_words:
            return Span(doc=span.doc, start=span.start, end=span.end, label="LOC")
        return span


_QUANTITY = re.compile(r"^\d[\d:.,]*$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
# What may follow a unit: nothing, punctuation, or a word that opens no noun phrase of its own.
_AFTER_UNIT = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "PART"})


def _unit(span: Span) -> bool:
    """An acronym of letters after a quantity or a clock time, and before no noun, is a
    unit ("18:02 GMT.", "1,000 FCFA a month"), not an organization; "17 PKK fighters",
    "the 1951 UK election" and "In 2016 BBC2 produced" stay."""
    doc, i = span.doc, span.start
    if len(span) != 1 or not (span.text.isupper() and span.text.isalpha()) or i == 0:
        return False
    before = doc[i - 1].text
    if not _QUANTITY.match(before) or _YEAR.match(before):
        return False
    return i + 1 >= len(doc) or doc[i + 1].is_punct or doc[i + 1].pos_ in _AFTER_UNIT


# W127 says spaCy's parsing processes (n_process > 1) did not exit cleanly, which they
# don't when a spent time budget ends them (ingest/budget.py); that budget's error
# already names the document in one line
warnings.filterwarnings("ignore", message=r"\[W127\]")

# threadline's components, in order after the model's `ner`
COMPONENTS = (
    "threadline_name_joiner",
    "threadline_name_edges",
    "threadline_gazetteer",
    "threadline_agate_lines",
    "threadline_entity_cues",
    "threadline_not_actors",
    "threadline_place_cues",
    "threadline_role_appositions",
    "threadline_name_consistency",
)


@lru_cache(maxsize=4)
def _build(model: str, verify: bool, vocabulary: Vocabulary) -> Language:
    nlp = load_base_model(model, verify)
    index_attribute_rules(nlp)  # the same attributes, without asking every rule at every token
    attach(nlp, vocabulary)  # each component's factory reads its cues from it
    after = "ner"
    for component in COMPONENTS:
        nlp.add_pipe(component, after=after)
        after = component
    return nlp


def build_pipeline(settings: Settings, vocabulary: Vocabulary | None = None) -> Language:
    """The one Language threadline runs, its components reading `vocabulary` (by
    default the one of settings' data folder); built once per process, model and
    vocabulary."""
    return _build(settings.model, settings.verify_model, vocabulary or vocabulary_of(settings.data_dir))


def _texts(stories: Iterable[Story]) -> Iterator[tuple[str, tuple[Story, MentionZone]]]:
    """Each story's text, then its title when it has one, truecased for the model."""
    for story in stories:
        yield truecase(story.text), (story, "text")
        if story.title:
            yield truecase(story.title, reference=story.text), (story, "title")


def parse_stories(
    nlp: Language, stories: Iterable[Story], batch_size: int = 32, n_process: int = 1
) -> Iterator[tuple[Doc, Doc | None, Story]]:
    """Parse many stories, texts and titles, in one `nlp.pipe` stream: (text Doc, title
    Doc or None, story). A Doc's text is its string truecased, offsets unchanged. A story
    longer than a piece is parsed on its own, in pieces (nlp/pieces.py). `n_process`
    above 1 parses the stream in that many forked spaCy processes (nlp.pipe keeps order)."""
    for long, run in groupby(stories, key=lambda s: max(len(s.text), len(s.title or "")) > PIECE_CHARS):
        if long:
            yield from (_parse_long(nlp, story) for story in run)
        else:
            yield from _parse_stream(nlp, run, batch_size, n_process)


def _parse_long(nlp: Language, story: Story) -> tuple[Doc, Doc | None, Story]:
    title = parse_in_pieces(nlp, truecase(story.title, reference=story.text)) if story.title else None
    return parse_in_pieces(nlp, truecase(story.text)), title, story


def _parse_stream(
    nlp: Language, stories: Iterable[Story], batch_size: int, n_process: int = 1
) -> Iterator[tuple[Doc, Doc | None, Story]]:
    yield from _paired(nlp.pipe(_texts(stories), as_tuples=True, batch_size=batch_size, n_process=n_process))


def _paired(
    parsed: Iterable[tuple[Doc, tuple[Story, MentionZone]]],
) -> Iterator[tuple[Doc, Doc | None, Story]]:
    """Each story's text Doc with its title's Doc (None when it has no title)."""
    pending: tuple[Doc, Story] | None = None
    for doc, (story, zone) in parsed:
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
    return with_dateline_place(mentions, story) if zone == "text" else mentions


def with_dateline_place(mentions: list[Mention], story: Story) -> list[Mention]:
    """A wire dateline's place ("NIAMEY" in "NIAMEY, March 4 (Sahara Wire) —") is a place
    and its agency an organization, whatever the model made of them: a mention over one
    of another type, or reaching past it ("NIAMEY 1996-08-22"), gives way to one of it alone."""
    found = dateline_spans(story.text)
    place = story.dateline.place_span if story.dateline else found.place if found else None
    settled: list[tuple[tuple[int, int] | None, EntityType]] = [
        (place, "location"),
        (found.agency if found else None, "organization"),
    ]
    for span, kind in settled:
        if span is not None:
            mentions = _settled(mentions, story, span, kind)
    return mentions


def _settled(mentions: list[Mention], story: Story, span: tuple[int, int], kind: EntityType) -> list[Mention]:
    """The mentions, with the one of `span` (label DATELINE: the places stage reads the
    story's country from it) of type `kind` in place of those over it."""
    start, end = span
    over = [m for m in mentions if m.start < end and start < m.end]
    kb_id = next((m.kb_id for m in over if m.type == kind and m.kb_id), None)
    settled = Mention(story.id, start, end, story.text[start:end], kind, "DATELINE", kb_id)
    return sorted([m for m in mentions if m not in over] + [settled], key=lambda m: (m.start, m.end))


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
