"""Which places lie in which, as the stories state it: the located_in facts, closed
under "in" (a district of a city of a province lies in the province).

Event merging reads it to tell a place told closer ("in the Karrada district") from
another place: an event in Karrada may be the event in Baghdad, never the one in Basra.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from threadline.records import NOT_A_FACT, NOT_NOW, Assertion

DEPTH = 6  # containers followed from one place


def containment(assertions: Iterable[Assertion], entity_of: Mapping[str, str]) -> dict[str, frozenset[str]]:
    """Entity id -> the entity ids of every place the stories state it lies in."""
    return closed(direct_edges(assertions, entity_of))


Edges = frozenset[tuple[str, str]]  # (inner, outer) entity ids, as the stories state them


def direct_edges(assertions: Iterable[Assertion], entity_of: Mapping[str, str]) -> Edges:
    """Each (inner, outer) pair of entities a current located_in claim states."""
    found = set()
    for fact in assertions:
        if fact.predicate != "located_in" or fact.modality in NOT_A_FACT | NOT_NOW:
            continue
        inner, outer = entity_of.get(fact.subject), entity_of.get(fact.object)
        if inner and outer and inner != outer:
            found.add((inner, outer))
    return frozenset(found)


def closed(edges: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Each inner place -> every place it lies in, following at most DEPTH steps out."""
    direct: dict[str, set[str]] = {}
    for inner, outer in edges:
        direct.setdefault(inner, set()).add(outer)
    found: dict[str, frozenset[str]] = {}
    for place in sorted(direct):
        seen: set[str] = set()
        frontier = set(direct[place])
        for _ in range(DEPTH):
            frontier -= seen | {place}
            if not frontier:
                break
            seen |= frontier
            frontier = {o for p in frontier for o in direct.get(p, ())}
        found[place] = frozenset(seen)
    return found
