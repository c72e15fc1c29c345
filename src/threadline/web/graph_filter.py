"""The network page's filters that the query layer leaves to its readers: entity type and
date range. Pure functions over a `Network`, so the API and the tests share them."""

from __future__ import annotations

from dataclasses import replace

from threadline.query.records import Edge, Network


def in_range(edge: Edge, since: str | None, until: str | None) -> bool:
    """An edge with a date in [since, until]; an undated edge only when no range is asked.
    Dates are ISO strings of any precision ("2025", "2025-03", "2025-03-09"), so a
    prefix comparison is enough: "2025-03" is within since="2025-03-01"'s month."""
    if not since and not until:
        return True
    return any(
        (not since or date >= since[: len(date)]) and (not until or date[: len(until)] <= until)
        for date in edge.dates
    )


def filter_network(
    graph: Network, types: set[str] | None = None, since: str | None = None, until: str | None = None
) -> Network:
    """The graph with only nodes of `types` (the centre always kept) and edges in the date
    range between nodes left; nodes no edge reaches any more are dropped, the centre kept."""
    kept_nodes = {n.id for n in graph.nodes if not types or n.type in types or n.id == graph.center}
    edges = [
        e
        for e in graph.edges
        if e.source in kept_nodes and e.target in kept_nodes and in_range(e, since, until)
    ]
    linked = {graph.center} | {e.source for e in edges} | {e.target for e in edges}
    nodes = [n for n in graph.nodes if n.id in linked]
    return replace(graph, nodes=nodes, edges=edges)
