"""Where things are, from possessives and nationality adjectives: located_in.

possessive   "Baghdad's Green Zone"
nationality  "The X group is an Iraqi militia", "X, a Syrian town" (only when the
             country is named in the story)
Prepositions, chains and locating verbs ("X, a town in Y, Z") are in `containment`.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import refers_to
from threadline.extract.relations.candidate import LOC, Candidate, matches, names_in_story
from threadline.extract.relations.containment import descriptions
from threadline.extract.relations.places import is_country

HOLDERS = ("organization", "location")
PATTERNS: dict[str, list[list[dict]]] = {
    "location.possessive": [[LOC, {"LOWER": {"IN": ["'s", "’s"]}}, {"POS": "ADJ", "OP": "{0,2}"}, LOC]],
}


def _kinds(ps: ParsedStory, subject: Token) -> frozenset[str]:
    """Nouns whose nationality adjective says where the thing is: a kind of place for a
    place, a kind of armed or political group for an organization. An outlet's or an
    institute's says whom it serves or where it comes from ("the Saudi daily Asharq
    al-Awsat" is published in London), so those take a preposition or a verb."""
    if ps.type_of(subject) == "location":
        return ps.vocabulary.relation_cues.place_nouns
    roles = ps.vocabulary.roles
    return roles.group_nouns - roles.media_nouns


def _countries_of(ps: ParsedStory, noun: Token) -> list[Token]:
    """The countries named in the story that the noun's nationality adjectives stand for."""
    roles = ps.vocabulary.roles
    nations = [roles.nationalities.get(c.lower_) for c in noun.children if c.dep_ in ("amod", "compound")]
    found = [names_in_story(ps, n, noun) for n in nations if n]
    return [c for c in found if c is not None]


def _subjects(ps: ParsedStory) -> list[tuple[Token, Token]]:
    """(name, noun said of it): "X is an Iraqi militia", "X, a Canadian radio station"."""
    pairs = []
    for token in ps.doc:
        if ps.type_of(token) in HOLDERS:
            pairs += [(token, n) for n in descriptions(ps, token)]
        elif token.lemma_ == "be":  # "The X group is ...": the subject is a noun naming X
            subjects = [c for c in token.children if c.dep_ == "nsubj" and c.i not in ps.mention_at]
            group = refers_to(ps, subjects[0], ("organization",)) if subjects else None
            attrs = [c for c in token.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            pairs += [(group, n) for n in attrs if group is not None]
    return pairs


def _nationalities(ps: ParsedStory) -> list[Candidate]:
    found = []
    for subject, noun in _subjects(ps):
        if noun.lemma_.lower() not in _kinds(ps, subject) or is_country(subject):
            continue
        found += [
            Candidate(subject, "located_in", c, noun, "location.nationality") for c in _countries_of(ps, noun)
        ]
    return found


def find(ps: ParsedStory) -> list[Candidate]:
    """Every located_in candidate a possessive or a nationality adjective states."""
    found: list[Candidate] = []
    for name, start, end in matches(ps, "locations", lambda _: PATTERNS):
        doc = ps.doc
        found.append(Candidate(doc[end - 1], "located_in", doc[start], doc[end - 1], name))
    return found + _nationalities(ps)
