"""The query layer's own index tables, rebuilt from the derived layer after every refresh.

- `tl_search`: full text over entity names (with their folded keys), stories and the
  quotes of facts and events. SQLite: an FTS5 table (diacritics removed by its
  tokenizer); PostgreSQL: a plain table with a GIN index on its `simple` tsvector.
- `tl_event_entities`: which entity takes part in which event (participants, location,
  claimants), indexed both ways, because `events.participants` is JSON and the entity
  page and the actor filter must not scan every event.

They are created on demand (no migration: they hold nothing that cannot be rebuilt), and
`meta.search_index_of` records which derived generation they were built from, so a
reader rebuilds them when an older threadline refreshed the store without them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, inspect, text

from threadline.query.names import name_keys
from threadline.store import Store
from threadline.store.db import DERIVED_FROM

MARK = "search_index_of"
SEARCH = "tl_search"
EVENT_ENTITIES = "tl_event_entities"
_BATCH = 2000


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _create(conn: Connection) -> None:
    if is_postgres(conn):
        conn.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {SEARCH} (kind VARCHAR(10) NOT NULL, ref VARCHAR(40) NOT NULL, "
            "story VARCHAR(40), title TEXT NOT NULL, body TEXT NOT NULL, keys TEXT NOT NULL)"
        )
        conn.exec_driver_sql(
            f"CREATE INDEX IF NOT EXISTS {SEARCH}_tsv ON {SEARCH} USING GIN "
            f"(to_tsvector('simple', title || ' ' || body || ' ' || keys))"
        )
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {SEARCH}_ref ON {SEARCH} (kind, ref)")
    else:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH} USING fts5(kind UNINDEXED, ref UNINDEXED, "
            "story UNINDEXED, title, body, keys, tokenize = 'unicode61 remove_diacritics 2')"
        )
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {EVENT_ENTITIES} (entity_id VARCHAR(40) NOT NULL, "
        "event_id VARCHAR(40) NOT NULL, role VARCHAR(60) NOT NULL)"
    )
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {EVENT_ENTITIES}_entity ON {EVENT_ENTITIES} (entity_id)"
    )
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {EVENT_ENTITIES}_event ON {EVENT_ENTITIES} (event_id)")


def refresh_search_index(store: Store) -> None:
    """Rebuild the index tables from the stored entities, stories, facts and events, in
    one transaction (readers see the old index or the new one)."""
    with store.transaction() as conn:
        _create(conn)
        conn.exec_driver_sql(f"DELETE FROM {SEARCH}")
        conn.exec_driver_sql(f"DELETE FROM {EVENT_ENTITIES}")
        names = {row.id: row.name for row in conn.execute(text("SELECT id, name FROM entities"))}
        insert = text(
            f"INSERT INTO {SEARCH} (kind, ref, story, title, body, keys) "
            "VALUES (:kind, :ref, :story, :title, :body, :keys)"
        )
        for batch in _batches(_search_rows(conn, names)):
            conn.execute(insert, batch)
        link = text(
            f"INSERT INTO {EVENT_ENTITIES} (entity_id, event_id, role) VALUES (:entity, :event, :role)"
        )
        for batch in _batches(_event_links(conn)):
            conn.execute(link, batch)
        generation = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": DERIVED_FROM}).scalar()
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": MARK})
        conn.execute(text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": MARK, "v": str(generation)})


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _search_rows(conn: Connection, names: dict[str, str]) -> Iterator[dict[str, Any]]:
    for e in conn.execute(text("SELECT id, name, aliases FROM entities")).mappings():
        aliases = [a for a in _json(e["aliases"]) if a != e["name"]]
        keys = name_keys([e["name"], *aliases])
        yield {
            "kind": "entity",
            "ref": e["id"],
            "story": None,
            "title": e["name"],
            "body": ", ".join(aliases),
            "keys": keys,
        }
    for s in conn.execute(text("SELECT id, title, text FROM stories")).mappings():
        yield {
            "kind": "story",
            "ref": s["id"],
            "story": s["id"],
            "title": s["title"] or "",
            "body": s["text"],
            "keys": "",
        }
    for f in conn.execute(text("SELECT id, subject, predicate, object, evidence FROM facts")).mappings():
        title = (
            f"{names.get(f['subject'], f['subject'])} {f['predicate']} {names.get(f['object'], f['object'])}"
        )
        yield from _quote_rows(f["id"], title, _json(f["evidence"]))
    for v in conn.execute(text("SELECT id, type, date_value, evidence FROM events")).mappings():
        title = f"{v['type']} {v['date_value'] or ''}".strip()
        yield from _quote_rows(v["id"], title, _json(v["evidence"]))


def _quote_rows(ref: str, title: str, evidence: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    for item in evidence:
        if item["quote"] in seen:
            continue
        seen.add(item["quote"])
        yield {
            "kind": "quote",
            "ref": ref,
            "story": item["story"],
            "title": title,
            "body": item["quote"],
            "keys": "",
        }


def _event_links(conn: Connection) -> Iterator[dict[str, Any]]:
    for v in conn.execute(text("SELECT id, location, participants, roles FROM events")).mappings():
        roles = {entity: role for entity, role in _json(v["roles"])}
        for entity in _json(v["participants"]):
            yield {"entity": entity, "event": v["id"], "role": roles.get(entity, "participant")}
        if v["location"]:
            yield {"entity": v["location"], "event": v["id"], "role": "location"}
    for r in conn.execute(text("SELECT claimant, event, kind FROM responsibilities")).mappings():
        yield {
            "entity": r["claimant"],
            "event": r["event"],
            "role": "claims" if r["kind"] == "responsibility" else "denies",
        }


def _json(value: Any) -> Any:
    """A JSON column as read: SQLAlchemy's text() leaves it a string on SQLite."""
    return json.loads(value) if isinstance(value, str) else value


def index_current(store: Store) -> bool:
    """Whether the index tables follow the derived rows now stored: their mark (written
    in the transaction that fills them) names the derived generation. One indexed read;
    the tables themselves are looked for only when the mark is missing or old."""
    with store.snapshot() as conn:
        query = text("SELECT key, value FROM meta WHERE key IN (:a, :b)")
        marks = {k: v for k, v in conn.execute(query, {"a": MARK, "b": DERIVED_FROM}).all()}
        if MARK in marks and marks[MARK] == str(marks.get(DERIVED_FROM)):
            return True
        looked = inspect(conn)
        exists = looked.has_table(SEARCH) and looked.has_table(EVENT_ENTITIES)
    return exists and marks.get(MARK) == str(marks.get(DERIVED_FROM))


def ensure_index(store: Store) -> None:
    """Build the index tables where they are missing or behind (a store refreshed by an
    older threadline); a no-op otherwise. While an ingest is writing, an index that
    exists is used as it is: that ingest's own refresh rebuilds it when it is done."""
    if index_current(store):
        return
    if store.ingest_running() and _tables_exist(store):
        return
    refresh_search_index(store)


def _tables_exist(store: Store) -> bool:
    with store.snapshot() as conn:
        looked = inspect(conn)
        return looked.has_table(SEARCH) and looked.has_table(EVENT_ENTITIES)
