"""The only module that writes SQL: open a store, replace a document, read claims back."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from sys import intern

from sqlalchemy import Connection, Engine, delete, func, insert, select
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from threadline.errors import StoreError
from threadline.records import (
    Assertion,
    Decision,
    Document,
    Duplicate,
    Entity,
    EventMention,
    Extraction,
    Fact,
    GraphEvent,
    Judgement,
    KnownEntity,
    Mention,
    Place,
    Responsibility,
    StepRun,
    Story,
    document_id,
)
from threadline.store import changes, connect, layout, regions, story_cues, witnesses
from threadline.store import schema as t
from threadline.store.judged import insert_judgements
from threadline.store.layout import Derived
from threadline.store.mention_rows import every_mention
from threadline.store.migrate import upgrade
from threadline.store.rewrite import Rewritten, write_derived

STALE = "derived_stale"  # "1" while the derived layer (workflow.GLOBAL_STEPS) lags behind the claims
DocumentWrite = tuple[Document, Sequence[Extraction], dict[tuple[str, int], bytes]]
GENERATION = "claims_generation"  # counts changes to the claims, so a refresh knows what it saw
DERIVED_FROM = "derived_generation"  # the claims_generation the derived rows were computed from
CONTAINMENT = "events_containment"  # JSON [[inner, outer], ...]: the located_in pairs the events step read
LOOSE = "events_loose"  # JSON [event mention id, ...]: those it first merged into events with no day


def _meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(t.meta.c.value).where(t.meta.c.key == key)).scalar_one_or_none()


def _put_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(t.meta).where(t.meta.c.key == key))
    conn.execute(insert(t.meta), [{"key": key, "value": value}])


def _set_stale(conn: Connection, stale: bool = True) -> None:
    """Mark the derived rows behind, in the transaction that changes what they follow
    from (claims, judgements, reference entities); it counts one more change."""
    if stale:
        _put_meta(conn, GENERATION, str(int(_meta(conn, GENERATION) or 0) + 1))
    _put_meta(conn, STALE, "1" if stale else "0")


_IDS_PER_STATEMENT = 500  # well under SQLite's limit on bound parameters


def _replace_document(
    conn: Connection,
    document: Document,
    extractions: Sequence[Extraction],
    minhashes: dict[tuple[str, int], bytes],
) -> None:
    seq = conn.execute(select(t.documents.c.seq).where(t.documents.c.id == document.id)).scalar_one_or_none()
    stored = [] if seq is None else [document.id]  # a document not stored has no rows to delete
    if seq is None:
        seq = (conn.execute(select(func.max(t.documents.c.seq))).scalar() or 0) + 1
    _delete_documents(conn, [*stored, *_legacy_row(conn, document)])
    row = {**layout.document_row(document, seq), "locator": document.locator or document.source}
    conn.execute(insert(t.documents), [{**row, "feed": document.feed}])
    layout.insert_extractions(conn, extractions, minhashes)
    changes.record_changes(conn, [ex.story.id for ex in extractions], _next_generation(conn))


def _replace_together(conn: Connection, batch: Sequence[DocumentWrite]) -> bool:
    """`_replace_document` for each of the batch, in a few statements per table instead of
    a dozen per document (a bulk load of 100,000 documents spent most of its time issuing
    them); the same rows. False, with nothing written, where the batch names one document
    twice or an old row of another's, which the one-by-one order decides."""
    ids = [document.id for document, _, _ in batch]
    legacy = [i for document, _, _ in batch for i in _legacy_row(conn, document)]
    if len(set(ids)) < len(ids) or set(legacy) & set(ids):
        return False
    seqs = {i: s for i, s in _stored_seqs(conn, ids)}
    next_seq = (conn.execute(select(func.max(t.documents.c.seq))).scalar() or 0) + 1
    _delete_documents(conn, [*seqs, *legacy])  # only what is stored has rows to delete
    rows = []
    for document, _, _ in batch:
        if document.id not in seqs:
            seqs[document.id], next_seq = next_seq, next_seq + 1
        row = {
            **layout.document_row(document, seqs[document.id]),
            "locator": document.locator or document.source,
        }
        rows.append({**row, "feed": document.feed})
    if rows:
        conn.execute(insert(t.documents), rows)
    extractions = [ex for _, written, _ in batch for ex in written]
    layout.insert_extractions(conn, extractions, {k: v for _, _, m in batch for k, v in m.items()})
    changes.record_changes(conn, [ex.story.id for ex in extractions], _next_generation(conn))
    return True


def _stored_seqs(conn: Connection, ids: Sequence[str]) -> Iterator[tuple[str, int]]:
    for chunk in changes.chunks(ids):
        query = select(t.documents.c.id, t.documents.c.seq).where(t.documents.c.id.in_(chunk))
        yield from ((i, s) for i, s in conn.execute(query))


def _next_generation(conn: Connection) -> int:
    """The claims generation the write in progress makes (`_set_stale` ends it)."""
    return int(_meta(conn, GENERATION) or 0) + 1


def _delete_documents(conn: Connection, ids: Sequence[str]) -> int:
    """Delete documents, their stories and everything extracted from them; how many were there."""
    removed = 0
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        chunk = list(ids[start : start + _IDS_PER_STATEMENT])
        their_stories = select(t.stories.c.id).where(t.stories.c.document_id.in_(chunk))
        changes.record_changes(conn, list(conn.execute(their_stories).scalars()), _next_generation(conn))
        for table in t.STORY_CHILDREN:
            conn.execute(delete(table).where(table.c.story_id.in_(their_stories)))
        conn.execute(delete(t.story_cues).where(t.story_cues.c.story_id.in_(their_stories)))
        conn.execute(delete(t.stories).where(t.stories.c.document_id.in_(chunk)))
        removed += conn.execute(delete(t.documents).where(t.documents.c.id.in_(chunk))).rowcount or 0
    return removed


def _legacy_row(conn: Connection, document: Document) -> list[str]:
    """The id of a row written before documents had a locator, for the same source."""
    legacy = document_id(document.source)
    if legacy == document.id:
        return []
    query = select(t.documents.c.id).where(t.documents.c.id == legacy, t.documents.c.locator.is_(None))
    return list(conn.execute(query).scalars())


class Store:
    """A threadline database: SQLite by default, PostgreSQL for teams.

    Any number of processes may open one store: reads go on while another process
    writes, and writers take turns (store/connect.py)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._pinned = threading.local()  # the connection of an open snapshot, per thread
        try:
            self.engine: Engine = connect.open_engine(url)
            upgrade(self.engine)
        except OperationalError as exc:
            raise connect.store_error(url, exc) from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"{url}: cannot open the database: {exc.__class__.__name__}: {exc}") from exc

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------ transactions
    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction; other writers wait for it (a busy store: StoreError)."""
        with connect.write_transaction(self.engine, self.url) as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[Connection]:
        """Every read inside sees one state of the store: a document another process
        writes meanwhile is seen whole or not at all, by all of them alike."""
        pinned = getattr(self._pinned, "conn", None)
        if pinned is not None:
            yield pinned  # already inside one
            return
        with connect.read_transaction(self.engine) as conn:
            self._pinned.conn = conn
            try:
                yield conn
            finally:
                self._pinned.conn = None

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        pinned = getattr(self._pinned, "conn", None)
        if pinned is not None:
            yield pinned
            return
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        """Tell other processes an ingest is writing here until this block ends (or dies)."""
        with connect.ingest_lock(self.engine):
            yield

    def ingest_running(self) -> bool:
        """Whether some process (this one included) is ingesting into this store now."""
        return connect.ingest_running(self.engine)

    # ------------------------------------------------------------ documents
    def document_hash(self, document_id: str) -> str | None:
        with self._reading() as conn:
            query = select(t.documents.c.content_hash).where(t.documents.c.id == document_id)
            return conn.execute(query).scalar_one_or_none()

    def replace_document(
        self, document: Document, extractions: Sequence[Extraction], minhashes: dict[tuple[str, int], bytes]
    ) -> None:
        """One transaction: the document's old stories and claims go, the new ones come in.
        A row an older threadline wrote for the same input (its id hashed the bare source)
        goes too."""
        self.replace_documents([(document, extractions, minhashes)])

    def replace_documents(
        self,
        batch: Sequence[DocumentWrite],
    ) -> None:
        """Several documents replaced in one transaction (bulk loads; an ingest writes each
        document in its own, so that one bad document never costs the others)."""
        with self.transaction() as conn:
            if not _replace_together(conn, batch):
                for document, extractions, minhashes in batch:
                    _replace_document(conn, document, extractions, minhashes)
            _set_stale(conn, True)

    def remove_documents(self, ids: Sequence[str]) -> int:
        """Remove documents with their stories and claims; how many were stored."""
        with self.transaction() as conn:
            removed = _delete_documents(conn, ids)
            if removed:
                _set_stale(conn, True)
            return removed

    def feed_documents(self, feed: str) -> dict[str, str]:
        """The stored records of a JSONL file: document id -> locator."""
        query = select(t.documents.c.id, t.documents.c.locator).where(t.documents.c.feed == feed)
        with self._reading() as conn:
            return {row.id: row.locator for row in conn.execute(query)}

    # ------------------------------------------------------------ reading claims
    def stories(self, ids: Iterable[str] | None = None) -> list[Story]:
        """Every story (or those of `ids`), in one fixed order: by source, document, place."""
        order = (t.stories.c.source, t.stories.c.document_id, t.stories.c.idx)  # sources may repeat
        with self._reading() as conn:
            if ids is None:
                return [layout.story(r._mapping) for r in conn.execute(select(t.stories).order_by(*order))]
            rows = [
                r
                for chunk in changes.chunks(ids)
                for r in conn.execute(select(t.stories).where(t.stories.c.id.in_(chunk)))
            ]
            rows.sort(key=lambda r: (r.source, r.document_id, r.idx))
            return [layout.story(r._mapping) for r in rows]

    def minhashes(self, paragraphs: bool = False) -> dict[tuple[str, int], bytes]:
        """Story signatures (part 0), or with `paragraphs` the per-paragraph ones."""
        part = t.signatures.c.part
        query = select(t.signatures.c.story_id, part, t.signatures.c.minhash)
        query = query.where(part > 0 if paragraphs else part == 0)
        with self._reading() as conn:
            return {(story, n): blob for story, n, blob in conn.execute(query)}

    def mentions(self) -> list[Mention]:
        """Every mention, ordered by story, zone and start (store/mention_rows.py)."""
        with self._reading() as conn:
            return every_mention(conn)

    def assertions(self) -> list[Assertion]:
        with self._reading() as conn:
            rows = conn.execute(select(t.assertions).order_by(t.assertions.c.id))
            return [layout.assertion(r._mapping) for r in rows]

    def event_mentions(self) -> list[EventMention]:
        """Event mentions, each with the claims of responsibility made for it (read by
        position: store/regions.py)."""
        with self._reading() as conn:
            return regions.every_event_mention(conn)

    # ------------------------------------------------------------ derived rows
    def replace_derived(self, derived: Derived, generation: int | None = None, complete: bool = True) -> bool:
        """`rewrite_derived`, saying only whether the store is now current."""
        return self.rewrite_derived(derived, generation, complete).current

    def rewrite_derived(
        self, derived: Derived, generation: int | None = None, complete: bool = True
    ) -> Rewritten:
        """Every global step's rows (duplicates, entities, places, events, facts) in one
        transaction: all new, or all as they were.

        `generation` is what `claims_generation` was when the claims they follow from
        were read (None: now). Rows from older claims than the stored rows' are dropped
        (another process's refresh was newer); rows from claims that changed since are
        written but stay marked behind. Only rows that differ are written (store/rewrite.py).
        `complete`: no unit was left out, so the next refresh may build on these rows
        (store/changes.py)."""
        with self.transaction() as conn:
            current = int(_meta(conn, GENERATION) or 0)
            seen = current if generation is None else generation
            if seen < int(_meta(conn, DERIVED_FROM) or -1):
                return Rewritten(False, written=False)
            done = Rewritten(seen == current)
            write_derived(conn, derived, done)
            if derived.runs:
                conn.execute(insert(t.stage_runs), [layout.step_run_row(r, seen) for r in derived.runs])
            if derived.cues is not None and seen == current:  # read from the stories as they are
                story_cues.keep_cues(conn, derived.cues)
            story_cues.keep_resolved_with(conn, derived.cues)
            if derived.containment is not None:  # what the events step read, for the next refresh
                _put_meta(conn, CONTAINMENT, json.dumps(sorted(derived.containment)))
            if derived.loose is not None:
                _put_meta(conn, LOOSE, json.dumps(sorted(derived.loose)))
            if derived.witnesses is not None:  # the same step's, kept as their rows (migration 0013)
                witnesses.keep_witnesses(conn, derived.witnesses, seen)
            _put_meta(conn, DERIVED_FROM, str(seen))
            changes.forget_changes(conn, seen)
            _put_meta(conn, changes.INCREMENTAL, "1" if complete else "0")
            _put_meta(conn, STALE, "0" if seen == current else "1")
            return done

    def resolved_with(self) -> str | None:
        """What the stored entities were resolved with (store/story_cues.py), if known."""
        with self._reading() as conn:
            return story_cues.resolved_with(conn)

    def story_cues(self, version: str) -> dict[str, str]:
        """Story id -> what resolution read in its text (JSON), kept under `version`."""
        with self._reading() as conn:
            return story_cues.read_cues(conn, version)

    def derived_stale(self) -> bool:
        """True when claims changed since duplicates and entities were last computed."""
        with self._reading() as conn:
            return _meta(conn, STALE) == "1"

    def claims_generation(self) -> int:
        """How many times the claims have changed; read it in the snapshot of the claims."""
        with self._reading() as conn:
            return int(_meta(conn, GENERATION) or 0)

    def duplicates(self) -> list[Duplicate]:
        with self._reading() as conn:
            order = (t.duplicates.c.story_id, t.duplicates.c.duplicate_of)
            rows = conn.execute(select(t.duplicates).order_by(*order))
            return [Duplicate(**r._mapping) for r in rows]

    def places(self) -> dict[str, Place]:
        with self._reading() as conn:
            rows = conn.execute(select(t.places).order_by(t.places.c.entity_id))
            return {
                r.entity_id: Place(**{k: v for k, v in r._mapping.items() if k != "entity_id"}) for r in rows
            }

    def entities(self) -> list[Entity]:
        with self._reading() as conn:
            rows = conn.execute(select(t.entities).order_by(t.entities.c.id))
            return [
                Entity(id=r.id, type=r.type, name=r.name, aliases=tuple(r.aliases), kb_id=r.kb_id)
                for r in rows
            ]

    def entity_reasons(self) -> dict[str, list[str]]:
        with self._reading() as conn:
            return {row[0]: row[1] for row in conn.execute(select(t.entities.c.id, t.entities.c.reasons))}

    def decisions_about(self, entity_id: str) -> list[Decision]:
        """Resolution's decisions with a name of this entity on either side, in the order taken."""
        d = t.decisions
        query = select(d).where((d.c.left_entity == entity_id) | (d.c.right_entity == entity_id))
        with self._reading() as conn:
            return [layout.decision(r) for r in conn.execute(query.order_by(d.c.seq)).mappings()]

    def decisions(self) -> list[Decision]:
        """Every decision of resolution that names a stored entity, in the order taken (exports)."""
        d = t.decisions
        query = select(d).where(d.c.left_entity.is_not(None) | d.c.right_entity.is_not(None))
        with self._reading() as conn:
            return [layout.decision(r) for r in conn.execute(query.order_by(d.c.seq)).mappings()]

    def document_urls(self) -> dict[str, str]:
        """Each document's URL where its page or feed record gave one (exports cite it)."""
        query = select(t.documents.c.id, t.documents.c.url).where(t.documents.c.url.is_not(None))
        with self._reading() as conn:
            return {row[0]: row[1] for row in conn.execute(query)}

    def entity_of(self) -> dict[str, str]:
        with self._reading() as conn:
            query = select(t.mention_entities.c.mention_id, t.mention_entities.c.entity_id)
            # an entity's id once, not once per mention of it (a refresh holds them all)
            return {row[0]: intern(row[1]) for row in conn.execute(query)}

    def events(self) -> list[GraphEvent]:
        """The stored events, ordered by id."""
        with self._reading() as conn:
            rows = conn.execute(select(t.events).order_by(t.events.c.id))
            return [layout.graph_event(r._mapping) for r in rows]

    def facts(self) -> list[Fact]:
        """The stored relations of every standing, ordered by subject, predicate, object."""
        order = (t.facts.c.subject, t.facts.c.predicate, t.facts.c.object)
        with self._reading() as conn:
            return [layout.fact(r._mapping) for r in conn.execute(select(t.facts).order_by(*order))]

    def responsibilities(self) -> list[Responsibility]:
        r = t.responsibilities.c
        with self._reading() as conn:
            rows = conn.execute(select(t.responsibilities).order_by(r.claimant, r.event, r.kind))
            return [layout.responsibility(row._mapping) for row in rows]

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
        with self.transaction() as conn:
            insert_judgements(conn, [row])  # with its subjects, for the pages about them
            _set_stale(conn, True)

    def judgements(self) -> list[Judgement]:
        with self._reading() as conn:
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
        with self.transaction() as conn:
            conn.execute(delete(t.reference_entities).where(t.reference_entities.c.source == source))
            if rows:
                conn.execute(delete(t.reference_entities).where(t.reference_entities.c.id.in_(list(rows))))
                conn.execute(insert(t.reference_entities), list(rows.values()))
            _set_stale(conn, True)  # the resolver links to them: a killed `kb add` is applied later

    def reference_entities(self) -> tuple[KnownEntity, ...]:
        with self._reading() as conn:
            rows = conn.execute(select(t.reference_entities.c.entry).order_by(t.reference_entities.c.id))
            return tuple(KnownEntity(**{**entry, "aliases": tuple(entry["aliases"])}) for (entry,) in rows)

    def last_step_runs(self) -> list[StepRun]:
        """The latest recorded run of each global step, in the order they last ran."""
        with self._reading() as conn:
            latest = select(func.max(t.stage_runs.c.id)).group_by(t.stage_runs.c.step)
            rows = conn.execute(
                select(t.stage_runs).where(t.stage_runs.c.id.in_(latest)).order_by(t.stage_runs.c.id)
            )
            return [layout.step_run(r._mapping) for r in rows]

    def derived_counts(self) -> dict[str, int]:
        """Rows of each table the global steps write, in the steps' order."""
        with self._reading() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (t.duplicates, t.entities, t.places, t.events, t.responsibilities, t.facts)
            }

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
        with self._reading() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in tables.items()
            }
