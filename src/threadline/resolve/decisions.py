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

from threadline.records import Decision, Verdict
from threadline.resolve.nodes import Node, NodeId


def node_ref(node_id: NodeId) -> str:
    """A node's id in words: "story id/name key"."""
    return f"{node_id[0]}/{node_id[1]}"


class Ledger:
    """The decisions of one resolution, in the order they were taken."""

    def __init__(self) -> None:
        self.decisions: list[Decision] = []

    def record(
        self, step: str, verdict: Verdict, a: Node, b: Node, reason: str, score: float | None = None
    ) -> None:
        self.decisions.append(
            Decision(
                step=step,
                verdict=verdict,
                left=node_ref(a.id),
                left_name=a.name.surface,
                right=node_ref(b.id),
                right_name=b.name.surface,
                reason=reason,
                score=score,
            )
        )

    def ambiguous(self, step: str, short: Node, fulls: Iterable[Node], reason: str) -> None:
        """A short form left alone because it fits several full names: one line for each."""
        for full in sorted(fulls, key=lambda n: n.id):
            self.record(step, "ambiguous", short, full, reason)


def with_entities(decisions: Iterable[Decision], entity_of_node: Mapping[str, str]) -> tuple[Decision, ...]:
    """The decisions with the entity each side ended in (by node ref). A decision between
    two names no story mentions (two knowledge entries blocked together) is about
    nothing in the corpus and would be the same in every store: it is left out."""
    placed = []
    for d in decisions:
        left, right = entity_of_node.get(d.left), entity_of_node.get(d.right)
        if left or right:  # built field by field: dataclasses.replace costs several times more
            placed.append(_placed(d, left, right))
    return tuple(placed)


def _placed(d: Decision, left: str | None, right: str | None) -> Decision:
    return Decision(
        step=d.step,
        verdict=d.verdict,
        left=d.left,
        left_name=d.left_name,
        right=d.right,
        right_name=d.right_name,
        reason=d.reason,
        score=d.score,
        left_entity=left,
        right_entity=right,
    )
