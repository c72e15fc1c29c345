"""An entity's type, by votes over all its mentions.

Each mention votes once for the type the NER gave it (twice where a rule of the
NLP stage settled it: a wire dateline's place and agency), twice for a type the
words around it suggest ("near X", "X district", "Mr X"), three times for a
type the words inside it settle ("Brigades", "Movement", "Strip"). A knowledge
file's type beats every vote. The small model calls many militias PERSON and
many towns ORG; the votes of the other mentions and the cues outvote it.

An organization word inside a name the NLP stage kept as a place ("Soviet Union")
casts no vote: that stage turns a place with any other organization word into an
organization, so one it kept is a state's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from threadline.records import EntityType, Mention
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name

NER, CONTEXT, INSIDE = 1, 2, 3
SETTLED_LABELS = frozenset({"DATELINE"})  # Mention.label of a type an NLP rule settled
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TYPES: tuple[EntityType, ...] = ("person", "organization", "location", "other")
WINDOW = 40


def name_cue(name: Name, lex: Lexicon) -> EntityType | None:
    """The type the words inside a name settle, if any."""
    words = set(name.tokens)
    if words & lex.org_cues:
        return "organization"
    if words & lex.place_cues:
        return "location"
    return None


def context_cues(mention: Mention, text: str, lex: Lexicon) -> list[EntityType]:
    """Types the words right before and right after a mention suggest."""
    before = " ".join(text[max(0, mention.start - WINDOW) : mention.start].lower().split())
    after = " ".join(text[mention.end : mention.end + WINDOW].lower().split())
    found = [kind for kind, pattern in lex.context.before.items() if pattern.search(before)]
    found += [kind for kind, pattern in lex.context.after.items() if pattern.match(after)]
    return found  # type: ignore[return-value]


def add_votes(
    votes: dict[EntityType, float], mention: Mention, name: Name, context: Sequence[EntityType], lex: Lexicon
) -> None:
    """Add one mention's votes to `votes`: its label, its context (`context_cues`, read
    once per story: resolve/story_text.py), the words inside it."""
    cast_votes(votes, mention, context, name_cue(name, lex))


def cast_votes(
    votes: dict[EntityType, float], mention: Mention, context: Sequence[EntityType], cue: EntityType | None
) -> None:
    """add_votes with the name's own cue (`name_cue`) read already: once per spelling
    for a node's mentions (resolve/nodes.py), not once per mention."""
    votes[mention.type] = votes.get(mention.type, 0) + (CONTEXT if mention.label in SETTLED_LABELS else NER)
    for kind in context:
        votes[kind] = votes.get(kind, 0) + CONTEXT
    if cue and not (cue == "organization" and mention.label in PLACE_LABELS):
        votes[cue] = votes.get(cue, 0) + INSIDE


def decide(votes: Iterable[Mapping[EntityType, float]], known: EntityType | None = None) -> EntityType:
    """The winning type; ties go to the order of TYPES. A knowledge type wins outright."""
    if known in TYPES:
        return known  # type: ignore[return-value]
    total: dict[EntityType, float] = {}
    for v in votes:  # summed as Counter.update sums (asked once per node: no Counter each time)
        for kind, count in v.items():
            total[kind] = count + total.get(kind, 0)
    if not total:
        return "other"
    best, most = TYPES[0], total.get(TYPES[0], 0)
    for kind in TYPES[1:]:  # the first of TYPES wins a tie
        if total.get(kind, 0) > most:
            best, most = kind, total.get(kind, 0)
    return best
