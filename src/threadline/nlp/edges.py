"""The edges of a name: what the model's entity holds that is no part of the name.

The model's entities often start or end a word off, and the text is no help to it where
a name sits beside a bracket, a prefix or a year. This component runs after the name
joiner and, for each entity:

- splits it at brackets: "Council on Foreign Relations (CFR" and "Ana Ruiz (Green
  Party" hold two names, each kept on its own (the resolver links an acronym to the
  name it stands for); a place at its commas ("Arlington, Virginia"); and two people or two places joined by "and" ("Chihuahua and
  Sonora"), save a place's own name ("Trinidad and Tobago") and an organization's;
  and a team and its league ("the Halifax Comets of the Eastern Hockey League");
- drops lower-case words before its first capitalised one, save the particles names
  open with ("al-", "de", "van"): "pro-Noriega" names Noriega, "ex-Ketama" Ketama,
  "every National Conference" the conference; and a decade ("1990s Pittsburgh");
- drops lower-case function words, punctuation and years after its last name word:
  "Chihuahua and" (the model stopped before "Sonora"), "the Penn Station on",
  "the Sydney Swans 2005" (a season), "Department of Labor 1993 to 1994";
- joins the number a numbered road takes: "Oregon Route" + "99", "Interstate" + "5";
- drops an entity with no capital letter in a script that has them ("turkey", "bush
  pilots", "width"): English writes every name with one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from threadline.nlp.names import fold
from threadline.places.index import place_names
from threadline.places.keys import place_key
from threadline.vocabulary import of_pipeline

BRACKETS = frozenset("()[]{}")
ARTICLES = frozenset({"the", "a", "an"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
LEAGUES = frozenset({"league", "association", "conference", "division", "federation"})
COORDINATED = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG"})
YEAR = re.compile(r"^(1\d|20)\d\d$")
DECADE = re.compile(r"^(1\d|20)\d0s$")
DESIGNATOR = re.compile(r"^[A-Z]?\d[\dA-Z]*$")  # "99", "5", "E60", "A1"


def _caseless(span: Span) -> bool:
    """Letters of a cased script, none of them a capital."""
    letters = [c for c in span.text if c.isalpha()]
    cased = [c for c in letters if c.lower() != c.upper()]
    return bool(cased) and not any(c.isupper() for c in cased) and not any(c.isdigit() for c in span.text)


class NameEdges:
    """Trim, split and complete the model's entities; see the module docstring."""

    def __init__(
        self, particles: Iterable[str], numbered: Iterable[str], is_place: Callable[[str], bool]
    ) -> None:
        self.particles = frozenset(p.lower() for p in particles)
        self.numbered = frozenset(fold(w) for w in numbered)
        self.is_place = is_place

    def __call__(self, doc: Doc) -> Doc:
        spans = [
            part
            for span in doc.ents
            for cut in self.parts(span)
            for joined in self.coordinated(cut)
            for part in team_and_league(joined)
        ]
        doc.ents = filter_spans([s for s in map(self.edged, spans) if s is not None])
        return doc

    def coordinated(self, span: Span) -> list[Span]:
        """Two people or two places the model tagged as one ("Chihuahua and Sonora"): one
        each. Not a place's own name ("Trinidad and Tobago", known to GeoNames), nor a
        shared head ("Central and South America": one word, then more); an organization's
        name ("Food and Drug Administration") only where both sides are places GeoNames
        knows ("Florence and Milan")."""
        if span.label_ not in COORDINATED:
            return [span]
        joins = ("and",) if span.label_ == "ORG" else ("and", "&")  # "Barnes & Noble"
        ands = [t.i for t in span[1:-1] if t.lower_ in joins]
        if len(ands) != 1:
            return [span]
        first, second = span.doc[span.start : ands[0]], span.doc[ands[0] + 1 : span.end]
        if not (first[0].is_title and second[0].is_title) or (len(first) == 1 < len(second)):
            return [span]
        if span.label_ != "PERSON" and self.is_place(place_key(span.text)):
            return [span]
        if span.label_ == "ORG":  # "Food and Drug Administration" is one; "Florence and Milan" two places
            if not all(self.is_place(place_key(part.text)) for part in (first, second)):
                return [span]
            return [Span(span.doc, part.start, part.end, label="GPE") for part in (first, second)]
        return [Span(span.doc, part.start, part.end, label=span.label_) for part in (first, second)]

    @staticmethod
    def parts(span: Span) -> list[Span]:
        """A name cut at its brackets, and a place's at its commas ("Arlington, Virginia":
        a town and its state), the cuts left out."""
        marks = BRACKETS | {","} if span.label_ in PLACES else BRACKETS
        cuts = [t.i for t in span if t.text in marks] if span.label_ in NAME_LABELS else []
        if not cuts:
            return [span]
        bounds = [span.start - 1, *cuts, span.end]
        return [
            Span(span.doc, a + 1, b, label=span.label_) for a, b in itertools.pairwise(bounds) if b > a + 1
        ]

    def edged(self, span: Span) -> Span | None:
        if span.label_ not in NAME_LABELS:
            return span  # dates and numbers keep their words ("last week", "March 2005")
        doc = span.doc
        start, end = self.name_start(span), span.end
        while end > start and self.trailing_noise(doc, end - 1):
            end -= 1
        if start >= end:
            return None
        if end < len(doc) and fold(doc[end - 1].text) in self.numbered and DESIGNATOR.match(doc[end].text):
            end += 1  # "Oregon Route" + "99"
        edged = span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label_)
        return None if _caseless(edged) else edged

    def name_start(self, span: Span) -> int:
        """Where the name starts: past the noise before it, and past an article before
        noise; an article before the name itself stays (the gazetteer reads it: "the
        National" is an outlet, "the National Guard" no)."""
        article = span.start if span[0].lower_ in ARTICLES else None
        start = span.start + (article is not None)
        while start < span.end and self.leading_noise(span.doc[start]):
            start += 1
        return article if article is not None and start == article + 1 else start

    def leading_noise(self, token: Token) -> bool:
        if DECADE.match(token.text):
            return True
        if token.is_alpha:
            return token.is_lower and token.lower_ not in self.particles
        return token.is_punct

    def trailing_noise(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        if token.is_alpha:
            return token.is_lower and token.is_stop
        if YEAR.match(token.text):
            return i > 0 and fold(doc[i - 1].text) not in self.numbered
        return token.is_punct and token.text not in (".", "'", "’")


def team_and_league(span: Span) -> list[Span]:
    """A team and its league the model tagged as one ("the Halifax Comets of the Eastern
    Hockey League"): two organizations. The team's name ends on a plural, the league's
    on a word for one."""
    doc = span.doc
    cut = next((t.i for t in span[2:-2] if t.lower_ == "of" and doc[t.i + 1].lower_ == "the"), None)
    if span.label_ != "ORG" or cut is None:
        return [span]
    team, league = doc[span.start : cut], doc[cut + 1 : span.end]  # "the" stays with the league
    plural = team[-1].is_title and team[-1].lower_.endswith("s") and not team[-1].lower_.endswith("ss")
    if len(team) < 2 or not plural or not (league[-1].lower_ in LEAGUES or league[-1].is_upper):
        return [span]
    return [Span(doc, team.start, team.end, label="ORG"), Span(doc, league.start, league.end, label="ORG")]


@Language.factory("threadline_name_edges")
def make_name_edges(nlp: Language, name: str) -> NameEdges:
    cues = of_pipeline(nlp).entity_cues
    # a name may open with a particle or a connector ("de Gaulle", "van Gogh"), not an article
    particles = {*(cues.get("name_particles") or ()), *(cues.get("name_connectors") or ())} - ARTICLES
    return NameEdges(particles, cues.get("numbered_names") or (), place_names().__contains__)
