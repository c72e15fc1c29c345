"""The only module that writes SQL: open a store, replace a document, read claims back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from threadline.errors import StoreError
from threadline.records import (
    Assertion,
    Claim,
    Document,
    Duplicate,
    Entity,
    EventMention,
    Extraction,
    Mention,
    Story,
    document_id,
)
from threadline.resolve.geocode import Place
from threadline.resolve.judgements import Judgement
from threadline.store import layout
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.store.migrate import upgrade
from threadline.vocab import KnownEntity


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _set_stale(conn: Any, stale: bool) -> None:
    conn.execute(delete(t.meta).where(t.meta.c.key == "derived_stale"))
    conn.execute(insert(t.meta), [{"key": "derived_stale", "value": "1" if stale else "0"}])


_IDS_PER_STATEMENT = 500  # well under SQLite's limit on bound parameters


def _delete_documents(conn: Any, ids: Sequence[str]) -> int:
    """Delete documents, their stories and everything extracted from them; how many were there."""
    removed = 0
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        chunk = list(ids[start : start + _IDS_PER_STATEMENT])
        their_stories = select(t.stories.c.id).where(t.stories.c.document_id.in_(chunk))
        for table in t.STORY_CHILDREN:
            conn.execute(delete(table).where(table.c.story_id.in_(their_stories)))
        conn.execute(delete(t.stories).where(t.stories.c.document_id.in_(chunk)))
        removed += conn.execute(delete(t.documents).where(t.documents.c.id.in_(chunk))).rowcount or 0
    return removed


def _legacy_row(conn: Any, document: Document) -> list[str]:
    """The id of a row written before documents had a locator, for the same source."""
    legacy = document_id(document.source)
    if legacy == document.id:
        return []
    query = select(t.documents.c.id).where(t.documents.c.id == legacy, t.documents.c.locator.is_(None))
    return list(conn.execute(query).scalars())


class Store:
    """A threadline database: SQLite by default, PostgreSQL for teams."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            upgrade(self.engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"{url}: cannot open the database: {exc.__class__.__name__}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ documents
    def document_hash(self, document_id: str) -> str | None:
        with self.engine.connect() as conn:
            query = select(t.documents.c.content_hash).where(t.documents.c.id == document_id)
            return conn.execute(query).scalar_one_or_none()

    def replace_document(
        self, document: Document, extractions: Sequence[Extraction], minhashes: dict[tuple[str, int], bytes]
    ) -> None:
        """One transaction: the document's old stories and claims go, the new ones come in.
        A row an older threadline wrote for the same input (its id hashed the bare source)
        goes too."""
        with self.engine.begin() as conn:
            seq = conn.execute(
                select(t.documents.c.seq).where(t.documents.c.id == document.id)
            ).scalar_one_or_none()
            if seq is None:
                seq = (conn.execute(select(func.max(t.documents.c.seq))).scalar() or 0) + 1
            _delete_documents(conn, [document.id, *_legacy_row(conn, document)])
            row = {**layout.document_row(document, seq), "locator": document.locator or document.source}
            conn.execute(insert(t.documents), [{**row, "feed": document.feed}])
            layout.insert_extractions(conn, extractions, minhashes)
            _set_stale(conn, True)

    def remove_documents(self, ids: Sequence[str]) -> int:
        """Remove documents with their stories and claims; how many were stored."""
        with self.engine.begin() as conn:
            removed = _delete_documents(conn, ids)
            if removed:
                _set_stale(conn, True)
            return removed

    def feed_documents(self, feed: str) -> dict[str, str]:
        """The stored records of a JSONL file: document id -> locator."""
        query = select(t.documents.c.id, t.documents.c.locator).where(t.documents.c.feed == feed)
        with self.engine.connect() as conn:
            return {row.id: row.locator for row in conn.execute(query)}

    # ------------------------------------------------------------ reading claims
    def stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            order = (t.stories.c.source, t.stories.c.document_id, t.stories.c.idx)  # sources may repeat
            rows = conn.execute(select(t.stories).order_by(*order))
            return [layout.story(r._mapping) for r in rows]

    def minhashes(self, paragraphs: bool = False) -> dict[tuple[str, int], bytes]:
        """Story signatures (part 0), or with `paragraphs` the per-paragraph ones."""
        part = t.signatures.c.part
        query = select(t.signatures.c.story_id, part, t.signatures.c.minhash)
        query = query.where(part > 0 if paragraphs else part == 0)
        with self.engine.connect() as conn:
            return {(story, n): blob for story, n, blob in conn.execute(query)}

    def mentions(self) -> list[Mention]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.mentions).order_by(t.mentions.c.story_id, t.mentions.c.zone, t.mentions.c.start)
            )
            return [layout.mention(r._mapping) for r in rows]

    def assertions(self) -> list[Assertion]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.assertions).order_by(t.assertions.c.id))
            return [layout.assertion(r._mapping) for r in rows]

    def event_mentions(self) -> list[EventMention]:
        """Event mentions, each with the claims of responsibility made for it."""
        with self.engine.connect() as conn:
            claims: dict[str, list[Claim]] = {}
            for r in conn.execute(select(t.claims).order_by(t.claims.c.id)):
                claims.setdefault(r.event, []).append(layout.claim(r._mapping))
            rows = conn.execute(select(t.event_mentions).order_by(t.event_mentions.c.id))
            return [layout.event_mention(r._mapping, tuple(claims.get(r.id, ()))) for r in rows]

    # ------------------------------------------------------------ derived rows
    def replace_derived(self, derived: Derived) -> None:
        """Duplicates, entities and places in one transaction: all new, or all as they were."""
        with self.engine.begin() as conn:
            for table in (t.duplicates, t.mention_entities, t.entities, t.places):
                conn.execute(delete(table))
            for table, rows in layout.derived_rows(derived):
                if rows:
                    conn.execute(insert(table), rows)
            _set_stale(conn, False)

    def derived_stale(self) -> bool:
        """True when claims changed since duplicates and entities were last computed."""
        with self.engine.connect() as conn:
            query = select(t.meta.c.value).where(t.meta.c.key == "derived_stale")
            return conn.execute(query).scalar_one_or_none() == "1"

    def duplicates(self) -> list[Duplicate]:
        with self.engine.connect() as conn:
            order = (t.duplicates.c.story_id, t.duplicates.c.duplicate_of)
            rows = conn.execute(select(t.duplicates).order_by(*order))
            return [Duplicate(**r._mapping) for r in rows]

    def places(self) -> dict[str, Place]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.places).order_by(t.places.c.entity_id))
            return {
                r.entity_id: Place(**{k: v for k, v in r._mapping.items() if k != "entity_id"}) for r in rows
            }

    def entities(self) -> list[Entity]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.entities).order_by(t.entities.c.id))
            return [
                Entity(id=r.id, type=r.type, name=r.name, aliases=tuple(r.aliases), kb_id=r.kb_id)
                for r in rows
            ]

    def entity_reasons(self) -> dict[str, list[str]]:
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(select(t.entities.c.id, t.entities.c.reasons))}

    def entity_of(self) -> dict[str, str]:
        with self.engine.connect() as conn:
            query = select(t.mention_entities.c.mention_id, t.mention_entities.c.entity_id)
            return {row[0]: row[1] for row in conn.execute(query)}

    # ------------------------------------------------------------ analyst and reference data
    def add_judgement(self, judgement: Judgement) -> None:
        """Record a judgement and mark the derived rows behind it in one transaction: if the
        command dies before it recomputes them, the next ingest or command applies it."""
        payload = {"subjects": list(judgement.subjects), "name": judgement.name, "note": judgement.note}
        if judgement.entity_type:
            payload["type"] = judgement.entity_type
        row = {
            "kind": judgement.kind,
            "payload": payload,
            "author": judgement.author,
            "created": judgement.created,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(t.judgements), [row])
            _set_stale(conn, True)

    def judgements(self) -> list[Judgement]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.judgements).order_by(t.judgements.c.created, t.judgements.c.id))
            return [
                Judgement(
                    kind=r.kind,
                    subjects=tuple(r.payload["subjects"]),
                    author=r.author,
                    created=r.created,
                    name=r.payload.get("name"),
                    note=r.payload.get("note", ""),
                    entity_type=r.payload.get("type"),
                )
                for r in rows
            ]

    def replace_reference_entities(self, source: str, entities: Sequence[KnownEntity]) -> None:
        """A reference file loaded again replaces what it brought before."""
        rows = {e.id: {"id": e.id, "source": source, "entry": asdict(e)} for e in entities}
        with self.engine.begin() as conn:
            conn.execute(delete(t.reference_entities).where(t.reference_entities.c.source == source))
            if rows:
                conn.execute(delete(t.reference_entities).where(t.reference_entities.c.id.in_(list(rows))))
                conn.execute(insert(t.reference_entities), list(rows.values()))

    def reference_entities(self) -> tuple[KnownEntity, ...]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.reference_entities.c.entry).order_by(t.reference_entities.c.id))
            return tuple(KnownEntity(**{**entry, "aliases": tuple(entry["aliases"])}) for (entry,) in rows)

    def counts(self) -> dict[str, int]:
        tables = {
            "documents": t.documents,
            "stories": t.stories,
            "duplicates": t.duplicates,
            "mentions": t.mentions,
            "entities": t.entities,
            "relation_claims": t.assertions,
            "event_mentions": t.event_mentions,
        }
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }
