"""What a store must look like after any crash: checked on the real database.

- the database itself is sound (SQLite: `PRAGMA integrity_check` and `foreign_key_check`);
- no orphan rows: every story has its document, every claim its story, every
  reference between claims points at a stored row;
- no half-ingested document: each stored document holds exactly the stories and
  claims an uninterrupted run stores for it (compared with a reference store);
- the stale flag tells the truth: a store that says its derived rows are current
  has exactly the duplicates, entities and places its claims give now.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select, text

from threadline.errors import Failures
from threadline.refresh import derive_from_claims
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.layout import derived_rows
from threadline.store.ledger import ledger_rows

Claims = dict[str, frozenset[tuple[str, str]]]  # document id -> (table, row id) of everything it stored

# (table, column, the table and column it must point at): references the schema does not enforce
REFERENCES = (
    ("stories", "document_id", "documents", "id"),
    ("signatures", "story_id", "stories", "id"),
    ("mentions", "story_id", "stories", "id"),
    ("assertions", "story_id", "stories", "id"),
    ("assertions", "subject", "mentions", "id"),
    ("assertions", "object", "mentions", "id"),
    ("event_mentions", "story_id", "stories", "id"),
    ("claims", "story_id", "stories", "id"),
    ("claims", "claimant", "mentions", "id"),
    ("claims", "event", "event_mentions", "id"),
)
DERIVED_REFERENCES = (
    ("mention_entities", "mention_id", "mentions", "id"),
    ("mention_entities", "entity_id", "entities", "id"),
    ("places", "entity_id", "entities", "id"),
    ("decisions", "left_entity", "entities", "id"),
    ("decisions", "right_entity", "entities", "id"),
    ("duplicates", "story_id", "stories", "id"),
    ("duplicates", "duplicate_of", "stories", "id"),
)


def check_store(store: Store, reference: Claims, settings: Settings) -> list[str]:
    """Every problem found, one line each; [] for a sound store."""
    with store.snapshot() as conn:
        problems = database_problems(conn)
        stale = store.derived_stale()
        problems += orphans(conn, REFERENCES if stale else REFERENCES + DERIVED_REFERENCES)
        problems += empty_documents(conn)
        problems += half_documents(claims_by_document(conn), reference)
        if not stale:
            problems += derived_behind(store, conn, settings)
    return problems


def database_problems(conn: Connection) -> list[str]:
    if conn.dialect.name != "sqlite":
        return []  # PostgreSQL's own recovery is trusted; the rows are still checked below
    integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    keys = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
    problems = [] if integrity == ["ok"] else [f"integrity_check: {'; '.join(integrity)}"]
    return problems + [f"foreign_key_check: {tuple(row)}" for row in keys]


def orphans(conn: Connection, references: Iterable[tuple[str, str, str, str]]) -> list[str]:
    problems = []
    for table, column, target, key in references:
        query = (
            f'SELECT count(*) FROM {table} x WHERE x."{column}" IS NOT NULL AND NOT EXISTS '
            f'(SELECT 1 FROM {target} y WHERE y."{key}" = x."{column}")'
        )
        count = conn.execute(text(query)).scalar_one()
        if count:
            problems.append(f"{count} rows of {table} point at no {target} ({column})")
    return problems


def empty_documents(conn: Connection) -> list[str]:
    query = "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.document_id = d.id)"
    stories = "SELECT count(*) FROM stories s WHERE NOT EXISTS (SELECT 1 FROM signatures g WHERE g.story_id = s.id AND g.part = 0)"
    problems = []
    if count := conn.execute(text(query)).scalar_one():
        problems.append(f"{count} documents without stories")
    if count := conn.execute(text(stories)).scalar_one():
        problems.append(f"{count} stories without their signature")
    return problems


def claims_by_document(conn: Connection) -> Claims:
    """For each document, the ids of its stories and of every row its stories hold."""
    story_doc = {s: d for s, d in conn.execute(select(t.stories.c.id, t.stories.c.document_id))}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for document in conn.execute(select(t.documents.c.id)).scalars():
        found[document].add(("documents", document))
    for story, document in story_doc.items():
        found[document].add(("stories", story))
    for table in t.STORY_CHILDREN:
        key = table.c.id if "id" in table.c else table.c.part
        for story, row in conn.execute(select(table.c.story_id, key)):
            found[story_doc.get(story, "?")].add((table.name, f"{story}/{row}"))
    return {document: frozenset(rows) for document, rows in found.items()}


def half_documents(stored: Claims, reference: Claims) -> list[str]:
    problems = []
    for document, rows in sorted(stored.items()):
        expected = reference.get(document)
        if expected is None:
            problems.append(f"document {document}: not stored by an uninterrupted run")
        elif rows != expected:
            missing, extra = len(expected - rows), len(rows - expected)
            problems.append(f"document {document}: half-ingested ({missing} rows missing, {extra} extra)")
    return problems


def derived_behind(store: Store, conn: Connection, settings: Settings) -> list[str]:
    """A store marked current must hold the derived rows its claims give now."""
    expected = derived_rows(derive_from_claims(store, settings, Failures()))
    problems = []
    for table, rows in expected:
        if table is t.decisions:  # the ledger: its order counts, not its keys (store/ledger.py)
            stored_ledger = [_canonical(r) for r in ledger_rows(conn)]
            if stored_ledger != [_canonical({**row, "seq": i}) for i, row in enumerate(rows)]:
                problems.append(f"{table.name}: marked current, but the claims give another ledger")
            continue
        stored = {_canonical(r._mapping) for r in conn.execute(select(table))}
        if stored != {_canonical(row) for row in rows}:
            problems.append(f"{table.name}: marked current, but the claims give other rows")
    return problems


def _canonical(row: Mapping[str, Any]) -> str:
    return json.dumps(dict(row), sort_keys=True, default=str)
