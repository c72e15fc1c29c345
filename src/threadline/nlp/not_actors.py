"""Names that name no actor and no place: events, works, awards, titles, common nouns.

Three constructions of English make the model tag a capitalised phrase that names no
person, organization or place (entity_cues.yaml lists their words):

- a name of an event, a contest, an award, a work or a law says so with its head word:
  the word before its first "of" ("Battle of X", "Treaty of X"), else its last word
  ("X Prize", "X Tour"); or with its first word (after an article), in it or right
  before it ("Operation X", "Best X", "the List of X"); or the noun for a kind of
  work right before it names it ("the film X", "her debut album X"), or the text says what work it is ("X is a 2009 comedy film",
  "X, an album by ..."), which holds for each mention of its words. The entity
  becomes an EVENT, a label threadline exports as no entity;
- a title or a role is no one ("the Head Coach", "the County Governor"): an entity of
  title words alone is dropped, and one that names a title of something ("Emperor of
  Japan", "chief executive of Power Corporation of Canada", "player for Leicester
  Tigers") gives way to the name after "of" or "for" when that is one (a place
  GeoNames knows, an acronym, or two words or more). A lone title word stays where a
  longer name in the story holds it ("Chamberlain" beside "Neville Chamberlain");
- a one-word name the story also writes in lower case is a common noun capitalised by
  its place or by house style ("Church", "Board", "Truth"), unless the resolver reads
  it as a short designator ("the Coalition", "the Council": names_words.yaml generic
  and unit words).

A knowledge-file match keeps its type and words, and dates and numbers are left alone.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from threadline.nlp.names import fold
from threadline.places.index import place_names
from threadline.places.keys import place_key
from threadline.vocabulary import of_pipeline

NOT_ACTOR = "EVENT"
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
TITLE_OF = frozenset({"of", "for"})
ARTICLES = frozenset({"the", "a", "an"})
INDEFINITE = frozenset({"a", "an"})
ROMAN = re.compile(r"^[IVXL]+$")
MAX_MODIFIERS = 6  # words between "a" and a work's kind: "a 2009 American teen comedy film"


class NotActors:
    """Relabel or drop names that name no actor; see the module docstring."""

    def __init__(
        self,
        cues: dict,
        titles: Iterable[str],
        designators: Iterable[str],
        is_place: Callable[[str], bool],
    ) -> None:
        self.heads = frozenset(fold(w) for w in cues.get("not_actor_heads") or ())
        self.openers = frozenset(fold(w) for w in cues.get("not_actor_openers") or ())
        self.works = frozenset(w.lower() for w in cues.get("work_nouns") or ())
        self.roles = frozenset(w.lower() for w in [*titles, *(cues.get("role_words") or ())] if " " not in w)
        self.modifiers = frozenset(w.lower() for w in cues.get("role_modifiers") or ())
        self.designators = frozenset(w.lower() for w in designators)
        self.is_place = is_place

    def __call__(self, doc: Doc) -> Doc:
        lower = {t.text for t in doc if t.is_lower}
        in_names = {t.lower_ for e in doc.ents if e.label_ in ACTOR_LABELS and len(e) > 1 for t in e}
        works = {e.text for e in doc.ents if e.label_ in ACTOR_LABELS and self.said_to_be_work(e)}
        kept = []
        for span in doc.ents:
            found: Span | None = span
            if span.label_ in ACTOR_LABELS and not span.ent_id_:
                found = self.relabel(span)
                if span.text in works:
                    found = Span(doc, span.start, span.end, label=NOT_ACTOR)
                if found.label_ != NOT_ACTOR:
                    found = self.without_title(found, in_names)
                if found is not None and self.common_noun(found, lower):
                    found = None
            if found is not None:
                kept.append(found)
        doc.ents = kept
        return doc

    def relabel(self, span: Span) -> Span:
        """An event, a contest, an award, a work or a law: EVENT."""
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        if (
            before is not None
            and before.is_title
            and not before.ent_type_
            and fold(before.text) in self.openers
        ):
            return Span(doc, span.start - 1, span.end, label=NOT_ACTOR)  # "Operation" + "Desert Fox"
        if before is not None and before.is_lower and before.pos_ == "NOUN" and before.lower_ in self.works:
            return Span(doc, span.start, span.end, label=NOT_ACTOR)  # "the film Lost Harbour"
        if sum(t.is_alpha for t in span) < 2:
            return span
        if fold(head_word(span)) in self.heads or fold(first_word(span)) in self.openers:
            return Span(doc, span.start, span.end, label=NOT_ACTOR)
        return span

    def said_to_be_work(self, span: Span) -> bool:
        """The text says the name is a work's: "X is a 2009 comedy film", "X, an album by"."""
        doc, i = span.doc, span.end
        if i < len(doc) and doc[i].lemma_ == "be":
            articles: frozenset[str] = ARTICLES  # "X is a film", "X was the album"
            i += 1
        elif i < len(doc) and doc[i].text == ",":
            articles = INDEFINITE  # "X, an album by"; not "by Joe Lane, the album was"
            i += 1
        else:
            return False
        if i >= len(doc) or doc[i].text not in articles:
            return False
        for token in doc[i + 1 : i + 1 + MAX_MODIFIERS]:
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if token.lower_ in self.works and token.pos_ == "NOUN":
                if after is None or after.pos_ not in ("NOUN", "PROPN"):
                    return True
                if after.lower_ not in self.works:
                    return False  # "a film director"; but "a comedy film"
            elif token.pos_ not in ("ADJ", "NUM", "PROPN", "NOUN", "PUNCT"):
                return False
        return False

    def without_title(self, span: Span, in_names: set[str]) -> Span | None:
        """The span, none for a title alone, or the name a title is of."""
        cut = next((t.i for t in span[1:] if t.lower_ in TITLE_OF), span.end)
        title = [t for t in span.doc[span.start : cut] if t.is_alpha and t.lower_ not in ARTICLES]
        if not title or not self.is_title(title):
            return span
        if cut == span.end:
            alone = len(title) == 1 and title[0].lower_ in in_names
            return span if alone else None  # "Chamberlain" beside "Neville Chamberlain"
        return self.name_after(span, cut + 1)

    def is_title(self, words: Sequence[Token]) -> bool:
        roles = [t for t in words if t.lower_ in self.roles]
        return bool(roles) and all(t.lower_ in self.roles or t.lower_ in self.modifiers for t in words)

    def name_after(self, span: Span, start: int) -> Span | None:
        """The name after a title's "of": a place, an acronym, or two words or more."""
        doc, end = span.doc, span.end
        if start < end and doc[start].lower_ == "the":
            start += 1
        words = [t for t in doc[start:end] if t.is_alpha]
        if not words or not words[0].text[:1].isupper():
            return None
        place = self.is_place(place_key(doc[start:end].text))
        if not (place or len(words) > 1 or words[0].is_upper):
            return None
        label = "GPE" if place else ("ORG" if span.label_ == "PERSON" else span.label_)
        return Span(doc, start, end, label=label)

    def common_noun(self, span: Span, lower: set[str]) -> bool:
        """One title-case word the story also writes in lower case, and no designator."""
        if len(span) != 1 or not span[0].is_title or not span[0].is_alpha:
            return False
        word = span[0].lower_
        return word in lower and word not in self.designators


def first_word(span: Span) -> str:
    """A name's first word after a leading article the model took in ("the List of X")."""
    return span[1].text if len(span) > 1 and span[0].lower_ in ARTICLES else span[0].text


def head_word(span: Span) -> str:
    """The word a name's kind is read from: before its first "of", else its last word
    that is no roman numeral ("World War II", "Louis XIV")."""
    words = [t for t in span if t.is_alpha and not ROMAN.match(t.text)] or [t for t in span if t.is_alpha]
    for before, word in itertools.pairwise(words):
        if word.lower_ == "of":
            return before.text
    return words[-1].text


def _designators(words: dict) -> list[str]:
    """The generic and unit words of names_words.yaml: a name of one of them alone
    ("the Council") is a designator the resolver reads as a short form."""
    return [w for key in ("generic", "units") for kind in words.get(key) or () for w in kind]


@Language.factory("threadline_not_actors")
def make_not_actors(nlp: Language, name: str) -> NotActors:
    vocabulary = of_pipeline(nlp)
    designators = _designators(vocabulary.names_words)
    return NotActors(vocabulary.entity_cues, vocabulary.titles, designators, place_names().__contains__)
