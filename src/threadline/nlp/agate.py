"""Agate lines: the results and standings tables of wire copy.

Wire services send sports results as bare lines of names and numbers ("Bayern Munich 2
Hamburg 1", "Werder Bremen 3 2 1 0 7 3 7", "Ilse Marten (Germany) beat Paola Ruiz
(Spain) 6-3 6-4"). Nothing in such a line is a sentence, and the model, trained on
sentences, tags little of it or tags it at random. Two constructions settle it:

- a line that is only a name and its score against a name and its score, or a name and
  a row of numbers: each name is a team, an organization, or a place where a knowledge
  file knows the whole name as one (national teams: "Germany 2 Italy 1");
- in a short line with two figures or more, a name followed by a country in brackets
  ("Paola Ruiz (Spain)") is an athlete: a person.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

_NAME = r"[A-Z][\w.'&-]*(?: (?:[A-Z][\w.'&-]*|de|la|del|di|of|and))*"
_SCORE = r"\d{1,3}"
RESULT = re.compile(rf"^\s*({_NAME}) {_SCORE},? ({_NAME}) {_SCORE}\s*\.?\s*$")
STANDING = re.compile(rf"^\s*(?:\d{{1,2}}[.)]?\s+)?({_NAME})(?: -?\d{{1,3}}){{3,}}\s*$")
AGATE_WORDS = 30
ATHLETE = re.compile(rf"(?<![\w-])({_NAME}) ?\( ?({_NAME}) ?\)")


def team_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the team names of text's agate lines."""
    found, offset = [], 0
    for line in text.split("\n"):
        match = RESULT.match(line) or STANDING.match(line)
        if match:
            found += [
                (offset + match.start(g), offset + match.end(g)) for g in range(1, (match.lastindex or 0) + 1)
            ]
        offset += len(line) + 1
    return found


def _agate_like(line: str) -> bool:
    """A short line holding two figures or more: a line of results, not a sentence."""
    return len(line.split()) <= AGATE_WORDS and len(re.findall(r"\d+", line)) >= 2


def athlete_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(name start, name end, country start, country end) of "Name (Country)" in lines with figures."""
    found, offset = [], 0
    for line in text.split("\n"):
        if _agate_like(line):
            found += [
                (offset + m.start(1), offset + m.end(1), offset + m.start(2), offset + m.end(2))
                for m in ATHLETE.finditer(line)
            ]
        offset += len(line) + 1
    return found


class AgateLines:
    """Tag the teams and athletes of agate lines; see the module docstring."""

    def __call__(self, doc: Doc) -> Doc:
        teams = [self.team(doc, start, end) for start, end in team_spans(doc.text)]
        found = [t for t in teams if t is not None] + self.athletes(doc)
        if found:
            others = [e for e in doc.ents if not any(e.start < t.end and t.start < e.end for t in found)]
            doc.ents = filter_spans([*found, *others])
        return doc

    @staticmethod
    def athletes(doc: Doc) -> list[Span]:
        """The names before a bracketed country a knowledge file knows."""
        countries = {(e.start_char, e.end_char) for e in doc.ents if e.ent_id_ and e.label_ == "GPE"}
        found = []
        for start, end, country_start, country_end in athlete_spans(doc.text):
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and (country_start, country_end) in countries:
                found.append(Span(doc, span.start, span.end, label="PERSON"))
        return found

    @staticmethod
    def team(doc: Doc, start: int, end: int) -> Span | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        known = [e for e in doc.ents if (e.start, e.end) == (span.start, span.end) and e.ent_id_]
        if known and known[0].label_ == "GPE":
            return known[0]
        return Span(doc, span.start, span.end, label="ORG")


@Language.factory("threadline_agate_lines")
def make_agate_lines(nlp: Language, name: str) -> AgateLines:
    return AgateLines()
