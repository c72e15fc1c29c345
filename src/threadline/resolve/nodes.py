"""Nodes: the mentions of one story that share a normalised name.

Resolution links nodes, not mentions: "Mr Hamdan" and "Hamdan" in one story
are one node (key "hamdan"), which the within-story step may link to the node
"usama hamdan". A knowledge-file entry is a node too, with its own story id.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from threadline.records import EntityType, Mention
from threadline.resolve.entity_types import cast_votes, decide, name_cue
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name, parse_name
from threadline.resolve.similarity import spelling_key
from threadline.resolve.story_text import StoryText

NodeId = tuple[str, str]  # (story id, or "kb:" + knowledge id; name key)
KB_STORY = "kb:"


# Not frozen (never changed once made all the same): a frozen init sets each field through
# object.__setattr__, and a node is made per story and name (226,204 at 30,000 stories).
@dataclass(slots=True, eq=False)
class Node:
    id: NodeId
    names: tuple[Name, ...]  # distinct surfaces, most frequent first
    mentions: tuple[Mention, ...]
    votes: Mapping[EntityType, float]
    kb_id: str | None = None  # the knowledge entry its mentions were matched to
    known_type: EntityType | None = None
    name: Name = field(init=False)  # the fullest spelling: most parts, then most frequent
    type: EntityType = field(init=False)  # by its own votes
    folded: frozenset[str] = field(init=False)  # its name's parts, spelling choices folded

    def __post_init__(self) -> None:
        names = self.names
        self.name = names[0] if len(names) == 1 else max(names, key=_parts_count)
        self.type = _voted_type(self.votes, self.known_type)
        self.folded = folded_parts(self.name.core)

    @property
    def story_id(self) -> str:
        return self.id[0]

    @property
    def key(self) -> str:
        return self.id[1]

    @property
    def parts(self) -> tuple[str, ...]:
        return self.name.core

    @property
    def cued(self) -> bool:
        """Whether words in or around its mentions voted, not the model alone."""
        return sum(self.votes.values()) > len(self.mentions)

    @property
    def is_known(self) -> bool:
        return self.id[0].startswith(KB_STORY)  # asked of every node by most steps: no second property


def _parts_count(name: Name) -> int:
    return len(name.core)


@lru_cache(maxsize=65536)
def folded_parts(core: tuple[str, ...]) -> frozenset[str]:
    """A name's parts, spelling choices folded: one set for each spelling however many
    stories name it (parse_name gives one Name, so one core, per spelling)."""
    return frozenset(spelling_key(p) for p in core)


def node_key(name: Name) -> str:
    """The node key; a name with no letters keeps its surface so it stays apart."""
    return name.key or f"?{name.surface}"


def _node(node_id: NodeId, named: list[tuple[Mention, Name]], story: StoryText, lex: Lexicon) -> Node:
    mentions = tuple(m for m, _ in named)
    votes: dict[EntityType, float] = {}
    cues: dict[Name, EntityType | None] = {}  # each spelling's own cue, read once
    context = story.context
    for m, n in named:
        cue = cues[n] if n in cues else cues.setdefault(n, name_cue(n, lex))
        cast_votes(votes, m, context(m), cue)
    kb = Counter(m.kb_id for m in mentions if m.kb_id) if any(m.kb_id for m in mentions) else None
    return Node(
        id=node_id,
        names=_spellings(named),
        mentions=mentions,
        votes=shared_votes(votes),
        kb_id=min(kb, key=lambda k: (-kb[k], k)) if kb else None,
    )


def _spellings(named: list[tuple[Mention, Name]]) -> tuple[Name, ...]:
    """The distinct spellings, most frequent first (ties: first seen), each as the last
    Name read for it; one spelling (most nodes) without counting."""
    last = named[-1][1]
    if all(n.surface == last.surface for _, n in named):
        return alone(last)
    counts = Counter(n.surface for _, n in named)
    by_surface = {n.surface: n for _, n in named}
    return _names(tuple(by_surface[s] for s, _ in counts.most_common()))


# Votes as cast, in the order cast -> one dict holding them. Few nodes' votes differ
# ({"person": 1} is most), and a dict is 184 bytes: one per node was a third of a node.
_VOTES: dict[tuple[tuple[EntityType, float], ...], Mapping[EntityType, float]] = {}
_VOTES_KEPT = 1 << 16  # past this many different ones (never seen), votes are not shared


# A shared votes dict's id -> the type its votes decide: asked once per kind of votes,
# not once per node. The shared dicts are never let go of (_VOTES), so no other object
# can come to have an id listed here.
_DECIDED: dict[int, EntityType] = {}


def shared_votes(votes: dict[EntityType, float]) -> Mapping[EntityType, float]:
    """One read-only dict for equal votes cast in one order (nodes never change them)."""
    if len(_VOTES) >= _VOTES_KEPT:
        return votes
    shared = _VOTES.setdefault(tuple(votes.items()), votes)
    if shared is votes:
        _DECIDED[id(votes)] = decide([votes])
    return shared


def _voted_type(votes: Mapping[EntityType, float], known: EntityType | None) -> EntityType:
    """decide() for one node's votes; read from _DECIDED for shared ones."""
    if known is None:
        decided = _DECIDED.get(id(votes))
        if decided is not None:
            return decided
    return decide([votes], known)


def _names(names: tuple[Name, ...]) -> tuple[Name, ...]:
    """The node's names; one spelling alone (most nodes) as one tuple however many nodes
    have it (parse_name gives one Name per spelling)."""
    return alone(names[0]) if len(names) == 1 else names


@lru_cache(maxsize=65536)
def alone(name: Name) -> tuple[Name, ...]:
    return (name,)


def mention_order(m: Mention) -> tuple:
    """A total order on mentions, so that nothing depends on the order they came in."""
    return (m.story_id, m.start, m.end, m.zone, m.text, m.type, m.label, m.kb_id or "")


def build_nodes(mentions: Sequence[Mention], story: StoryText, lex: Lexicon) -> dict[NodeId, Node]:
    """One node per (story, name key) of one story's mentions, in a stable order."""
    grouped: dict[NodeId, list[tuple[Mention, Name]]] = defaultdict(list)
    read: dict[str, Name] = {}  # a spelling a story repeats is read once
    for m in sorted(mentions, key=mention_order):
        name = read.get(m.text)
        if name is None:
            name = read[m.text] = parse_name(m.text, lex)
        grouped[(m.story_id, node_key(name))].append((m, name))
    return {nid: _node(nid, ms, story, lex) for nid, ms in sorted(grouped.items())}


def known_node(kb_id: str, names: Sequence[str], kb_type: str, lex: Lexicon) -> Node:
    """A knowledge entry as a node: every name and alias it lists, its type fixed."""
    parsed = tuple(dict.fromkeys(parse_name(n, lex) for n in names))
    entity_type: EntityType | None = kb_type if kb_type in ("person", "organization", "location") else None  # type: ignore[assignment]
    cue = name_cue(parsed[0], lex) if parsed else None
    return Node(
        id=(KB_STORY + kb_id, node_key(parsed[0]) if parsed else kb_id),
        names=parsed,
        mentions=(),
        votes={entity_type or cue or "other": 1.0},
        kb_id=kb_id,
        known_type=entity_type,
    )
