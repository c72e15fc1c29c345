"""What `threadline stats` and `make demo` print: counts and the most connected entities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import networkx as nx


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    entities_by_type: dict[str, int]
    top_entities: list[tuple[str, str, int, list[str]]]  # name, type, degree, aliases


def entity_graph(export: dict[str, Any]) -> nx.Graph:
    """Entities joined by a relation or by taking part in one event together."""
    graph = nx.Graph()
    graph.add_nodes_from(e["id"] for e in export["entities"])
    for r in export["relations"]:
        graph.add_edge(r["subject"], r["object"])
    for event in export["events"]:
        members = sorted({*event["participants"], *([event["location"]] if event["location"] else [])})
        graph.add_edges_from(combinations(members, 2))
    return graph


def summarize(export: dict[str, Any], top: int = 10) -> Summary:
    graph = entity_graph(export)
    by_id = {e["id"]: e for e in export["entities"]}
    ranked = sorted(
        (n for n in graph.nodes if n in by_id), key=lambda n: (-graph.degree(n), by_id[n]["name"])
    )
    counts = {
        "stories": len(export["stories"]),
        "duplicates": sum(1 for s in export["stories"] if s["duplicate_of"]),
        "entities": len(export["entities"]),
        "mentions": len(export["mentions"]),
        "relations": len(export["relations"]),
        "events": len(export["events"]),
    }
    return Summary(
        counts=counts,
        entities_by_type=dict(sorted(Counter(e["type"] for e in export["entities"]).items())),
        top_entities=[
            (by_id[n]["name"], by_id[n]["type"], graph.degree(n), by_id[n]["aliases"]) for n in ranked[:top]
        ],
    )
