"""Where a decision stands in the ledger's one global order, read from the decision.

Resolution takes its decisions step by step (see the package docstring), and inside
each step in an order of its own: node by node (knowledge links, defined acronyms,
expansions, equal names, lone short forms and surnames), story by story (the links
the text states; short forms, longest first), block by block (pairs kept below the
bar) or best score first (pairs above it). `LedgerOrder.key` rebuilds that position
from a decision's step, the nodes on its two sides and its score, so that the
decisions of a region resolved again can be put back among the stored ones exactly
where a whole run would take them (graph/resolve_region.py). Decisions of one key
are all about one region (resolve/region.py ties their names together); they keep
the order they were taken in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from functools import cached_property

from threadline.records import Decision
from threadline.resolve.blocking import MAX_BLOCK, block_keys
from threadline.resolve.decisions import node_ref
from threadline.resolve.nodes import Node, NodeId
from threadline.resolve.scoring import MERGE_AT

Key = tuple  # (step's place, then what orders the step's decisions)

# The steps in the order resolution runs them; the text's links of one story go together.
STEP_PLACE = {
    "knowledge links": 1,
    "acronym definitions": 2,
    "stated aliases": 2,
    "initials": 2,
    "short forms": 3,
    "defined acronyms": 4,
    "expansions": 5,
    "equal names": 6,
    "scored pairs": 7,  # 7: kept below the bar, in block order; 8: applied, best first
    "lone short forms": 9,
    "lone surnames": 10,
}
BY_LEFT = {"knowledge links", "defined acronyms", "expansions", "lone short forms"}
BY_RIGHT = {"equal names", "lone surnames"}


class LedgerOrder:
    """Position keys for the decisions about the corpus's nodes (every node, stored and
    new, in the order resolution builds them)."""

    def __init__(self, nodes: Mapping[NodeId, Node]) -> None:
        self.nodes = nodes
        self.by_ref = {node_ref(nid): nid for nid in nodes}
        known = [nid for nid, node in nodes.items() if node.is_known]
        self.known_rank = {nid: i for i, nid in enumerate(known)}

    def rank(self, nid: NodeId) -> tuple:
        """A node's place in the order nodes are built: stories' nodes by (story, key),
        then knowledge entries as listed."""
        if nid in self.known_rank:
            return (1, self.known_rank[nid], "")
        return (0, nid[0], nid[1])

    def key(self, d: Decision) -> Key:
        """The decision's position; KeyError for a step or node it cannot place."""
        place = STEP_PLACE[d.step]
        left, right = self.by_ref[d.left], self.by_ref[d.right]
        if d.step in BY_LEFT:
            return (place, self.rank(left))
        if d.step in BY_RIGHT:
            return (place, self.rank(right))
        if place == 2:
            return (place, left[0])
        if place == 3:
            return (place, left[0], -len(self.nodes[left].parts), self.rank(left))
        if d.score is not None and d.score >= MERGE_AT:
            return (8, -d.score, left, right)
        a, b = self.nodes[left], self.nodes[right]
        return (7, self._first_block(a, b), (a.name.key, a.id), (b.name.key, b.id))

    def _first_block(self, a: Node, b: Node) -> str:
        """The first block, in order, that holds both names and is not skipped as too big."""
        shared = block_keys(a.name) & block_keys(b.name)
        return min(k for k in shared if self._block_sizes[k] <= MAX_BLOCK)

    @cached_property
    def _block_sizes(self) -> dict[str, int]:
        names: dict[str, set[str]] = defaultdict(set)
        for node in self.nodes.values():
            for block in block_keys(node.name):
                names[block].add(node.name.key)
        return {block: len(keys) for block, keys in names.items()}
