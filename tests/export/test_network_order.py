"""GEXF and GraphML written node by node and edge by edge are what networkx writes of
the whole graph: an entity's relations grouped by the entity they point to, in the
order first joined, then its ties to events, whatever the order the relations are
stored in. The examples store gets relations that interleave their objects (a to b,
a to c, then a to b again) and both files are held to networkx's of the graph built
whole from every item."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import networkx as nx
import pytest
from tests.export.support import sqlite_url

from threadline.export import export
from threadline.export.network_graph import (
    edge_attributes,
    entity_attributes,
    event_attributes,
    event_ties,
    present,
)
from threadline.export.reader import GraphReader
from threadline.export.view import Lookup
from threadline.store import Store


def interleave_relations(db: Path) -> None:
    """Relations from one entity to two others, stored so that their objects alternate."""
    with closing(sqlite3.connect(db)) as conn, conn:
        first, second, third = (r[0] for r in conn.execute("SELECT id FROM entities ORDER BY id LIMIT 3"))
        evidence = json.dumps(
            [{"story": conn.execute("SELECT id FROM stories LIMIT 1").fetchone()[0], "quote": "q"}]
        )
        for n, (predicate, target) in enumerate((("p_a", second), ("p_b", third), ("p_c", second))):
            conn.execute(
                "INSERT INTO facts (id, subject, predicate, object, standing, disputed_by, modality, evidence,"
                " sources, independent_sources) VALUES (?, ?, ?, ?, 'fact', '[]', 'asserted', ?, 1, 1)",
                (f"f-test{n}", first, predicate, target, evidence),
            )


def whole_graph(store: Store) -> tuple[nx.MultiDiGraph, str]:
    """The graph built whole from every item, as the exporters once built it."""
    with store.snapshot() as conn:
        graph = GraphReader(store, conn)
        entities = list(graph.items("entities"))
        view = Lookup({e["id"]: e for e in entities}, {s.id: s for s in graph.story_refs()})
        whole = nx.MultiDiGraph()
        whole.add_nodes_from((e["id"], entity_attributes(e)) for e in entities)
        for r in graph.items("relations"):
            whole.add_edge(r["subject"], r["object"], key=r["id"], **edge_attributes(r, r["predicate"], view))
        for event in graph.items("events"):
            whole.add_node(event["id"], **present(event_attributes(event, view)))
            for actor, role in event_ties(event):
                attributes = edge_attributes(event, role, view)
                whole.add_edge(actor, event["id"], key=f"{event['id']}:{actor}", **attributes)
        return whole, graph.latest_published()


@pytest.fixture
def interleaved(examples_copy: Path) -> Store:
    interleave_relations(examples_copy)
    return Store(sqlite_url(examples_copy))


def exported(store: Store, fmt: str) -> str:
    out = io.StringIO()
    export(store, fmt, out)
    return out.getvalue()


def test_gexf_is_networkxs_of_the_whole_graph(interleaved: Store) -> None:
    whole, latest = whole_graph(interleaved)
    text = "\n".join(nx.generate_gexf(whole)) + "\n"
    expected = re.sub(r'lastmodifieddate="[^"]*"', f'lastmodifieddate="{latest}"', text, count=1)
    written = exported(interleaved, "gexf")
    assert written == expected
    assert written.index('id="f-test0"') < written.index('id="f-test2"') < written.index('id="f-test1"')


def test_graphml_is_networkxs_of_the_whole_graph(interleaved: Store) -> None:
    whole, _ = whole_graph(interleaved)
    buffer = io.BytesIO()
    nx.write_graphml(whole, buffer, encoding="utf-8")
    assert exported(interleaved, "graphml") == buffer.getvalue().decode("utf-8")
