"""A short form of a person's name in the same story is that person's: one label per name.

News names a person in full once ("Hamadou Soumana Dicko", "Petr Novak") and by the
family name after ("Dicko", "Novak"). The model reads each mention alone and calls the
short one a place or an organization as often as a person. Within one story, an entity
whose words are the last words of a longer name the model called a person is a person
too, unless a knowledge file matched it (a known place or group keeps its type). A name
the model called a place changes only when it is one word that GeoNames knows as no
place ("Gondar" beside a "Debub Gondar" the model took for a person stays a place, as
does "Klamath Lake" beside "Upper Klamath Lake").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from threadline.places.index import place_names
from threadline.places.keys import place_key

RELABELLED = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP"})
PLACES = frozenset({"GPE", "LOC", "FAC"})


class NameConsistency:
    """Give a person's short name the person's label; see the module docstring."""

    def __init__(self, is_place: Callable[[str], bool]) -> None:
        self.is_place = is_place

    def __call__(self, doc: Doc) -> Doc:
        tails = self.person_tails(doc)
        if tails:
            doc.ents = [self.relabel(e, tails) for e in doc.ents]
        return doc

    @staticmethod
    def person_tails(doc: Doc) -> set[tuple[str, ...]]:
        """The last words (one or more, never all) of every longer person's name."""
        tails = set()
        for e in doc.ents:
            words = tuple(t.text for t in e)
            if e.label_ == "PERSON" and not e.ent_id_ and sum(t.is_alpha for t in e) > 1:
                tails |= {words[i:] for i in range(1, len(words)) if words[i].isalpha()}
        return tails

    def relabel(self, span: Span, tails: set[tuple[str, ...]]) -> Span:
        words = tuple(t.text for t in span)
        if span.ent_id_ or span.label_ not in RELABELLED or words not in tails:
            return span
        if span.label_ in PLACES and (len(span) > 1 or self.is_place(place_key(span.text))):
            return span  # a place keeps its label unless it is a lone surname no place bears
        return Span(span.doc, span.start, span.end, label="PERSON")


@Language.factory("threadline_name_consistency")
def make_name_consistency(nlp: Language, name: str) -> NameConsistency:
    return NameConsistency(place_names().__contains__)
