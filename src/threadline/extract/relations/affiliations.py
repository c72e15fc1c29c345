"""Membership and structure stated by verbs and descriptions, read off the dependency parse.

  join      "X joined Y", "X joined the faculty of Y", "after joining Y, X ..." (member_of)
  serve     "X played for Y", "X signed with Y", "X worked at Y", "X fought for Y"
  ally      "X fights alongside Y units" (allied_with, between organizations)
  party     "X (Progress Party)": a person, then a party in brackets
  unit      "X, a subsidiary of Y", "X is the business school of Y", "X, a division of Y"
            (part_of), and "X, the parent company of Y" (Y part_of X)
  include   "Y includes A and B", "an umbrella that groups A and B" (each part_of Y)
  acquire   "X acquired Y", "Y was acquired by X" (Y part_of X; both named: "X acquired
            Y's business" and "it was acquired by X" state no such thing)
The member is a person named or referred to unambiguously; the group an organization
(a person "joined Iraq" or "worked in Iraq" states no membership).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import clause_subject, is_modifier, is_possessor, refers_to
from threadline.extract.relations.candidate import Candidate
from threadline.extract.relations.containment import descriptions

PERSON = ("person",)
GROUP = ("organization",)
OTHERS = ("organization", "location")
JOINERS = ("person", "organization")  # a state "joining" a bloc or the talks is left to other patterns
PARTY_WORDS = frozenset({"party", "league", "alliance", "front", "movement", "congress"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _group(ps: ParsedStory, token: Token | None) -> Token | None:
    """The organization a phrase names: "Y", "the faculty of Y", "the Y movement", "Y's committee"."""
    if token is None:
        return None
    if ps.type_of(token) is not None:
        named = ps.type_of(token) == "organization" and not is_modifier(token) and not is_possessor(token)
        return token if named else None
    roles = ps.vocabulary.roles
    unit = token.lemma_.lower() in roles.unit_nouns | roles.group_nouns
    for child in token.children:
        if child.dep_ == "compound" and ps.type_of(child) == "organization":
            return child
        if unit and child.dep_ == "poss" and ps.type_of(child) == "organization":
            return child  # "the Y's finance committee"
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and ps.type_of(obj) == "organization":
                return obj
    return None


def _member(ps: ParsedStory, verb: Token) -> Token | None:
    subject = clause_subject(verb)
    return refers_to(ps, subject, PERSON) if subject is not None else None


def _joined(ps: ParsedStory, verb: Token) -> Iterator[Candidate]:
    """ "X joined Y": a person is a member of Y, a group part of it (`normalised`)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    group = _group(ps, objects[0]) if objects else None
    subject = clause_subject(verb) if group is not None else None
    member = refers_to(ps, subject, JOINERS) if subject is not None else None
    if member is not None and group is not None and member.i != group.i:
        yield Candidate(member, "member_of", group, verb, "affiliation.join")


def _served(ps: ParsedStory, verb: Token, preps: frozenset[str]) -> Iterator[Candidate]:
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        group = _group(ps, next((c for c in prep.children if c.dep_ == "pobj"), None))
        person = _member(ps, verb) if group is not None else None
        if person is not None and group is not None:
            yield Candidate(person, "member_of", group, verb, f"affiliation.{_lemma(verb)}_{prep.lower_}")


def _allied(ps: ParsedStory, verb: Token, preps: frozenset[str]) -> Iterator[Candidate]:
    subject = clause_subject(verb)
    group = refers_to(ps, subject, GROUP) if subject is not None else None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in preps):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        ally = refers_to(ps, obj, GROUP) if obj is not None else None
        if group is not None and ally is not None:
            yield Candidate(group, "allied_with", ally, verb, f"affiliation.{_lemma(verb)}_{prep.lower_}")


def _verbs(ps: ParsedStory) -> list[Candidate]:
    cues = ps.vocabulary.relation_cues
    found: list[Candidate] = []
    for verb in ps.doc:
        if verb.pos_ != "VERB":
            continue
        if _lemma(verb) in cues.joining_verbs:
            found += _joined(ps, verb)
        if _lemma(verb) in cues.serving_verbs:
            found += _served(ps, verb, cues.serving_verbs[_lemma(verb)])
        if _lemma(verb) in cues.allying_verbs:
            found += _allied(ps, verb, cues.allying_verbs[_lemma(verb)])
    return found


def _parties(ps: ParsedStory) -> list[Candidate]:
    """ "Janne Johnsen (Conservative Party)": a party in brackets right after a person."""
    doc = ps.doc
    found = []
    for i, mention in ps.mention_at.items():
        if mention.type != "person" or i + 3 >= len(doc) or doc[i + 1].text != "(" or doc[i + 3].text != ")":
            continue
        party = doc[i + 2]
        if ps.type_of(party) == "organization" and party.text.split()[-1].lower() in PARTY_WORDS:
            found.append(Candidate(doc[i], "member_of", party, party, "affiliation.party"))
    return found


def _other_group(ps: ParsedStory, noun: Token) -> Token | None:
    """The organization or state a description relates its name to: "a faction of Y",
    "Y's wing", "its ally" (Y named before), "a Y affiliate"."""
    of = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"]
    obj = next((c for p in of for c in p.children if c.dep_ == "pobj"), None)
    if obj is not None and ps.type_of(obj) == "location" and not is_modifier(obj):
        return obj  # "a proxy of Rwanda"
    if obj is not None:
        return _group(ps, obj)
    owner = next((c for c in noun.children if c.dep_ in ("poss", "compound") and c.i in ps.mention_at), None)
    if owner is None:  # "its ally": the name it stands for
        possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
        owner = refers_to(ps, possessor, OTHERS) if possessor is not None else None
    return owner if owner is not None and ps.type_of(owner) in OTHERS else None


def _partner(ps: ParsedStory, token: Token, noun: Token) -> Token | None:
    """ "X and Y, longtime allies": a plural relational noun said of two coordinated names
    relates them to each other."""
    if noun.tag_ != "NNS":
        return None
    if token.dep_ == "conj" and ps.type_of(token.head) == "organization":
        return token.head
    return next((c for c in token.children if c.dep_ == "conj" and ps.type_of(c) == "organization"), None)


def _kinds(noun: Token) -> list[str]:
    """The noun's word, and the words compounded before it ("member" of "a member group")."""
    return [_lemma(noun), *(_lemma(c) for c in noun.children if c.dep_ == "compound")]


def _described_as(ps: ParsedStory, token: Token, noun: Token, other: Token) -> Candidate | None:
    """The fact a relational noun states: "X, a subsidiary of Y" (X part_of Y), "X, an
    ally of Y", "X, a member group of Y", "X, the parent company of Y" (Y part_of X), "X,
    the backer of Y"."""
    cues = ps.vocabulary.relation_cues
    former = any(c.lower_ in ps.vocabulary.roles.past_qualifiers for c in noun.children)
    for word in _kinds(noun):
        if (
            ps.type_of(other) != "organization"
            and word not in cues.relation_nouns.keys() | cues.patron_nouns.keys()
        ):
            continue  # "X, a branch of Y" and "the parent of Y" relate groups, not places
        if word in cues.unit_nouns:
            return Candidate(token, "part_of", other, noun, "unit.described", former=former)
        if word in cues.relation_nouns:
            return Candidate(token, cues.relation_nouns[word], other, noun, f"noun.{word}", former=former)
        if word in cues.patron_nouns:
            return Candidate(other, cues.patron_nouns[word], token, noun, f"noun.{word}", former=former)
    if {_lemma(t) for t in (noun, *noun.children)} & cues.parent_nouns:  # "the parent company of Y"
        return Candidate(other, "part_of", token, noun, "unit.parent", former=former)
    return None


def _units(ps: ParsedStory) -> list[Candidate]:
    """Relations an organization's description states with another's name: "X, a
    subsidiary of Y", "Y's armed wing, X", "X, an ally of Y" (see _described_as)."""
    found = []
    for token in ps.doc:
        if ps.type_of(token) != "organization" or is_modifier(token) or is_possessor(token):
            continue
        for noun in descriptions(ps, token):
            other = _other_group(ps, noun) or _partner(ps, token, noun)
            if other is None or other.i == token.i:
                continue
            candidate = _described_as(ps, token, noun, other)
            if candidate is not None:
                found.append(candidate)
    return found


def _deal(verb: Token) -> tuple[Token | None, Token | None]:
    """(buyer, bought) of "X acquired Y" or "Y was acquired by X"."""
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is None:
        return clause_subject(verb), next((c for c in verb.children if c.dep_ == "dobj"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    buyer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    return buyer, passive


def _acquisitions(ps: ParsedStory) -> list[Candidate]:
    cues = ps.vocabulary.relation_cues
    found = []
    for verb in ps.doc:
        if verb.pos_ != "VERB" or _lemma(verb) not in cues.acquiring_verbs:
            continue
        buyer, bought = _deal(verb)
        owner, unit = _group(ps, buyer), _group(ps, bought)
        if owner is not None and unit is not None and ps.type_of(bought) is not None:
            found.append(Candidate(unit, "part_of", owner, verb, "unit.acquired"))
    return found


def _included(ps: ParsedStory, verb: Token) -> Iterator[Candidate]:
    """ "Y includes A and B": each named group is part of Y."""
    subject = clause_subject(verb)
    whole = refers_to(ps, subject, GROUP) if subject is not None else None
    if whole is None:
        return
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
    for part in (_group(ps, o) for o in objects):
        if part is not None and part.i != whole.i:
            yield Candidate(part, "part_of", whole, verb, f"unit.{_lemma(verb)}")


def _includes(ps: ParsedStory) -> list[Candidate]:
    """ "Y includes A and B", "an umbrella that groups A and B": each is part of Y."""
    including = ps.vocabulary.relation_cues.including_verbs
    return [
        c for verb in ps.doc if verb.pos_ == "VERB" and _lemma(verb) in including for c in _included(ps, verb)
    ]


def find(ps: ParsedStory) -> list[Candidate]:
    """Every member_of / part_of candidate a verb, a bracketed party or a unit noun states."""
    return _verbs(ps) + _parties(ps) + _units(ps) + _acquisitions(ps) + _includes(ps)
