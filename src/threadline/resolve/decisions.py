"""The decisions ledger: every decision resolution takes about two names, kept in order.

A merged link says why two names are one entity; a refusal says why two names a
step proposed were kept apart (a guard forbade it, or the scorer put the pair below
the bar); an ambiguous short form says which full names it fitted. An analyst who
asks "why are these one?" or "why are these two?" reads the same ledger
(`threadline entity NAME --why`).

Only pairs some step proposed are recorded (a link, a pair blocked together and
scored, a short form and the full names it fits), never all pairs, so the ledger
grows with the links tried, not with the square of the names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from threadline.records import Decision, Verdict
from threadline.resolve.nodes import Node, NodeId


def node_ref(node_id: NodeId) -> str:
    """A node's id in words: "story id/name key"."""
    return f"{node_id[0]}/{node_id[1]}"


@dataclass(slots=True)  # not frozen: a frozen init sets each field through object.__setattr__
class Taken:
    """One decision as taken, before the entities are known (Decision without them).
    Never changed once made (one per merge and refusal: 826,711 at 100,000 stories)."""

    step: str
    verdict: Verdict
    left: str
    left_name: str
    right: str
    right_name: str
    reason: str
    score: float | None

    def placed(self, left: str | None, right: str | None) -> Decision:
        """The decision, with the entity each side ended in."""
        return Decision(
            step=self.step,
            verdict=self.verdict,
            left=self.left,
            left_name=self.left_name,
            right=self.right,
            right_name=self.right_name,
            reason=self.reason,
            score=self.score,
            left_entity=left,
            right_entity=right,
        )


class Ledger:
    """The decisions of one resolution, in the order they were taken."""

    def __init__(self) -> None:
        self.taken: list[Taken] = []
        self._refs: dict[NodeId, str] = {}  # one "story/key" string per node, however many decisions name it
        # one string per reason and one float per score: a reason is made afresh for each
        # link ("knowledge file: iraq lists 'Iraq'" once per story naming Iraq), and the
        # ledger outlives the links (1.65 M decisions at 100,000 stories)
        self._reasons: dict[str, str] = {}
        self._scores: dict[float, float] = {}

    @property
    def refs(self) -> Mapping[NodeId, str]:
        """Each node a decision names -> its ref, the one string the decisions hold."""
        return self._refs

    def _ref(self, node_id: NodeId) -> str:
        ref = self._refs.get(node_id)
        if ref is None:
            ref = self._refs[node_id] = node_ref(node_id)
        return ref

    def record(
        self, step: str, verdict: Verdict, a: Node, b: Node, reason: str, score: float | None = None
    ) -> None:
        left, right = self._ref(a.id), self._ref(b.id)
        reason = self._reasons.setdefault(reason, reason)
        score = score if score is None else self._scores.setdefault(score, score)
        self.taken.append(Taken(step, verdict, left, a.name.surface, right, b.name.surface, reason, score))

    def ambiguous(self, step: str, short: Node, fulls: Iterable[Node], reason: str) -> None:
        """A short form left alone because it fits several full names: one line for each."""
        for full in sorted(fulls, key=lambda n: n.id):
            self.record(step, "ambiguous", short, full, reason)


def with_entities(taken: list[Taken], entity_of_node: Mapping[str, str]) -> tuple[Decision, ...]:
    """The decisions with the entity each side ended in (by node ref), in order. A
    decision between two names no story mentions (two knowledge entries blocked
    together) is about nothing in the corpus and would be the same in every store: it
    is left out. `taken` is emptied as it is read, so each decision is held once, as
    taken or as placed (a 100,000-story store's ledger holds 1.65 M of them)."""
    placed = []
    taken.reverse()  # popped from the end, in the order taken
    while taken:
        d = taken.pop()
        left, right = entity_of_node.get(d.left), entity_of_node.get(d.right)
        if left or right:
            placed.append(d.placed(left, right))
    return tuple(placed)
