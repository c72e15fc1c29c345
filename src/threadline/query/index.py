"""The query layer's own index tables, rebuilt from the derived layer after every refresh.

- `tl_search`: full text over entity names (with their folded keys), stories and the
  quotes of facts and events. SQLite: an FTS5 table (diacritics removed by its
  tokenizer); PostgreSQL: a plain table with a GIN index on its tsvector, in the
  `tl_folded` configuration (accents folded, pg_folding.py) where it can be made.
- `tl_event_entities`: which entity takes part in which event (participants, location,
  claimants), indexed both ways, because `events.participants` is JSON and the entity
  page and the actor filter must not scan every event.

They are created on demand (no migration: they hold nothing that cannot be rebuilt), and
`meta.search_index_of` records which derived generation they were built from, and in
which FORMAT, so a reader rebuilds them when an older threadline refreshed the store
without them or wrote them another way. Indexed texts never hold the snippet markers
(snippets.py): a marker in an article is replaced by a space.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, inspect, text

from threadline.query.names import name_keys
from threadline.query.pg_folding import ensure_folding
from threadline.query.snippets import unmarked
from threadline.store import Store
from threadline.store.db import DERIVED_FROM

MARK = "search_index_of"
SEARCH = "tl_search"
EVENT_ENTITIES = "tl_event_entities"
ROWS = "tl_search_rows"  # SQLite: the FTS rowid of each indexed entity, story and quote
_BATCH = 2000
FORMAT = "3"  # 3: no control characters; 2: no snippet markers, accents folded on PostgreSQL


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _create(conn: Connection) -> None:
    if is_postgres(conn):
        conn.exec_driver_sql(
            f"CREATE TABLE IF NOT EXISTS {SEARCH} (kind VARCHAR(10) NOT NULL, ref VARCHAR(40) NOT NULL, "
            "story VARCHAR(40), title TEXT NOT NULL, body TEXT NOT NULL, keys TEXT NOT NULL)"
        )
        _tsv_index(conn, ensure_folding(conn))
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {SEARCH}_ref ON {SEARCH} (kind, ref)")
    else:
        conn.exec_driver_sql(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {SEARCH} USING fts5(kind UNINDEXED, ref UNINDEXED, "
            "story UNINDEXED, title, body, keys, tokenize = 'unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(  # which FTS rows index what, so an update finds them by key
            f"CREATE TABLE IF NOT EXISTS {ROWS} (row INTEGER PRIMARY KEY, kind VARCHAR(10) NOT NULL, "
            "ref VARCHAR(40) NOT NULL)"
        )
        conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {ROWS}_ref ON {ROWS} (kind, ref)")
    conn.exec_driver_sql(
        f"CREATE TABLE IF NOT EXISTS {EVENT_ENTITIES} (entity_id VARCHAR(40) NOT NULL, "
        "event_id VARCHAR(40) NOT NULL, role VARCHAR(60) NOT NULL)"
    )
    conn.exec_driver_sql(
        f"CREATE INDEX IF NOT EXISTS {EVENT_ENTITIES}_entity ON {EVENT_ENTITIES} (entity_id)"
    )
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {EVENT_ENTITIES}_event ON {EVENT_ENTITIES} (event_id)")


def _tsv_index(conn: Connection, config: str) -> None:
    """PostgreSQL: the GIN index over the tsvector in `config`, made again where an older
    index used another configuration (searches read with the one now in use)."""
    name = f"{SEARCH}_tsv"
    found = conn.execute(text("SELECT indexdef FROM pg_indexes WHERE indexname = :n"), {"n": name}).scalar()
    if found is not None and f"'{config}'::regconfig" in found:
        return
    conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    conn.exec_driver_sql(
        f"CREATE INDEX {name} ON {SEARCH} USING GIN (to_tsvector('{config}', title || ' ' || body || ' ' || keys))"
    )


@dataclass(frozen=True)
class IndexUpdate:
    """What changed since the index last followed the derived rows: the stories written
    or removed, and the entities, facts and events whose rows were (events also when a
    claim of responsibility for them was)."""

    stories: set[str]
    entities: set[str]
    facts: set[str]
    events: set[str]


def refresh_search_index(store: Store, update: IndexUpdate | None = None) -> None:
    """The index tables brought up to the stored entities, stories, facts and events, in
    one transaction (readers see the old index or the new one): rebuilt whole, or with
    `update` only the rows of what changed (where the index holds what an update needs)."""
    with store.transaction() as conn:
        if update is not None and _updatable(conn):
            _update(conn, update)
        else:
            _rebuild(conn)
        generation = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": DERIVED_FROM}).scalar()
        conn.execute(text("DELETE FROM meta WHERE key = :k"), {"k": MARK})
        conn.execute(
            text("INSERT INTO meta (key, value) VALUES (:k, :v)"), {"k": MARK, "v": mark(generation)}
        )


def mark(generation: object) -> str:
    """What `meta.search_index_of` holds for an index of this FORMAT built from `generation`."""
    return f"{generation}/{FORMAT}"


def _updatable(conn: Connection) -> bool:
    """Whether the index tables are there, written in this FORMAT (else rebuilt whole)."""
    marked = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": MARK}).scalar()
    if not str(marked).endswith(f"/{FORMAT}"):
        return False
    looked = inspect(conn)
    tables = (SEARCH, EVENT_ENTITIES) if is_postgres(conn) else (SEARCH, EVENT_ENTITIES, ROWS)
    return all(looked.has_table(name) for name in tables)


def _rebuild(conn: Connection) -> None:
    _create(conn)
    for table in (SEARCH, EVENT_ENTITIES) if is_postgres(conn) else (SEARCH, EVENT_ENTITIES, ROWS):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    _insert_search(conn, _search_rows(conn, None, None, None, None))
    _insert_links(conn, _event_links(conn, None))


def _update(conn: Connection, update: IndexUpdate) -> None:
    """Rows of what changed deleted and written again; a fact is retitled when an
    entity it joins changed (its name may have)."""
    facts = update.facts | _facts_joining(conn, update.entities)
    for kind, refs in (
        ("entity", update.entities),
        ("story", update.stories),
        ("quote", facts | update.events),
    ):
        _delete_search(conn, kind, refs)
    for chunk in chunks(update.events):
        conn.execute(
            text(f"DELETE FROM {EVENT_ENTITIES} WHERE event_id IN :ids").bindparams(_ids()), {"ids": chunk}
        )
    _insert_search(conn, _search_rows(conn, update.entities, update.stories, facts, update.events))
    _insert_links(conn, _event_links(conn, update.events))


def _ids() -> Any:
    return bindparam("ids", expanding=True)


def _facts_joining(conn: Connection, entities: set[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(entities):
        query = text("SELECT id FROM facts WHERE subject IN :ids OR object IN :ids").bindparams(_ids())
        found |= set(conn.execute(query, {"ids": chunk}).scalars())
    return found


def _delete_search(conn: Connection, kind: str, refs: set[str]) -> None:
    for chunk in chunks(refs):
        params = {"kind": kind, "ids": chunk}
        if is_postgres(conn):
            query = f"DELETE FROM {SEARCH} WHERE kind = :kind AND ref IN :ids"
            conn.execute(text(query).bindparams(_ids()), params)
            continue
        rows = f"SELECT row FROM {ROWS} WHERE kind = :kind AND ref IN :ids"
        conn.execute(text(f"DELETE FROM {SEARCH} WHERE rowid IN ({rows})").bindparams(_ids()), params)
        conn.execute(
            text(f"DELETE FROM {ROWS} WHERE kind = :kind AND ref IN :ids").bindparams(_ids()), params
        )


def _insert_search(conn: Connection, rows: Iterator[dict[str, Any]]) -> None:
    """Rows in the order given; on SQLite each numbered after the last, and recorded in
    the rows table."""
    rows = (_without_markers(row) for row in rows)
    if is_postgres(conn):
        insert = text(
            f"INSERT INTO {SEARCH} (kind, ref, story, title, body, keys) "
            "VALUES (:kind, :ref, :story, :title, :body, :keys)"
        )
        for batch in _batches(rows):
            conn.execute(insert, batch)
        return
    insert = text(
        f"INSERT INTO {SEARCH} (rowid, kind, ref, story, title, body, keys) "
        "VALUES (:row, :kind, :ref, :story, :title, :body, :keys)"
    )
    record = text(f"INSERT INTO {ROWS} (row, kind, ref) VALUES (:row, :kind, :ref)")
    last = conn.execute(text(f"SELECT max(row) FROM {ROWS}")).scalar() or 0
    for batch in _batches(rows):
        batch = [{**row, "row": last + n} for n, row in enumerate(batch, start=1)]
        last += len(batch)
        conn.execute(insert, batch)
        conn.execute(record, [{k: row[k] for k in ("row", "kind", "ref")} for row in batch])


def _without_markers(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "title": unmarked(row["title"]), "body": unmarked(row["body"])}


def _insert_links(conn: Connection, links: Iterator[dict[str, Any]]) -> None:
    link = text(f"INSERT INTO {EVENT_ENTITIES} (entity_id, event_id, role) VALUES (:entity, :event, :role)")
    for batch in _batches(links):
        conn.execute(link, batch)


def chunks(ids: set[str] | None) -> Iterator[list[str]]:
    listed = sorted(ids or ())
    for start in range(0, len(listed), 500):
        yield listed[start : start + 500]


def _selected(conn: Connection, query: str, ids: set[str] | None, column: str = "id") -> Iterator[Any]:
    """Rows of `query` (a SELECT with no WHERE): all of them, or those whose `column` is
    in `ids` (the order of rows matters only within one entity, story, fact or event)."""
    if ids is None:
        yield from conn.execute(text(query)).mappings()
        return
    for chunk in chunks(ids):
        where = text(f"{query} WHERE {column} IN :ids").bindparams(_ids())
        yield from conn.execute(where, {"ids": chunk}).mappings()


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _search_rows(
    conn: Connection,
    entities: set[str] | None,
    stories: set[str] | None,
    facts: set[str] | None,
    events: set[str] | None,
) -> Iterator[dict[str, Any]]:
    """The index rows of every entity, story, fact and event, or of those named."""
    for e in _selected(conn, "SELECT id, name, aliases FROM entities", entities):
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
    for s in _selected(conn, "SELECT id, title, text FROM stories", stories):
        yield {
            "kind": "story",
            "ref": s["id"],
            "story": s["id"],
            "title": s["title"] or "",
            "body": s["text"],
            "keys": "",
        }
    rows = list(_selected(conn, "SELECT id, subject, predicate, object, evidence FROM facts", facts))
    names = _names(conn, {f[k] for f in rows for k in ("subject", "object")})
    for f in rows:
        title = (
            f"{names.get(f['subject'], f['subject'])} {f['predicate']} {names.get(f['object'], f['object'])}"
        )
        yield from _quote_rows(f["id"], title, _json(f["evidence"]))
    for v in _selected(conn, "SELECT id, type, date_value, evidence FROM events", events):
        title = f"{v['type']} {v['date_value'] or ''}".strip()
        yield from _quote_rows(v["id"], title, _json(v["evidence"]))


def _names(conn: Connection, ids: set[str]) -> dict[str, str]:
    return {row["id"]: row["name"] for row in _selected(conn, "SELECT id, name FROM entities", ids)}


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


def _event_links(conn: Connection, events: set[str] | None) -> Iterator[dict[str, Any]]:
    """Who takes part in every event (or in those named), and who claims or denies it."""
    for v in _selected(conn, "SELECT id, location, participants, roles FROM events", events):
        roles = {entity: role for entity, role in _json(v["roles"])}
        for entity in _json(v["participants"]):
            yield {"entity": entity, "event": v["id"], "role": roles.get(entity, "participant")}
        if v["location"]:
            yield {"entity": v["location"], "event": v["id"], "role": "location"}
    for r in _selected(conn, "SELECT claimant, event, kind FROM responsibilities", events, "event"):
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
        if MARK in marks and marks[MARK] == mark(marks.get(DERIVED_FROM)):
            return True
        looked = inspect(conn)
        exists = looked.has_table(SEARCH) and looked.has_table(EVENT_ENTITIES)
    return exists and marks.get(MARK) == mark(marks.get(DERIVED_FROM))


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
