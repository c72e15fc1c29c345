"""The graph GEXF and GraphML draw, as node and edge records in the order a networkx
MultiDiGraph built from the whole graph gives them, read a batch at a time.

A node per entity (by id), then per event (by id); an edge per relation (subject to
object, `predicate` the relation) and per event participant (actor to event, the
role it plays; the place `located_at`). networkx lists edges by their source node,
in node order, then by target in the order first joined, then by key: so an entity's
edges are its relations (grouped by object), then its ties to events in event order.
Events are read first, their ties to actors kept in a temporary SQLite database by
actor, so that each batch of entities finds its own; nothing else is held.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from threadline.export.reader import GraphReader
from threadline.export.view import Lookup, first_quote, hedged


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    attributes: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    key: str
    attributes: dict[str, Any]


def graph_records(graph: GraphReader) -> Iterator[Node | Edge]:
    """Every node, then every edge, in networkx's order (see the module's docstring)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as event_nodes, _Ties() as ties:
        for events, view in graph.batches("events"):
            for event in events:
                event_nodes.write(json.dumps([event["id"], present(event_attributes(event, view))]) + "\n")
                ties.add(event, view)
        yield from (Node(e["id"], entity_attributes(e)) for e in graph.items("entities"))
        event_nodes.seek(0)
        yield from (Node(*json.loads(line)) for line in event_nodes)
        for entities in graph.chunks("entities"):
            yield from _edges_from([e["id"] for e in entities], graph, ties)


def _edges_from(entities: list[str], graph: GraphReader, ties: _Ties) -> Iterator[Edge]:
    relations = graph.relations_from(entities)
    view = graph.lookup(relations)
    by_target: dict[str, dict[str, list[Edge]]] = {}
    for relation in relations:
        edge = Edge(
            relation["subject"],
            relation["object"],
            relation["id"],
            edge_attributes(relation, relation["predicate"], view),
        )
        by_target.setdefault(edge.source, {}).setdefault(edge.target, []).append(edge)
    tied = ties.of(entities)
    for entity in entities:
        for edges in by_target.get(entity, {}).values():
            yield from edges
        yield from tied.get(entity, ())


class _Ties:
    """Each event's edges from its actors, kept by actor in a private temporary SQLite
    database (on disk when large) until their actor's batch of entities comes."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.execute(
            "CREATE TABLE ties (seq INTEGER PRIMARY KEY, actor TEXT, event TEXT, attributes TEXT)"
        )
        self.indexed = False  # indexed once every tie is in: faster than indexing as they come

    def __enter__(self) -> _Ties:
        return self

    def __exit__(self, *_: object) -> None:
        self.db.close()

    def add(self, event: dict[str, Any], view: Lookup) -> None:
        """The event's ties: an actor named twice keeps its first place and last role,
        as a second networkx edge of one key updates the first."""
        roles = dict(event_ties(event))
        rows = [(a, event["id"], json.dumps(edge_attributes(event, r, view))) for a, r in roles.items()]
        self.db.executemany("INSERT INTO ties (actor, event, attributes) VALUES (?, ?, ?)", rows)

    def of(self, actors: list[str]) -> dict[str, list[Edge]]:
        """The edges from each of the actors, in event order."""
        if not self.indexed:
            self.db.execute("CREATE INDEX ties_actor ON ties (actor, seq)")
            self.indexed = True
        marks = ",".join("?" * len(actors))
        query = f"SELECT actor, event, attributes FROM ties WHERE actor IN ({marks}) ORDER BY actor, seq"
        found: dict[str, list[Edge]] = {}
        for actor, event, attributes in self.db.execute(query, actors):
            found.setdefault(actor, []).append(Edge(actor, event, f"{event}:{actor}", json.loads(attributes)))
        return found


def entity_attributes(entity: dict[str, Any]) -> dict[str, Any]:
    place = entity.get("place") or {}
    return present(
        {
            "label": entity["name"],
            "type": entity["type"],
            "kind": entity.get("kind"),
            "aliases": "; ".join(entity["aliases"]) or None,
            "kb_id": entity.get("kb_id"),
            "reference": entity.get("reference"),
            "wikidata": entity.get("wikidata"),
            "latitude": place.get("lat"),
            "longitude": place.get("lon"),
            "country": place.get("country"),
        }
    )


def event_attributes(event: dict[str, Any], view: Lookup) -> dict[str, Any]:
    return {
        "label": view.event_title(event),
        "type": "event",
        "event_type": event["type"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "modality": event["modality"],
    }


def event_ties(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(entity, role) for each participant, and the place as `located_at`."""
    ties = [
        (p, event["roles"].get(p, "participant")) for p in event["participants"] if p != event["location"]
    ]
    return ties + ([(event["location"], "located_at")] if event["location"] else [])


def edge_attributes(item: dict[str, Any], predicate: str, view: Lookup) -> dict[str, Any]:
    first, last = view.reported(item)
    return present(
        {
            "id": item["id"],
            "predicate": predicate,
            "first_date": first,
            "last_date": last,
            "sources": item["sources"],
            "independent_sources": item["independent_sources"],
            "hedged": hedged(item),
            "contested": bool(item["contested"]),
            "quote": first_quote(item),
        }
    )


def present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}
