"""The only module that writes SQL: open a store, replace a document, read claims back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from threadline.errors import StoreError
from threadline.records import (
    Assertion,
    Attribution,
    Block,
    Claim,
    DateValue,
    Document,
    Duplicate,
    Entity,
    EventMention,
    Evidence,
    Extraction,
    Mention,
    Story,
)
from threadline.resolve.geocode import Place
from threadline.resolve.judgements import Judgement
from threadline.store import schema as t
from threadline.vocab import KnownEntity


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Store:
    """A threadline database: SQLite by default, PostgreSQL for teams."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            self.engine: Engine = create_engine(url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            t.metadata.create_all(self.engine)
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
        """One transaction: the document's old stories and claims go, the new ones come in."""
        with self.engine.begin() as conn:
            old = select(t.stories.c.id).where(t.stories.c.document_id == document.id)
            old_ids = list(conn.execute(old).scalars())
            seq = conn.execute(
                select(t.documents.c.seq).where(t.documents.c.id == document.id)
            ).scalar_one_or_none()
            if seq is None:
                seq = (conn.execute(select(func.max(t.documents.c.seq))).scalar() or 0) + 1
            for table in t.STORY_CHILDREN:
                conn.execute(delete(table).where(table.c.story_id.in_(old_ids)))
            conn.execute(delete(t.stories).where(t.stories.c.document_id == document.id))
            conn.execute(delete(t.documents).where(t.documents.c.id == document.id))
            conn.execute(insert(t.documents), [_document_row(document, seq)])
            _insert_extractions(conn, extractions, minhashes)

    # ------------------------------------------------------------ reading claims
    def stories(self) -> list[Story]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.stories).order_by(t.stories.c.source, t.stories.c.idx))
            return [_story(r._mapping) for r in rows]

    def minhashes(self, paragraphs: bool = False) -> dict[tuple[str, int], bytes]:
        """Story signatures (part 0), or with `paragraphs` the per-paragraph ones."""
        part = t.signatures.c.part
        query = select(t.signatures.c.story_id, part, t.signatures.c.minhash)
        query = query.where(part > 0 if paragraphs else part == 0)
        with self.engine.connect() as conn:
            return {(story, n): blob for story, n, blob in conn.execute(query)}

    def mentions(self) -> list[Mention]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.mentions).order_by(t.mentions.c.story_id, t.mentions.c.start))
            return [_mention(r._mapping) for r in rows]

    def assertions(self) -> list[Assertion]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.assertions).order_by(t.assertions.c.id))
            return [_assertion(r._mapping) for r in rows]

    def event_mentions(self) -> list[EventMention]:
        """Event mentions, each with the claims of responsibility made for it."""
        with self.engine.connect() as conn:
            claims: dict[str, list[Claim]] = {}
            for r in conn.execute(select(t.claims).order_by(t.claims.c.id)):
                claims.setdefault(r.event, []).append(_claim(r._mapping))
            rows = conn.execute(select(t.event_mentions).order_by(t.event_mentions.c.id))
            return [_event_mention(r._mapping, tuple(claims.get(r.id, ()))) for r in rows]

    # ------------------------------------------------------------ derived rows
    def replace_duplicates(self, found: Iterable[Duplicate]) -> None:
        rows = [asdict(d) for d in found]
        with self.engine.begin() as conn:
            conn.execute(delete(t.duplicates))
            if rows:
                conn.execute(insert(t.duplicates), rows)

    def duplicates(self) -> list[Duplicate]:
        with self.engine.connect() as conn:
            order = (t.duplicates.c.story_id, t.duplicates.c.duplicate_of)
            rows = conn.execute(select(t.duplicates).order_by(*order))
            return [Duplicate(**r._mapping) for r in rows]

    def replace_entities(
        self, entities: Iterable[Entity], entity_of: dict[str, str], reasons: dict[str, tuple[str, ...]]
    ) -> None:
        entity_rows = [
            {
                "id": e.id,
                "type": e.type,
                "name": e.name,
                "aliases": list(e.aliases),
                "kb_id": e.kb_id,
                "reasons": list(reasons.get(e.id, ())),
            }
            for e in entities
        ]
        links = [{"mention_id": m, "entity_id": e} for m, e in sorted(entity_of.items())]
        with self.engine.begin() as conn:
            conn.execute(delete(t.mention_entities))
            conn.execute(delete(t.entities))
            if entity_rows:
                conn.execute(insert(t.entities), entity_rows)
            if links:
                conn.execute(insert(t.mention_entities), links)

    def replace_places(self, found: Mapping[str, Place]) -> None:
        rows = [{"entity_id": entity_id, **asdict(place)} for entity_id, place in sorted(found.items())]
        with self.engine.begin() as conn:
            conn.execute(delete(t.places))
            if rows:
                conn.execute(insert(t.places), rows)

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
        payload = {"subjects": list(judgement.subjects), "name": judgement.name, "note": judgement.note}
        row = {
            "kind": judgement.kind,
            "payload": payload,
            "author": judgement.author,
            "created": judgement.created,
        }
        with self.engine.begin() as conn:
            conn.execute(insert(t.judgements), [row])

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


# ---------------------------------------------------------------- rows <-> records
def _document_row(document: Document, seq: int) -> dict[str, Any]:
    return {
        "id": document.id,
        "source": document.source,
        "origin": document.origin,
        "format": document.format,
        "content_hash": document.content_hash,
        "title": document.title,
        "published": document.published,
        "outlet": document.outlet,
        "url": document.url,
        "seq": seq,
    }


def _insert_extractions(
    conn: Any, extractions: Sequence[Extraction], minhashes: dict[tuple[str, int], bytes]
) -> None:
    story_rows, mention_rows, assertion_rows, event_rows, claim_rows = [], [], [], [], []
    for ex in extractions:
        story_rows.append(_story_row(ex.story))
        mention_rows += [{**asdict(m), "id": m.id} for m in ex.mentions]
        assertion_rows += [_assertion_row(a) for a in ex.assertions]
        event_rows += [_event_row(e) for e in ex.events]
        claim_rows += list({c.id: _claim_row(c) for e in ex.events for c in e.claims}.values())
    signature_rows = [{"story_id": s, "part": n, "minhash": h} for (s, n), h in minhashes.items()]
    for table, rows in (
        (t.stories, story_rows),
        (t.signatures, signature_rows),
        (t.mentions, mention_rows),
        (t.assertions, assertion_rows),
        (t.event_mentions, event_rows),
        (t.claims, claim_rows),
    ):
        if rows:
            conn.execute(insert(table), rows)


def _story_row(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "document_id": story.document_id,
        "source": story.source,
        "idx": story.index,
        "title": story.title,
        "published": story.published,
        "outlet": story.outlet,
        "text": story.text,
        "blocks": [[b.start, b.end, b.zone] for b in story.blocks],
        "removed": list(story.removed),
    }


def _story(r: Any) -> Story:
    return Story(
        document_id=r["document_id"],
        source=r["source"],
        index=r["idx"],
        text=r["text"],
        blocks=tuple(Block(s, e, z) for s, e, z in r["blocks"]),
        title=r["title"],
        published=r["published"],
        outlet=r["outlet"],
        removed=tuple(r["removed"]),
    )


def _mention(r: Any) -> Mention:
    return Mention(
        story_id=r["story_id"],
        start=r["start"],
        end=r["end"],
        text=r["text"],
        type=r["type"],
        label=r["label"],
        kb_id=r["kb_id"],
    )


def _provenance_row(claim: Assertion | EventMention | Claim) -> dict[str, Any]:
    """The columns every claim has: its quote and where it sits, who extracted it, how
    firmly it is stated and who states it."""
    evidence = claim.evidence
    return {
        "id": claim.id,
        "story_id": claim.story_id,
        "quote": evidence.quote,
        "quote_start": evidence.start,
        "quote_end": evidence.end,
        "zone": evidence.zone,
        "extractor": claim.extractor,
        "version": claim.version,
        "modality": claim.modality,
        "attribution": asdict(claim.attribution),
    }


def _provenance(r: Any) -> dict[str, Any]:
    return {
        "story_id": r["story_id"],
        "evidence": Evidence(r["story_id"], r["quote_start"], r["quote_end"], r["quote"], r["zone"]),
        "extractor": r["extractor"],
        "version": r["version"],
        "modality": r["modality"],
        "attribution": Attribution(**r["attribution"]),
    }


def _assertion_row(a: Assertion) -> dict[str, Any]:
    fields = {"subject": a.subject, "predicate": a.predicate, "object": a.object, "role": a.role}
    return {**_provenance_row(a), **fields}


def _assertion(r: Any) -> Assertion:
    return Assertion(
        subject=r["subject"], predicate=r["predicate"], object=r["object"], role=r["role"], **_provenance(r)
    )


def _event_row(e: EventMention) -> dict[str, Any]:
    return {
        **_provenance_row(e),
        "type": e.type,
        "trigger": e.trigger,
        "participants": list(e.participants),
        "location": e.location,
        "date_value": e.date.value,
        "date_precision": e.date.precision,
        "date_expression": e.date.expression,
        "roles": [list(pair) for pair in e.roles],
    }


def _event_mention(r: Any, claims: tuple[Claim, ...] = ()) -> EventMention:
    return EventMention(
        type=r["type"],
        trigger=r["trigger"],
        participants=tuple(r["participants"]),
        location=r["location"],
        date=DateValue(r["date_value"], r["date_precision"], r["date_expression"]),
        roles=tuple((m, role) for m, role in r["roles"] or ()),
        claims=claims,
        **_provenance(r),
    )


def _claim_row(c: Claim) -> dict[str, Any]:
    return {**_provenance_row(c), "claimant": c.claimant, "event": c.event, "kind": c.kind}


def _claim(r: Any) -> Claim:
    return Claim(claimant=r["claimant"], event=r["event"], kind=r["kind"], **_provenance(r))
