"""Which organizations are armed groups, for STIX (threat-actor or identity): so listed
in a knowledge file, or, unlisted, one that fights (attacker or abductor, a side in
clashes, a claimant of an attack), is said to be backed by someone, or is part of or
the umbrella of such a group.

Read from the graph in a pass of its own, keeping only ids: the groups found, and the
`part_of` pairs the finding spreads along.
"""

from __future__ import annotations

from typing import Any

from threadline.export.reader import GraphReader

ARMED_KINDS = frozenset({"armed_group", "umbrella"})  # knowledge kinds of armed actors
ARMED_ROLES = frozenset({"attacker", "perpetrator"})  # event roles only an armed actor plays
ARMED_PREDICATES = frozenset({"backed_by"})  # "Iran-backed X": the subject is a proxy force
FIGHTING = frozenset({"attack", "abduction"})  # event types whose every side is armed ("clashes between")


def is_armed(entity: dict[str, Any], armed: frozenset[str]) -> bool:
    """An organization listed as armed, or, unlisted, one `armed_entities` found."""
    if entity["type"] != "organization":
        return False
    if entity.get("kind"):
        return entity["kind"] in ARMED_KINDS
    return entity["id"] in armed


def armed_entities(graph: GraphReader) -> frozenset[str]:
    """The ids of every entity the graph shows armed (see the module's docstring)."""
    found: set[str] = set()
    parts: list[tuple[str, str]] = []
    for subject, predicate, obj in graph.relations_of(ARMED_PREDICATES | {"part_of"}):
        if predicate == "part_of":
            parts.append((subject, obj))
        else:
            found.add(subject)
    found |= {c["claimant"] for c in graph.items("claims") if c["kind"] == "responsibility"}
    for event in graph.items("events"):
        fighting = ARMED_ROLES | ({"participant"} if event["type"] in FIGHTING else set())
        found |= {p for p, role in event["roles"].items() if role in fighting}
    found |= {e["id"] for e in graph.items("entities") if e.get("kind") in ARMED_KINDS}
    while True:  # a faction of an armed group or umbrella, an umbrella of armed factions
        grown = found | {x for pair in parts if found.intersection(pair) for x in pair}
        if grown == found:
            return frozenset(found)
        found = grown
