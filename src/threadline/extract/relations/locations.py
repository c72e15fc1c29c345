"""Where things are: located_in.

in        "Ain Al Asad in western Iraq", "Harir airport in the northern city of Erbil"
possessive "Baghdad's Green Zone"
comma     "Beirut, Lebanon" (not a list: "Iraq, Syria and Jordan")
nation    "the Syrian city of Deir ez-Zor"
copula    "The X group is an Iraqi militia" (only when the country is named in the story)
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import is_possessor, refers_to
from threadline.extract.relations.candidate import COMMA, LOC, Candidate, matches, names_in_story
from threadline.extract.vocabulary import load_roles

PLACE_NOUNS = [
    "airport",
    "base",
    "airbase",
    "district",
    "neighborhood",
    "neighbourhood",
    "town",
    "city",
    "province",
    "governorate",
    "region",
    "camp",
    "area",
    "village",
    "capital",
    "suburb",
    "port",
]
PLACE = {"LOWER": {"IN": PLACE_NOUNS}}
PATTERNS = {
    "location.in": [
        [
            LOC,
            {**PLACE, "OP": "?"},
            {"LOWER": "in"},
            {"POS": "DET", "OP": "?"},
            {"POS": "ADJ", "OP": "{0,2}"},
            LOC,
        ],
        [
            LOC,
            {**PLACE, "OP": "?"},
            {"LOWER": "in"},
            {"POS": "DET", "OP": "?"},
            {"POS": "ADJ", "OP": "{0,2}"},
            PLACE,
            {"LOWER": "of"},
            LOC,
        ],
    ],
    "location.possessive": [[LOC, {"LOWER": {"IN": ["'s", "’s"]}}, {"POS": "ADJ", "OP": "{0,2}"}, LOC]],
    "location.comma": [[LOC, COMMA, LOC]],
    "location.nation": [[{"ENT_TYPE": "NORP"}, PLACE, {"LOWER": "of"}, LOC]],
}


def _in_list(ps: ParsedStory, first: Token, last: Token) -> bool:
    """Whether "A, B" is part of a list of places rather than "city, country"."""
    doc = ps.doc
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if before is not None and (before.text == "," or before.pos_ == "CCONJ"):
        return True
    return after is not None and (after.pos_ == "CCONJ" or (after.text == "," and _next_is_place(ps, after)))


def _next_is_place(ps: ParsedStory, comma: Token) -> bool:
    doc = ps.doc
    return comma.i + 1 < len(doc) and ps.type_of(doc[comma.i + 1]) == "location"


def _candidate(ps: ParsedStory, start: int, end: int, name: str) -> list[Candidate]:
    doc = ps.doc
    if name == "location.nation":
        nation = load_roles().nationalities.get(doc[start].lower_)
        country = names_in_story(ps, nation, doc[start]) if nation else None
        return [Candidate(doc[end - 1], "located_in", country, doc[end - 1], name)] if country else []
    first, last = doc[start], doc[end - 1]
    if name == "location.possessive":
        return [Candidate(last, "located_in", first, last, name)]
    if name == "location.comma" and _in_list(ps, first, last):
        return []
    if is_possessor(last):
        return [] if name == "location.comma" else [Candidate(first, "located_in", last, first, name)]
    return [Candidate(first, "located_in", last, first, name)]


def _copulas(ps: ParsedStory) -> list[Candidate]:
    """ "X is an Iraqi militia": X located_in Iraq, when Iraq is named in the story."""
    roles = load_roles()
    found = []
    for be in ps.doc:
        if be.lemma_ != "be":
            continue
        subjects = [c for c in be.children if c.dep_ == "nsubj"]
        attrs = [c for c in be.children if c.dep_ == "attr" and c.lower_ in roles.group_nouns]
        if not subjects or not attrs:
            continue
        group = refers_to(ps, subjects[0], ("organization",))
        nations = [roles.nationalities.get(c.lower_) for c in attrs[0].children if c.dep_ == "amod"]
        countries = [names_in_story(ps, n, be) for n in nations if n]
        found += [Candidate(group, "located_in", c, be, "location.copula") for c in countries if c and group]
    return found


def find(ps: ParsedStory) -> list[Candidate]:
    """Every located_in candidate the story states."""
    found: list[Candidate] = []
    for name, start, end in matches(ps, "locations", lambda: PATTERNS):
        found += _candidate(ps, start, end, name)
    return found + _copulas(ps)
