"""Terrorist designations and sanctions: X designated_by Y.

  passive   "X is categorized by the U.S. government as a Specially Designated Global
            Terrorist", "X was sanctioned by the Treasury"
  active    "the European Union added X to its list of terrorist organisations",
            "X, whom the United States has named as a Specially Designated Global Terrorist"
Verbs that only sometimes designate (name, list, add, classify ...) count only in a
sentence that speaks of terrorism, sanctions or a blacklist. The listed party must be
named (or a pronoun / "the group" that refers back to a name): "two Hezbollah
officials were sanctioned" designates the officials, not Hezbollah.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import DEFINITE, antecedent, pronoun_types
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import RELATIVE, refers_to
from threadline.extract.relations.candidate import Candidate
from threadline.extract.vocabulary import load_roles

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


def _listed(ps: ParsedStory, token: Token) -> Token | None:
    """The designated party, only when named or referred back to unambiguously."""
    if ps.type_of(token) in TARGETS:
        return token
    if token.lower_ in RELATIVE or pronoun_types(token):
        return refers_to(ps, token, TARGETS)
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)
    if definite and token.lower_ in load_roles().group_nouns and token.tag_ == "NN":
        return antecedent(ps, token, ("organization",))
    return None


def _speaks_of_terrorism(verb: Token) -> bool:
    return any(t.lower_ in CONTEXT for t in verb.sent)


def _arguments(verb: Token) -> tuple[Token | None, Token | None]:
    """(designator, listed) from a passive "by" phrase or an active subject and object."""
    children = list(verb.children)
    passive = [c for c in children if c.dep_ == "nsubjpass"]
    if passive:
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return (agents[0] if agents else None), passive[0]
    subjects = [c for c in children if c.dep_ == "nsubj"]
    objects = [c for c in children if c.dep_ == "dobj"]
    return (subjects[0] if subjects else None), (objects[0] if objects else None)


def find(ps: ParsedStory) -> list[Candidate]:
    """Every designated_by candidate in the story."""
    found = []
    for verb in ps.doc:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in STRONG | WEAK:
            continue
        if lemma in WEAK and not _speaks_of_terrorism(verb):
            continue
        by, listed = _arguments(verb)
        designator = refers_to(ps, by, DESIGNATORS) if by is not None else None
        target = _listed(ps, listed) if listed is not None else None
        if designator is not None and target is not None:
            found.append(Candidate(target, "designated_by", designator, verb, f"designation.{lemma}"))
    return found
