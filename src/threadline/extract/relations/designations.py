"""Terrorist designations and sanctions: X designated_by Y.

  passive   "X is categorized by the U.S. government as a Specially Designated Global
            Terrorist", "X was sanctioned by the Treasury"
  active    "the European Union added X to its list of terrorist organisations",
            "X, whom the United States has named as a Specially Designated Global Terrorist"
  noun      "the EU imposed sanctions on X", "Washington's sanctions against X", "US
            sanctions on X and Y", "Washington's designation of X"
Every party of a list is listed: "sanctioned A, B and the company C".
Verbs that only sometimes designate (name, list, add, classify ...) count only in a
sentence that speaks of terrorism, sanctions or a blacklist. The listed party must be
named (or a pronoun / "the group" that refers back to a name): "two Hezbollah
officials were sanctioned" designates the officials, not Hezbollah.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import DEFINITE, antecedent, pronoun_types
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import RELATIVE, clause_subject, refers_to
from threadline.extract.relations.candidate import Candidate

STRONG = frozenset({"designate", "blacklist", "sanction", "proscribe", "outlaw"})
WEAK = frozenset({"list", "categorize", "categorise", "classify", "label", "name", "add", "ban", "brand"})
CONTEXT = frozenset(
    {
        "terrorist",
        "terrorists",
        "terrorism",
        "terror",
        "designated",
        "sanctions",
        "blacklist",
        "sanctions list",
    }
)
TARGETS = ("person", "organization")
DESIGNATORS = ("organization", "location")
SANCTION_NOUNS = frozenset(
    {"sanction", "sanctions", "designation", "designations", "asset freeze", "proscription", "blacklisting"}
)
SANCTION_PREPS = frozenset({"on", "against", "targeting", "over"})
LISTING_NOUNS = frozenset({"designation", "designations", "proscription", "blacklisting"})  # "... of X"


def _listed(ps: ParsedStory, token: Token) -> Token | None:
    """The designated party, only when named or referred back to unambiguously: a name,
    "the company X", a pronoun, "the group"."""
    if ps.type_of(token) in TARGETS:
        return token
    named = [c for c in token.children if c.dep_ in ("appos", "compound") and ps.type_of(c) in TARGETS]
    if named and token.tag_ == "NN":  # "the company X"; not "two X officials"
        return named[0]
    if token.lower_ in RELATIVE or pronoun_types(token):
        return refers_to(ps, token, TARGETS)
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
    if definite and token.lower_ in ps.vocabulary.roles.group_nouns and token.tag_ == "NN":
        return antecedent(ps, token, ("organization",))
    return None


def _speaks_of_terrorism(verb: Token) -> bool:
    return any(t.lower_ in CONTEXT for t in verb.sent)


def _arguments(verb: Token) -> tuple[Token | None, Token | None]:
    """(designator, listed) from a passive "by" phrase, a participle's (the noun it
    describes: "X, designated a terrorist group by Canada"), or an active subject and object."""
    children = list(verb.children)
    agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not agents:  # "designated a terrorist group by Y": the parser may hang "by Y" on the noun
        agents = [
            g
            for c in children
            if c.dep_ in ("dobj", "oprd", "attr") and c.pos_ == "NOUN"
            for p in c.children
            if p.dep_ == "prep" and p.lower_ == "by"
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if agents and not any(c.dep_ == "nsubjpass" for c in children):
            subject = next((c for c in children if c.dep_ == "nsubj"), None)
            return agents[0], subject
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive:
        return (agents[0] if agents else None), passive[0]
    if agents and verb.dep_ == "acl" and verb.tag_ == "VBN":
        return agents[0], verb.head
    subjects = [c for c in children if c.dep_ == "nsubj"]
    objects = [c for c in children if c.dep_ == "dobj"]
    return (subjects[0] if subjects else None), (objects[0] if objects else None)


def _each_listed(ps: ParsedStory, first: Token | None) -> list[Token]:
    """The designated parties of a list: "A, B and the company C"."""
    if first is None:
        return []
    found = [_listed(ps, t) for t in (first, *first.conjuncts)]
    return [t for t in found if t is not None]


def _verbs(ps: ParsedStory) -> list[Candidate]:
    found = []
    for verb in ps.doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in STRONG | WEAK:
            continue
        if lemma in WEAK and not _speaks_of_terrorism(verb):
            continue
        by, listed = _arguments(verb)
        designator = refers_to(ps, by, DESIGNATORS) if by is not None else None
        if designator is not None:
            found += [
                Candidate(t, "designated_by", designator, verb, f"designation.{lemma}")
                for t in _each_listed(ps, listed)
            ]
    return found


def _imposer(ps: ParsedStory, noun: Token) -> Token | None:
    """Who imposes the sanctions: "Washington's sanctions", "EU sanctions", or the
    subject of the verb they are the object of ("the EU imposed sanctions")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod") and ps.type_of(child) in DESIGNATORS:
            return child
    verb = noun.head if noun.dep_ == "dobj" else None
    subject = clause_subject(verb) if verb is not None and verb.pos_ == "VERB" else None
    return refers_to(ps, subject, DESIGNATORS) if subject is not None else None


def _lifted(ps: ParsedStory, noun: Token) -> bool:
    """ "the EU lifted its sanctions on X", "sanctions on X were eased": taken away."""
    lifting = ps.vocabulary.relation_cues.lifting_verbs
    return noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in lifting


def _nouns(ps: ParsedStory) -> list[Candidate]:
    """ "imposed sanctions on X", "US sanctions against X and Y"; not sanctions lifted."""
    found = []
    for noun in ps.doc:
        if noun.pos_ != "NOUN" or noun.lower_ not in SANCTION_NOUNS or _lifted(ps, noun):
            continue
        designator = _imposer(ps, noun)
        if designator is None:
            continue
        preps = SANCTION_PREPS | {"of"} if noun.lower_ in LISTING_NOUNS else SANCTION_PREPS
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in preps):
            listed = next((c for c in prep.children if c.dep_ == "pobj"), None)
            found += [
                Candidate(t, "designated_by", designator, noun, "designation.sanctions_on")
                for t in _each_listed(ps, listed)
            ]
    return found


def find(ps: ParsedStory) -> list[Candidate]:
    """Every designated_by candidate in the story."""
    return _verbs(ps) + _nouns(ps)
