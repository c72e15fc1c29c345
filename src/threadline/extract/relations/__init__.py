"""Relation extraction: pattern families propose, the ontology's type constraints dispose.

Each family proposes candidates over the merged parse: token patterns (roles,
modifiers, lists, designations, locations) and dependency patterns (offices: the
clause around a title; affiliations: joining, serving, units and other relational
nouns; backing: active verbs of support and pacts; containment: where places and
organizations are). A candidate becomes an Assertion when its argument
types fit the predicate, its two arguments name different things (two places may
share a name: "Mexico City" in "Mexico"), and no earlier family already stated the
same triple in the story. Every Assertion carries the pattern name, the
extractor version, its sentence as evidence, its modality and its attribution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from threadline.extract.anaphora import same_name
from threadline.extract.attribution import attribution_of
from threadline.extract.modality import modality_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.relations import (
    affiliations,
    backing,
    containment,
    designations,
    learned,
    lists,
    locations,
    modifiers,
    offices,
    roles,
)
from threadline.extract.relations.candidate import Candidate
from threadline.records import NOT_A_FACT, Assertion, Modality
from threadline.registry import Registered, Registry
from threadline.vocabulary import of_doc

VERSION = "0.2.0"
PREDICATES = frozenset({"attr", "oprd", "acomp", "xcomp"})  # "X is a member of Y": the clause states it
FindCandidates = Callable[[ParsedStory], list[Candidate]]
Family = Registered[FindCandidates]
# Relation families by name; a package adds one through the entry-point group below.
FAMILIES: Registry[FindCandidates] = Registry("threadline.relation_families")
for _module in (
    roles,
    offices,
    modifiers,
    lists,
    affiliations,
    backing,
    designations,
    locations,
    containment,
    learned,
):
    FAMILIES.add(_module.__name__.rsplit(".", 1)[-1], VERSION, _module.find)
# The order settles which family states a fact first; the learned one speaks last.
DEFAULT_FAMILIES = FAMILIES.names()


def default_families() -> tuple[Family, ...]:
    return FAMILIES.assemble(DEFAULT_FAMILIES)


def candidates(ps: ParsedStory, families: Sequence[Family]) -> list[tuple[Candidate, str]]:
    """Each family's candidates, in the families' order, with the family's version."""
    return [(c, family.version) for family in families for c in family.run(ps)]


def _place_and_area(predicate: str, subject: str, obj: str, admin_nouns: frozenset[str]) -> bool:
    """ "Mexico City" in "Mexico", "Kirkuk" in "Kirkuk Governorate": two places that share
    a name, one of them with a place noun added."""
    if predicate != "located_in":
        return False
    short, long = sorted((subject.lower().split(), obj.lower().split()), key=len)
    extra = long[len(short) :] if long[: len(short)] == short else []
    return len(extra) == 1 and extra[0] in admin_nouns


def normalised(ps: ParsedStory, candidate: Candidate) -> Candidate:
    """A group "member" of a group is part of it ("A and B, both members of the council")."""
    if candidate.predicate == "member_of" and ps.type_of(candidate.subject) == "organization":
        return replace(candidate, predicate="part_of")
    return candidate


def admissible(ps: ParsedStory, candidate: Candidate) -> bool:
    """Argument types fit the predicate, and subject and object name different things."""
    subject, obj = ps.mention(candidate.subject), ps.mention(candidate.object)
    if subject is None or obj is None or subject.id == obj.id:
        return False
    admin_nouns = ps.vocabulary.relation_cues.admin_nouns
    if same_name(subject.text, obj.text) and not _place_and_area(
        candidate.predicate, subject.text, obj.text, admin_nouns
    ):
        return False
    return ps.vocabulary.ontology.allows(candidate.predicate, subject.type, obj.type)


def _asks(token: Token) -> bool:
    """Whether the sentence holding token is a question ("Is X funded by Y?")."""
    sent = token.sent
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in ('"', "”", "’", "'")), None)
    return last is not None and last.text == "?"


def in_noun_phrase(candidate: Candidate) -> bool:
    """Whether one noun phrase states the fact: the anchor is a noun that is no predicate
    and holds both names ("Y's chief, X", "the Y commander X", "X, Y's ally"). The clause
    around the phrase says nothing of it: "Y's chief, X, has not been seen" does not deny
    that X leads Y, "X, who represents Y, rejected the plan" does not deny that he does."""
    anchor = candidate.anchor
    if anchor.pos_ not in ("NOUN", "PROPN") or anchor.dep_ in PREDICATES:
        return False
    inside = range(anchor.left_edge.i, anchor.right_edge.i + 1)
    return candidate.subject.i in inside and candidate.object.i in inside


def _modality(candidate: Candidate) -> Modality:
    """How firmly the sentence states it: a question only asks; a role held once and no
    longer is past; a fact one noun phrase states is read on its noun alone."""
    modality = modality_of(candidate.anchor, climb=not in_noun_phrase(candidate))
    if modality in NOT_A_FACT:
        return modality
    if _asks(candidate.anchor):
        return "possible"
    return "former" if candidate.former or _removed(candidate) else modality


def _removed(candidate: Candidate) -> bool:
    """ "The Front ousted its commander, X", "X was sacked as head of Y": a role the
    sentence takes away (relation_cues.yaml `removing_verbs`) is held no longer."""
    role = candidate.anchor
    if candidate.predicate not in ("leader_of", "member_of"):
        return False
    if role.dep_ == "appos":
        role = role.head
    removing = of_doc(role.doc).relation_cues.removing_verbs
    if role.dep_ == "pobj" and role.head.lower_ == "as":  # "X was sacked as head": passive only
        passive = any(c.dep_ == "auxpass" for c in role.head.head.children)
        return passive and role.head.head.lemma_.lower() in removing
    return role.dep_ == "dobj" and role.head.lemma_.lower() in removing


def to_assertion(ps: ParsedStory, candidate: Candidate, version: str = VERSION) -> Assertion:
    subject, obj = ps.mention_at[candidate.subject.i], ps.mention_at[candidate.object.i]
    return Assertion(
        story_id=ps.story.id,
        subject=subject.id,
        predicate=candidate.predicate,
        object=obj.id,
        evidence=ps.evidence(candidate.anchor),
        extractor=f"relations.{candidate.pattern}",
        version=version,
        role=candidate.role,
        modality=_modality(candidate),
        attribution=attribution_of(ps, candidate.anchor),
    )


def assertions(ps: ParsedStory, families: Sequence[Family] | None = None) -> list[Assertion]:
    """The story's relation claims, one per (subject, predicate, object) mention triple.
    Where a pattern relates two names, the learned family says nothing more about them."""
    seen: set[str] = set()
    related: set[frozenset[int]] = set()
    found = []
    for raw, version in candidates(ps, default_families() if families is None else families):
        candidate = normalised(ps, raw)
        pair = frozenset((candidate.subject.i, candidate.object.i))
        if not admissible(ps, candidate) or (candidate.pattern == learned.PATTERN and pair in related):
            continue
        related.add(pair)
        assertion = to_assertion(ps, candidate, version)
        if assertion.id not in seen:
            seen.add(assertion.id)
            found.append(assertion)
    return found


def extract(ps: ParsedStory, families: Sequence[Family] | None = None) -> list[Assertion]:
    return assertions(ps, families)


__all__: Sequence[str] = ("DEFAULT_FAMILIES", "FAMILIES", "VERSION", "assertions", "extract")
