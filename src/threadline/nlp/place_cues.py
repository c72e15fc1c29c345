"""Names the words around them show to be places, whatever the model made of them.

The small model often calls a town it has not seen a person or an organization, or tags
nothing ("near Tessalit", "between Gardez and Khost", "Herat's Ghoryan district", "the
port of Esmeraldas"). Three constructions of English news say a name is a place
(entity_cues.yaml lists their words):

- after a locative preposition ("in", "near", "outside", "from", ...), and the names
  listed with it ("between Gardez and Khost", "in Gao, Menaka and Timbuktu"), when
  GeoNames knows the name as a place's own name (places.index.place_names);
- before a word for a part of a country ("Ghoryan district", "Soum province"), and
  before "state" right after a proper noun ("Guerrero state"; not "the Jewish state");
- after a word for a place and "of" ("the port of Esmeraldas", "the town of Arlit").

A name becomes a place (GPE) only where no knowledge file matched it (a known name keeps
its type), no word inside it settles another type ("Brigade", "Ministry"), the model
called it a person, an organization (not after "at" or "from": "at Reuters", "from
Hamas") or nothing, it is no month, weekday or common word (places_extra.yaml), and it is
no part of a longer person's name in the story ("Barry" after "Boureima Barry") nor
follows a title anywhere there ("Mr Hamani"). Other mentions of the same words the model
called a person become places too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from threadline.nlp.names import fold
from threadline.places.index import place_names
from threadline.places.keys import place_key
from threadline.vocabulary import MONTHS, WEEKDAYS, of_pipeline

MAX_WORDS = 3
CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"ramadan", "eid", "christmas", "easter"}
# The labels of names: the model's other labels on a capitalised word ("Turbat" a DATE,
# "Gardez and Khost" a WORK_OF_ART) are its guesses at nothing, and such words are read as untagged.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
COORDINATION = frozenset({"and", "or", "&"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _name_word(token: Token) -> bool:
    return token.is_alpha and token.is_title and not token.is_stop


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    needs_geonames: bool  # only the preposition cue needs GeoNames to know the name
    organization_too: bool  # whether a name the model called an organization may be a place


class PlaceCues:
    """Relabel (or tag) names the words around them show to be places; see the module docstring."""

    def __init__(
        self,
        cues: dict,
        is_place: Callable[[str], bool],
        common: Iterable[str] = (),
        titles: Iterable[str] = (),
    ) -> None:
        self.prepositions = frozenset(cues.get("locative_prepositions") or ())
        self.place_only = frozenset(cues.get("place_only_prepositions") or ())
        self.suffixes = frozenset(cues.get("place_suffixes") or ())
        self.after_proper_nouns = frozenset(cues.get("place_suffixes_after_proper_nouns") or ())
        self.suffixes |= self.after_proper_nouns
        self.place_nouns = frozenset(cues.get("place_nouns") or ())
        self.titles = frozenset(t.split()[-1].lower() for t in titles)
        self.other_words = {fold(w) for k in ("organization", "location") for w in cues.get(k) or ()}
        self.not_entities = frozenset(w.lower() for w in cues.get("not_entities") or ())
        self.is_place = is_place
        self.common = frozenset(common) | CALENDAR

    def __call__(self, doc: Doc) -> Doc:
        people = self._person_words(doc)
        found = []
        for chain in self.candidates(doc):
            for candidate in chain:  # "between Gardez and Khost": the second only if the first
                if candidate.span.label_ in PLACE_LABELS:
                    continue  # a place already: the list goes on
                if not self._place_here(candidate, people):
                    break
                found.append(Span(doc, candidate.span.start, candidate.span.end, label="GPE"))
        if found:
            found = filter_spans(found)
            others = [e for e in doc.ents if not any(e.start < f.end and f.start < e.end for f in found)]
            doc.ents = sorted([*found, *self._same_names(others, found)], key=lambda e: e.start)
        return doc

    def candidates(self, doc: Doc) -> Iterator[list[Candidate]]:
        """Chains of names the words around them may show to be places, in text order."""
        by_start = {e.start: e for e in doc.ents if e.label_ in NAME_LABELS}
        by_end = {e.end: e for e in doc.ents if e.label_ in NAME_LABELS}
        for token in doc:
            word, span = token.lower_, None
            if word in self.prepositions:
                chain = self._coordinated(doc, token.i + 1, by_start)
                yield [Candidate(s, True, word in self.place_only) for s in chain]
            elif word in self.suffixes and token.i > 0 and self._suffix_fits(doc[token.i - 1], word):
                span = by_end.get(token.i) or self._untagged_before(doc, token.i)
            elif word in self.place_nouns and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "of":
                span = by_start.get(token.i + 2) or self._untagged(doc, token.i + 2)
            if span is not None:
                yield [Candidate(span, False, True)]

    def _suffix_fits(self, before: Token, suffix: str) -> bool:
        """Whether the word before a place suffix may end a place's name: any word, but
        for a suffix also said of peoples and creeds, only a proper noun."""
        return suffix not in self.after_proper_nouns or before.pos_ == "PROPN"

    def _coordinated(self, doc: Doc, start: int, by_start: dict[int, Span]) -> list[Span]:
        """The name at `start`, then each name listed with it: joined by "and" or "or", or
        by commas ("in Gao, Menaka and Timbuktu")."""
        chain: list[Span] = []
        while start < len(doc) and (span := by_start.get(start) or self._untagged(doc, start)) is not None:
            if chain and doc[start - 1].text == "," and _opens_clause(span):
                break  # "in Niamey, Diallo said": a comma may close the place and open a clause
            chain.append(span)
            following = _next_in_list(doc, span.end)
            if following is None:
                break
            start = following
        return chain

    def _untagged(self, doc: Doc, start: int) -> Span | None:
        """A run of capitalised words no entity covers, starting at `start`."""
        end = start
        while end < len(doc) and end - start < MAX_WORDS and _name_word(doc[end]):
            if doc[end].ent_type_ in NAME_LABELS:
                return None
            end += 1
        return Span(doc, start, end) if end > start else None

    def _untagged_before(self, doc: Doc, end: int) -> Span | None:
        """A run of capitalised words no entity covers, ending right before `end`."""
        start = end
        while start > 0 and end - start < MAX_WORDS and _name_word(doc[start - 1]):
            if doc[start - 1].ent_type_ in NAME_LABELS:
                break
            start -= 1
        return Span(doc, start, end) if start < end else None

    def _place_here(self, candidate: Candidate, people: set[str]) -> bool:
        span = candidate.span
        if span.ent_id_ or span.label_ in ("GPE", "LOC", "FAC"):
            return False
        if any(t.like_num for t in span):
            return False
        if span.label_ == "ORG" and not candidate.organization_too:
            return False
        if not candidate.needs_geonames and not all(t.is_title or not t.is_alpha for t in span):
            return False  # "X district", "port of X": a plain name, not "the Authority on Development"
        key = place_key(span.text)
        if not key or key in self.common or span.text.lower() in self.not_entities or key in people:
            return False
        if {fold(t.text) for t in span} & self.other_words:
            return False
        return self.is_place(key) or not candidate.needs_geonames

    def _person_words(self, doc: Doc) -> set[str]:
        """Keys of the words of multi-word person names, and of words after a title."""
        found = set()
        for e in doc.ents:
            if e.label_ == "PERSON" and len(e) > 1:
                found |= {place_key(t.text) for t in e} | {place_key(e[1:].text)}
        for token in doc[1:]:
            if doc[token.i - 1].lower_.rstrip(".") in self.titles:
                found.add(place_key(token.text))
        return found - {""}

    def _same_names(self, others: list[Span], places: list[Span]) -> list[Span]:
        """The other entities; one the model called a person, with a place's exact words, a place too."""
        names = {p.text for p in places}
        kept = []
        for e in others:
            same = e.label_ == "PERSON" and e.text in names and not e.ent_id_
            kept.append(Span(e.doc, e.start, e.end, label="GPE") if same else e)
        return kept


def _opens_clause(span: Span) -> bool:
    """A name the model called a person, with a verb right after it ("Diallo said")."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span.label_ == "PERSON" and after is not None and after.pos_ in ("VERB", "AUX")


def _next_in_list(doc: Doc, end: int) -> int | None:
    """Where the next name of a list starts after a name ending at `end`: past "and",
    "or", a comma, or a comma and "and"; None where the list ends."""
    i = end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in COORDINATION:
        i += 1
    return i if end < i < len(doc) else None


@Language.factory("threadline_place_cues")
def make_place_cues(nlp: Language, name: str) -> PlaceCues:
    vocabulary = of_pipeline(nlp)
    common = vocabulary.place_extras.common_words
    return PlaceCues(vocabulary.entity_cues, place_names().__contains__, common, vocabulary.titles)
