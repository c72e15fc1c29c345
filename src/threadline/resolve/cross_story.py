"""Links across stories: shared acronyms, equal names, scored pairs, lone short forms.

Every link here is automatic, so each goes through the cluster guards. Scored pairs
run the whole flow: blocked (blocking.py), scored (scoring.py), decided by the bar
here, then by the guards as they are applied; a lone short form that may stand for
several full names is recorded as ambiguous and left alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from threadline.errors import Failures
from threadline.records import EntityType
from threadline.resolve.acronyms import AcronymDefinition, letters_of
from threadline.resolve.blocking import candidate_pairs
from threadline.resolve.cluster import Clusters, Link
from threadline.resolve.entity_types import decide
from threadline.resolve.isolate import failed, names_of
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import parse_name
from threadline.resolve.nodes import Node, NodeId, node_key
from threadline.resolve.scoring import MERGE_AT, score
from threadline.resolve.short_forms import fits
from threadline.resolve.similarity import spelling_key

LONE_SHORT_FORMS = "lone short forms"  # the step's name in the decisions ledger


def key_types(nodes: Iterable[Node]) -> dict[str, EntityType]:
    """Each name key's type, by the votes of every node that bears it."""
    votes: dict[str, list[Mapping[EntityType, float]]] = defaultdict(list)
    known: dict[str, EntityType] = {}
    for node in nodes:
        votes[node.key].append(node.votes)
        if node.known_type:
            known[node.key] = node.known_type
    return {key: decide(v, known.get(key)) for key, v in votes.items()}


def is_bare_person(node: Node, types: Mapping[str, EntityType]) -> bool:
    """A lone surname: one name part, and the name is a person's wherever it occurs."""
    return len(node.parts) == 1 and not node.name.is_acronym and types.get(node.key) == "person"


def acronym_links(
    nodes: Mapping[NodeId, Node], definitions: Sequence[AcronymDefinition], clusters: Clusters, lex: Lexicon
) -> Iterator[Link]:
    """An acronym with no long form in its own story, to the one long form the
    corpus defines for it."""
    longs: dict[str, dict[str, AcronymDefinition]] = defaultdict(dict)  # letters -> long key -> definition
    for d in definitions:
        longs[letters_of(d.short)].setdefault(node_key(parse_name(d.long, lex)), d)
    by_key: dict[str, Node] = {}
    for node in nodes.values():
        by_key.setdefault(node.key, node)
    for node in nodes.values():
        targets = longs.get(node.name.key, {}) if node.name.is_acronym else {}
        if len(targets) != 1 or any(" " in k for k in clusters.keys(node.id)):
            continue
        [(long_key, d)] = targets.items()
        target = by_key.get(long_key)
        if target is not None:
            yield Link(node.id, target.id, f"'{d.short}' defined as acronym of '{d.long}' in {d.story_id}")


def equal_name_links(
    nodes: Mapping[NodeId, Node], types: Mapping[str, EntityType], clusters: Clusters | None = None
) -> Iterator[Link]:
    """Nodes with one key in different stories, lone surnames excepted. With `clusters`
    (read as the links are applied, one by one), a pair one cluster holds already is not
    proposed: it would decide nothing (Clusters.union), and most equal names are joined
    before this step (by a knowledge file, a story's short forms)."""
    first: dict[str, Node] = {}
    for node in nodes.values():
        if node.is_known or is_bare_person(node, types):
            continue
        head = first.setdefault(node.key, node)
        if head is not node and (clusters is None or clusters.find(head.id) != clusters.find(node.id)):
            yield Link(head.id, node.id, same_name_reason(node, head))


def same_name_reason(node: Node, head: Node) -> str:
    a, b = node.name.surface, head.name.surface
    if a == b:
        return f"'{a}' is named in {node.story_id} and {head.story_id}"
    return f"'{a}' ({node.story_id}) and '{b}' ({head.story_id}) are one name spelled two ways"


@dataclass(frozen=True, slots=True)
class Scored:
    """A pair of names blocked together, with the scorer's value and reason."""

    a: Node
    b: Node
    value: float
    why: str

    @property
    def link(self) -> Link:
        return Link(self.a.id, self.b.id, f"{self.why} (score {self.value:.2f})", score=self.value)


def scored_pairs(
    nodes: Mapping[NodeId, Node],
    types: Mapping[str, EntityType],
    lex: Lexicon,
    failures: Failures | None = None,
) -> list[Scored]:
    """Block, then score: every pair of different names blocked together (blocking.py),
    with its score (scoring.py), in the blocks' order; a pair the scorer fails on is
    recorded in `failures` and left out."""
    found = []
    for a, b in candidate_pairs(nodes.values()):
        pair_types = (types.get(a.key, "other"), types.get(b.key, "other"))
        try:  # attempt() inlined: two partials per pair were a tenth of the scoring
            scored = score(a.name, b.name, lex, pair_types)
        except Exception as exc:
            if failures is None:
                raise
            failed(failures, partial(_scoring, a, b), exc)
            continue
        found.append(Scored(a, b, *scored))
    return found


def _scoring(a: Node, b: Node) -> str:
    return f"scoring {names_of((a, b))}"


def scored_links(pairs: Sequence[Scored]) -> list[Link]:
    """Decide: the pairs the scorer puts at or above the bar, best first."""
    above = sorted((p for p in pairs if p.value >= MERGE_AT), key=lambda p: (-p.value, p.a.id, p.b.id, p.why))
    return [p.link for p in above]


def below_bar(pairs: Sequence[Scored]) -> list[Scored]:
    """Decide: the pairs the scorer keeps apart."""
    return [p for p in pairs if p.value < MERGE_AT]


class FullNames:
    """The corpus's multi-part names, one representative node per (key, type), found by
    any part; with the clusters that hold each key. Read-only while links are collected."""

    def __init__(self, nodes: Iterable[Node], clusters: Clusters, lex: Lexicon) -> None:
        self.clusters, self.lex = clusters, lex
        self.index: dict[str, dict[tuple[str, str], Node]] = defaultdict(dict)
        self.members: dict[str, list[NodeId]] = defaultdict(list)
        for node in nodes:
            if len(node.parts) >= 2 and not node.name.is_acronym:
                self.members[node.key].append(node.id)
                for part in set(node.name.specific):
                    self.index[spelling_key(part)].setdefault((node.key, node.type), node)
        self._fitting: dict[tuple[str, str], dict[NodeId, Node]] = {}

    def pool(self, short: Node) -> list[Node]:
        """Full names holding every distinguishing part of `short` (spelling folded)."""
        found = [self.index.get(spelling_key(p), {}) for p in short.name.specific]
        if not found:
            return []
        common = set.intersection(*(set(f) for f in found))
        return [found[0][k] for k in sorted(common)]

    def fitting(self, short: Node) -> dict[NodeId, Node]:
        """Cluster root -> a full name there that `short` might stand for, read loosely
        (as inside one story: "Islamic Resistance" might be "... in Iraq")."""
        cache_key = (short.key, short.type)
        if cache_key not in self._fitting:
            roots: dict[NodeId, Node] = {}
            for full in self.pool(short):
                if fits(short, full, self.lex, in_story=True):
                    roots.update({self.clusters.find(nid): full for nid in self.members[full.key]})
            self._fitting[cache_key] = roots
        return self._fitting[cache_key]


def lone_short_links(
    lone: Sequence[Node],
    nodes: Mapping[NodeId, Node],
    clusters: Clusters,
    lex: Lexicon,
    failures: Failures | None = None,
) -> tuple[list[Link], list[Node]]:
    """Short forms whose entity holds no full name they fit: linked when exactly one
    cluster in the corpus holds a name they might stand for, and they fit it strictly
    (no first names only, no country added); those that fit none are returned. A short
    form that fails is recorded and left alone."""
    fulls = FullNames(nodes.values(), clusters, lex)
    links, unmatched_nodes = [], []
    for short in lone:
        try:  # attempt() inlined, as in scored_pairs
            found = _lone_link(short, fulls)
        except Exception as exc:
            if failures is None:
                raise
            failed(failures, partial(_finding_full, short), exc)
            continue
        if isinstance(found, Link):
            links.append(found)
        elif found == "unmatched":
            unmatched_nodes.append(short)
    return links, unmatched_nodes


def _finding_full(short: Node) -> str:
    return f"finding the full name of {names_of([short])}"


def _lone_link(short: Node, fulls: FullNames) -> Link | str:
    """The link of one lone short form, or "unmatched" when no full name fits it, or ""."""
    roots = fulls.fitting(short)
    if fulls.clusters.find(short.id) in roots:
        return ""
    full = next(iter(roots.values())) if len(roots) == 1 else None
    if full is not None and fits(short, full, fulls.lex):
        reason = f"'{short.name.surface}' fits one full name in the corpus, '{full.name.surface}' ({full.story_id})"
        return Link(short.id, full.id, reason)
    if len(roots) > 1:
        why = f"'{short.name.surface}' may stand for {len(roots)} full names in the corpus: left alone"
        fulls.clusters.ledger.ambiguous(LONE_SHORT_FORMS, short, roots.values(), why)
    return "" if roots else "unmatched"


def same_surname_links(lone: Sequence[Node]) -> Iterator[Link]:
    """Lone surnames no full name fits anywhere: one entity per surname ("Trump")."""
    first: dict[str, Node] = {}
    for node in lone:
        head = first.setdefault(node.key, node)
        if head is not node:
            yield Link(head.id, node.id, f"'{node.name.surface}' is the same lone name as in {head.story_id}")
