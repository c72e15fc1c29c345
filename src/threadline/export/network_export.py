"""GEXF and GraphML, written by networkx, for Gephi, Cytoscape, yEd and other
link-analysis tools.

One directed multigraph: a node per entity and per event; an edge per relation
(subject to object, `predicate` the relation) and per event participant (actor to
event, `predicate` the role it plays, `located_at` for the place). Every edge carries
its first and last report date (publication dates of the stories behind it), its
source and independent-source counts, whether it is hedged or contested, and its
first quote. Attributes are plain text, numbers or booleans; a value not known is
left out rather than written empty, as both formats expect.
"""

from __future__ import annotations

import io
import re
from typing import Any

import networkx as nx

from threadline.export.gathered import Gathering, GraphView, first_quote, hedged


def entity_graph(view: GraphView) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for entity in view.sections["entities"]:
        graph.add_node(entity["id"], **_entity_attributes(entity))
    for relation in view.sections["relations"]:
        attributes = _edge_attributes(relation, relation["predicate"], view)
        graph.add_edge(relation["subject"], relation["object"], key=relation["id"], **attributes)
    for event in view.sections["events"]:
        graph.add_node(event["id"], **_present(_event_attributes(event, view)))
        for actor, role in _event_ties(event):
            graph.add_edge(
                actor, event["id"], key=f"{event['id']}:{actor}", **_edge_attributes(event, role, view)
            )
    return graph


def _entity_attributes(entity: dict[str, Any]) -> dict[str, Any]:
    place = entity.get("place") or {}
    return _present(
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


def _event_attributes(event: dict[str, Any], view: GraphView) -> dict[str, Any]:
    return {
        "label": view.event_title(event),
        "type": "event",
        "event_type": event["type"],
        "date": event["date"],
        "date_precision": event["date_precision"],
        "modality": event["modality"],
    }


def _event_ties(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(entity, role) for each participant, and the place as `located_at`."""
    ties = [
        (p, event["roles"].get(p, "participant")) for p in event["participants"] if p != event["location"]
    ]
    return ties + ([(event["location"], "located_at")] if event["location"] else [])


def _edge_attributes(item: dict[str, Any], predicate: str, view: GraphView) -> dict[str, Any]:
    first, last = view.reported(item)
    return _present(
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


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


class GexfExporter(Gathering):
    def emit(self, view: GraphView) -> None:
        text = "\n".join(nx.generate_gexf(entity_graph(view))) + "\n"
        self.stream.write(_modified_on(text, view))


def _modified_on(gexf: str, view: GraphView) -> str:
    """networkx dates the file today; date it by its latest story, so the same store gives the same file."""
    return re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{view.latest_published}"', gexf, count=1)


class GraphmlExporter(Gathering):
    def emit(self, view: GraphView) -> None:
        buffer = io.BytesIO()
        nx.write_graphml(entity_graph(view), buffer, encoding="utf-8")
        self.stream.write(buffer.getvalue().decode("utf-8"))
