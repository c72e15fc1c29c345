"""An entity's neighbourhood for a graph view: entities as nodes, facts and shared
events as edges, one or two hops out, bounded so a hub cannot flood the page."""

from __future__ import annotations

from sqlalchemy import Connection, or_, select

from threadline.errors import ThreadlineError
from threadline.query.errors import UnknownEntity
from threadline.query.evidence import entity_refs, stories_of, story_infos, verdicts
from threadline.query.index import ensure_index
from threadline.query.records import Edge, EntityRef, Network, Node
from threadline.store import Store
from threadline.store import schema as t

MAX_NODES = 150
MAX_EDGES = 400


def network(
    store: Store,
    entity_id: str,
    depth: int = 1,
    predicate: str | None = None,
    min_sources: int = 0,
    include_rejected: bool = False,
    max_nodes: int = MAX_NODES,
) -> Network:
    """Nodes (id, label, type, depth) and fact edges (id, source, target, predicate,
    independent sources, dates, first quote) around the entity; rejected facts are left
    out unless asked for. `truncated` says the bound was reached."""
    if depth not in (1, 2):
        raise ThreadlineError(f"--depth {depth}: the depth is 1 or 2")
    ensure_index(store)
    with store.snapshot() as conn:
        if conn.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first() is None:
            raise UnknownEntity(f"no entity has the id {entity_id!r}")
        judged = verdicts(conn)
        depth_of = {entity_id: 0}
        edges: dict[str, dict] = {}
        frontier, truncated = [entity_id], False
        for hop in (1, 2)[:depth]:
            rows = _facts_touching(conn, frontier, predicate, min_sources)
            frontier = []
            for r in rows:
                if not include_rejected and judged.get(r["id"]) == "reject":
                    continue
                if len(edges) >= MAX_EDGES:
                    truncated = True
                    break
                for end in (r["subject"], r["object"]):
                    if end not in depth_of:
                        if len(depth_of) >= max_nodes:
                            truncated = True
                            break
                        depth_of[end] = hop
                        frontier.append(end)
                if r["subject"] in depth_of and r["object"] in depth_of:
                    edges[r["id"]] = r
        refs = entity_refs(conn, depth_of)
        infos = story_infos(conn, stories_of(r["evidence"] for r in edges.values()))
    nodes = [_node(refs.get(e), e, d) for e, d in depth_of.items()]
    return Network(entity_id, depth, nodes, [_edge(r, infos, judged) for r in edges.values()], truncated)


def _facts_touching(conn: Connection, ids: list[str], predicate: str | None, min_sources: int) -> list[dict]:
    f = t.facts.c
    rows: list[dict] = []
    for start in range(0, len(ids), 400):
        chunk = ids[start : start + 400]
        query = select(t.facts).where(or_(f.subject.in_(chunk), f.object.in_(chunk)), f.standing == "fact")
        if predicate:
            query = query.where(f.predicate == predicate)
        if min_sources:
            query = query.where(f.independent_sources >= min_sources)
        query = query.order_by(f.independent_sources.desc(), f.id).limit(MAX_EDGES * 2)
        rows.extend(dict(r._mapping) for r in conn.execute(query))
    return rows


def _node(ref: EntityRef | None, entity_id: str, depth: int) -> Node:
    return Node(entity_id, ref.name if ref else entity_id, ref.type if ref else "unknown", depth)


def _edge(r: dict, infos: dict, judged: dict[str, str]) -> Edge:
    dates = sorted(
        {d for d in (infos[i["story"]].published for i in r["evidence"] if i["story"] in infos) if d}
    )
    first = r["evidence"][0]["quote"] if r["evidence"] else None
    return Edge(
        id=r["id"],
        source=r["subject"],
        target=r["object"],
        predicate=r["predicate"],
        kind="fact",
        independent_sources=r["independent_sources"],
        dates=dates,
        quote=first,
        modality=r["modality"],
        contested=bool(r["disputed_by"]),
        verdict=judged.get(r["id"]),
    )
