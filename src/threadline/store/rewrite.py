"""Derived rows written as what changed: a refresh after a small ingest changes a few
mention links, copies, entities, facts and events, and the write touches only
theirs (the search index hears which, and updates only those).

  * Mention links, duplicates, facts, events and claims of responsibility are compared
    in memory with the stored rows the refresh already read (store/baseline.py), link
    against link and record against record by primary key. Where it read none, the
    stored records are read back in the write's transaction and compared the same way;
    the links are written whole.
  * Entities are compared whole row against whole row with the stored rows read back.
  * Rows gone or changed are deleted by primary key, rows new or changed inserted.
  * The decisions ledger is compared by position key and digest with the stored keys
    and digests read back (store/ledger.py): a stored decision keeps its key while
    others come and go around it, so only the decisions new, changed or moved are
    deleted and inserted.

Where a step redid only a region of the store (a `Scope`: the rows whose key column
holds one of some keys) and the refresh holds no rows to compare with, only the stored
rows in that scope are read, compared or deleted, and the step's rows in it inserted.
What the tables hold afterwards equals deleting and inserting all. The facts step hands
on only the rows in its scope (`Scope.total`), so they are always written that way; the
stories each fact cites (store/fact_links.py) follow the facts rows written.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

import numpy as np
from sqlalchemy import JSON, Connection, Table, and_, bindparam, delete, insert, select

from threadline.records import Decision
from threadline.store import fact_links
from threadline.store import schema as t
from threadline.store.baseline import RECORDS, WRITES, changed_records, derived_writes, moved_links
from threadline.store.changes import chunks
from threadline.store.layout import Derived, Scope, decision_row, scoped_rows
from threadline.store.ledger import digest, place, stored_keys

Row = dict[str, Any]


@dataclass
class Rewritten:
    """What a write of the derived rows did: whether they are now current, and per
    compared table the rows it deleted (old versions) and inserted (new versions)."""

    current: bool
    written: bool = True  # False: dropped, the stored rows follow newer claims
    deleted: dict[str, list[Row]] = field(default_factory=dict)
    inserted: dict[str, list[Row]] = field(default_factory=dict)
    rows: Counter[str] = field(default_factory=Counter)  # table -> rows deleted plus rows inserted

    def keys(self, table: str, column: str) -> set[Any]:
        """`column` of every row of `table` deleted or inserted."""
        return {r[column] for r in (*self.deleted.get(table, ()), *self.inserted.get(table, ()))}


def _canonical(json_columns: Sequence[bool], values: Sequence[Any]) -> tuple[Any, ...]:
    """A row as comparable values: JSON columns as their sorted JSON text (a tuple and
    the list read back alike), the others as they are."""
    return tuple(
        json.dumps(v, sort_keys=True) if is_json else v
        for is_json, v in zip(json_columns, values, strict=True)
    )


# The tables compared row by row with their stored rows read back, where they are not
# compared as records (store/baseline.py RECORDS): those whose changes the search index
# follows (query/index.py). Places, place tallies, and the mention links where the
# refresh holds none, are deleted and inserted whole (in their scope, if any); the
# decisions ledger is compared by key and digest (store/ledger.py).
COMPARED = frozenset({"entities", "facts", "events", "responsibilities"})


def write_derived(conn: Connection, derived: Derived, done: Rewritten) -> None:
    """Every derived table left holding `derived`'s rows, in the caller's transaction.
    The mention links are compared in memory with those the refresh read, and the
    tables of RECORDS as records with those it read or, where it holds none, with the
    stored ones read back, where no other write came since (store/baseline.py); the
    count of derived writes goes up by one."""
    writes = derived_writes(conn)
    held = derived.baseline if derived.baseline is not None and derived.baseline.writes == writes else None
    links = held.entity_of if held is not None and t.mention_entities.name not in derived.scopes else None
    records = {
        name: held.records[name] if held is not None and name in held.records else None
        for name in RECORDS
        if name not in derived.scopes
        or (held is not None and name in held.records and derived.scopes[name].total is None)
    }
    ledger = t.decisions.name not in derived.scopes  # a step that scopes the ledger: written as others
    leave_out = frozenset(records) | ({t.mention_entities.name} if links is not None else set())
    for table, rows, scope in scoped_rows(derived, leave_out | ({t.decisions.name} if ledger else set())):
        rewrite_table(conn, table, rows, done, scope)
    if ledger:
        _rewrite_ledger(conn, derived.decisions, done)
    if links is not None:
        _rewrite_links(conn, links, derived.entity_of, done)
    for name, old in records.items():
        _rewrite_records(conn, t.metadata.tables[name], old, getattr(derived, name), done)
    _relink_facts(conn, derived, done)
    conn.execute(delete(t.meta).where(t.meta.c.key == WRITES))
    conn.execute(insert(t.meta), [{"key": WRITES, "value": str(writes + 1)}])


def _relink_facts(conn: Connection, derived: Derived, done: Rewritten) -> None:
    """The stories each fact cites kept in step with the facts (store/fact_links.py): as
    the facts rows written where the facts step redid a region, else all again (a whole
    refresh, a rebuild, also mends links an older or failed write left wrong)."""
    if t.facts.name in derived.scopes:
        fact_links.relink(conn, done.deleted.get(t.facts.name, ()), done.inserted.get(t.facts.name, ()))
    else:
        fact_links.link_all(conn, derived.facts)


def _rewrite_records(
    conn: Connection, table: Table, old: Sequence[Any] | None, new: Sequence[Any], done: Rewritten
) -> None:
    """`table` from the records `old` (as stored; None: read them back) to `new`: only
    the rows of records that differ. A scope does not matter: `new` holds every row."""
    how = RECORDS[table.name]
    if old is None:
        old = [how.read(r._mapping) for r in conn.execute(select(table))]
    gone, changed = changed_records(old, new, how.key)
    _apply(conn, table, [how.row(r) for r in gone], [how.row(r) for r in changed], done)


def _rewrite_links(conn: Connection, old: Mapping[str, str], new: Mapping[str, str], done: Rewritten) -> None:
    """mention_entities from `old` (as stored) to `new`: only the links that differ."""
    table = t.mention_entities
    gone, moved = moved_links(old, new)
    for chunk in chunks(gone):
        conn.execute(delete(table).where(table.c.mention_id.in_(chunk)))
    if moved:
        insert_rows(conn, table, [{"mention_id": m, "entity_id": new[m]} for m in sorted(moved)])
    done.rows[table.name] += len(gone) + len(moved)


def _rewrite_ledger(conn: Connection, decisions: Sequence[Decision], done: Rewritten) -> None:
    """The decisions table from the stored ledger to `decisions`: only the rows new,
    changed or moved (store/ledger.py), inserted a chunk at a time as they are made."""
    table = t.decisions
    stored_seq, stored_digest, has = stored_keys(conn)
    digests = np.fromiter((digest(d) for d in decisions), dtype=np.int64, count=len(decisions))
    plan = place(stored_seq[has], stored_digest[has], digests)
    gone = [*stored_seq[~has].tolist(), *plan.gone.tolist()]
    for chunk in chunks(gone):
        conn.execute(delete(table).where(table.c.seq.in_(chunk)))
    written = plan.written.tolist()
    for start in range(0, len(written), INSERT_CHUNK):
        picked = written[start : start + INSERT_CHUNK]
        insert_rows(
            conn, table, [decision_row(int(plan.seq[i]), decisions[i], int(digests[i])) for i in picked]
        )
    done.rows[table.name] += len(gone) + len(written)


INSERT_CHUNK = 20_000  # rows made and inserted at a time where a table is written whole


def rewrite_table(
    conn: Connection, table: Table, rows: Iterable[Row], done: Rewritten, scope: Scope | None = None
) -> None:
    """Leave `table` holding exactly `rows` (with a `scope`: the rows in it hold exactly
    `rows`, all of which are in it, and the others stay): in COMPARED touching only the
    rows that differ (and saying which in `done`), the others replaced whole, their rows
    taken and inserted a chunk at a time (`rows` may be a generator)."""
    if table.name not in COMPARED:
        done.rows[table.name] += _delete_scope(conn, table, scope)
        for chunk in _in_chunks(rows, INSERT_CHUNK):
            insert_rows(conn, table, chunk)
            done.rows[table.name] += len(chunk)
        return
    names = [c.name for c in table.columns]
    json_columns = [isinstance(c.type, JSON) for c in table.columns]
    wanted = {_canonical(json_columns, [r.get(n) for n in names]): r for r in rows}
    stored = {_canonical(json_columns, r): r for r in _stored_rows(conn, table, scope)}
    gone = [dict(zip(names, r, strict=True)) for key, r in stored.items() if key not in wanted]
    _apply(conn, table, gone, [r for key, r in wanted.items() if key not in stored], done)


def _in_chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """`rows` in lists of `size` (the last shorter), in order."""
    found = iter(rows)
    while chunk := list(islice(found, size)):
        yield chunk


def _apply(conn: Connection, table: Table, gone: list[Row], new: list[Row], done: Rewritten) -> None:
    """Delete the rows `gone` by primary key, insert those `new`, and say so in `done`."""
    if gone:
        keys = [c.name for c in table.primary_key.columns]
        match = and_(*(table.c[k] == bindparam(f"pk_{k}") for k in keys))
        conn.execute(delete(table).where(match), [{f"pk_{k}": r[k] for k in keys} for r in gone])
    if new:
        insert_rows(conn, table, new)
    done.deleted[table.name], done.inserted[table.name] = gone, new
    done.rows[table.name] += len(gone) + len(new)


def insert_rows(conn: Connection, table: Table, rows: Sequence[Row]) -> None:
    """Insert `rows` into `table`. On SQLite, a table without JSON columns takes them as
    plain tuples through the driver: SQLAlchemy would convert nothing in them, and
    handing it a dict per row cost as much as SQLite's own insert (the decisions
    ledger, written whole on a first write, holds most of a store's derived rows)."""
    if conn.dialect.name != "sqlite" or any(isinstance(c.type, JSON) for c in table.columns):
        conn.execute(insert(table), list(rows))
        return
    names = [c.name for c in table.columns]
    quote = conn.dialect.identifier_preparer.quote
    listed, marks = ", ".join(quote(n) for n in names), ", ".join("?" for _ in names)
    statement = f"INSERT INTO {quote(table.name)} ({listed}) VALUES ({marks})"
    conn.exec_driver_sql(statement, [tuple(r[n] for n in names) for r in rows])


def _delete_scope(conn: Connection, table: Table, scope: Scope | None) -> int:
    """Delete the rows in `scope` (None: all); how many there were."""
    if scope is None:
        return conn.execute(delete(table)).rowcount or 0
    return sum(
        conn.execute(delete(table).where(table.c[scope.column].in_(chunk))).rowcount or 0
        for chunk in chunks(scope.keys)
    )


def _stored_rows(conn: Connection, table: Table, scope: Scope | None) -> list[Any]:
    if scope is None:
        return list(conn.execute(select(table)))
    column = table.c[scope.column]
    return [r for chunk in chunks(scope.keys) for r in conn.execute(select(table).where(column.in_(chunk)))]
