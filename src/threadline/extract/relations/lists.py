"""Groups inside groups: part_of (and member_of for a person "part of" a group).

list        "militias such as A, B and C" / "an umbrella of factions, among them A and B"
            / "factions including A": every group listed is part of the group the
            collective noun stands for ("the Islamic Resistance in Iraq, a militia group
            ..., such as A, B").
part        "A is part of B", "A, part of B"
unit        "the movement's television channel, A" / "the group's media office" /
            "the Quds Force of Iran's Revolutionary Guards"
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import (
    head_mention,
    is_modifier,
    is_possessor,
    owner_of_noun,
    phrase_after,
    refers_to,
)
from threadline.extract.relations.candidate import ORG, Candidate, matches

GROUP = ("organization",)
FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
PATTERNS: dict[str, list[list[dict]]] = {
    "list.such_as": [[{"LOWER": "such"}, {"LOWER": "as"}]],
    "list.among": [[{"LOWER": "among"}, {"LOWER": {"IN": ["them", "which", "whom"]}}]],
    "list.including": [[{"LOWER": {"IN": ["including", "like"]}}]],
    "part.of": [
        [
            {"ENT_TYPE": {"IN": ["organization", "person"]}},
            {"LEMMA": "be", "OP": "?"},
            {"ORTH": ",", "OP": "?"},
            {"LOWER": "part"},
            {"LOWER": "of"},
        ]
    ],
    "unit.possessive": [[{"LOWER": {"IN": ["'s", "’s"]}}]],
    "unit.of": [[ORG, {"LOWER": "of"}]],
}


def _listed(ps: ParsedStory, cue_end: int) -> list[Token]:
    """The groups named in the list after a cue, up to the next finite verb."""
    doc = ps.doc
    sent_end = doc[cue_end - 1].sent.end
    found = []
    for token in doc[cue_end : min(sent_end, cue_end + 30)]:
        if token.tag_ in FINITE or token.text == ";":
            break
        if ps.type_of(token) == "organization" and not is_modifier(token) and not is_possessor(token):
            found.append(token)
    return found


def _before_umbrella(doc: Doc, i: int) -> int:
    """Step back over "under the umbrella of (the) X" ending at i: it names a backer."""
    j = i - 1 if doc[i - 1].pos_ == "DET" else i
    words = [t.lower_ for t in doc[max(0, j - 4) : j]]
    return j - 5 if words == ["under", "the", "umbrella", "of"] else i


def _container(ps: ParsedStory, cue: Token, by_noun_only: bool) -> Token | None:
    """The group the list belongs to: the name or collective noun just before the cue
    ("the Southern Front, an alliance of militias, such as ...")."""
    doc = ps.doc
    i = cue.i - 1
    if i >= 0 and doc[i].text == ",":
        i -= 1
    i = _before_umbrella(doc, i) if i >= 5 else i
    if i >= 0 and doc[i].text == ",":
        i -= 1
    if i < cue.sent.start:
        return None
    token = doc[i]
    named = ps.type_of(token) == "organization" and not is_modifier(token) and not is_possessor(token)
    if named and not by_noun_only:
        return token
    if token.lower_ in ps.vocabulary.roles.group_nouns or token.lemma_ in ps.vocabulary.roles.group_nouns:
        return owner_of_noun(ps, token, GROUP)
    return None


def _list(ps: ParsedStory, start: int, end: int, name: str) -> list[Candidate]:
    cue = ps.doc[start]
    container = _container(ps, cue, by_noun_only=name == "list.including")
    if container is None:
        return []
    return [Candidate(m, "part_of", container, cue, name) for m in _listed(ps, end) if m.i != container.i]


def _part(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    subject = doc[start]
    phrase = phrase_after(ps, end)
    group = head_mention(ps, phrase, GROUP)
    if group is None:
        nouns = [t for t in phrase if t.pos_ == "NOUN"]
        group = refers_to(ps, nouns[-1], GROUP) if nouns else None
    if group is None:
        return []
    predicate = "member_of" if ps.type_of(subject) == "person" else "part_of"
    return [Candidate(subject, predicate, group, doc[end - 2], "part.of")]


def _unit_possessive(ps: ParsedStory, start: int) -> list[Candidate]:
    """ "Y's X" where X is a group, or "Y's channel, X"."""
    doc = ps.doc
    if start == 0:
        return []
    owner = refers_to(ps, doc[start - 1], GROUP)
    if owner is None:
        return []
    phrase = phrase_after(ps, start + 1, limit=6)
    unit = head_mention(ps, phrase, GROUP)
    if unit is None and phrase and phrase[-1].lower_ in ps.vocabulary.roles.unit_nouns:
        unit = owner_of_noun(ps, phrase[-1], GROUP)
    if unit is None or unit.i == owner.i:
        return []
    return [Candidate(unit, "part_of", owner, doc[start], "unit.possessive")]


def _unit_of(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    unit = doc[start]
    owner = head_mention(ps, phrase_after(ps, end, limit=5), GROUP)
    if owner is None or is_modifier(unit):
        return []
    return [Candidate(unit, "part_of", owner, doc[end - 1], "unit.of")]


def find(ps: ParsedStory) -> list[Candidate]:
    """Every part_of candidate a list, "part of" or a possessive unit states."""
    found: list[Candidate] = []
    for name, start, end in matches(ps, "lists", lambda _: PATTERNS):
        if name.startswith("list."):
            found += _list(ps, start, end, name)
        elif name == "part.of":
            found += _part(ps, start, end)
        elif name == "unit.possessive":
            found += _unit_possessive(ps, start)
        else:
            found += _unit_of(ps, start, end)
    return found
