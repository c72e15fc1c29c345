"""Rows <-> records: how each record is laid out in the tables of schema.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from sys import intern
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert

from threadline.records import (
    Assertion,
    Attribution,
    Block,
    Claim,
    Dateline,
    DateValue,
    Decision,
    Document,
    Duplicate,
    Entity,
    EventMention,
    Evidence,
    Extraction,
    Fact,
    GraphEvent,
    Mention,
    Place,
    Responsibility,
    StepRun,
    Story,
    shared_int,
)
from threadline.store import changes
from threadline.store import schema as t
from threadline.store.ledger import GAP, digest
from threadline.store.story_cues import KeptCues

if TYPE_CHECKING:  # the write's own module, which reads these layouts
    from threadline.store.baseline import Baseline


@dataclass(frozen=True, slots=True)
class Derived:
    """What the global steps recompute from the claims after an ingest: written together."""

    duplicates: tuple[Duplicate, ...]
    entities: tuple[Entity, ...]
    entity_of: Mapping[str, str]  # Mention.id -> Entity.id
    reasons: Mapping[str, tuple[str, ...]]  # Entity.id -> why its names joined
    places: Mapping[str, Place]  # Entity.id -> where it is
    events: tuple[GraphEvent, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    facts: tuple[Fact, ...] = ()
    decisions: tuple[Decision, ...] = ()  # resolution's, in the order taken
    runs: tuple[StepRun, ...] = ()  # each global step that made these rows, in order
    cues: KeptCues | None = None  # what resolution read in stories' texts, to keep (a cache)
    # each location entity's tally of its stories' countries (places/step.py), kept for the next refresh
    place_tallies: Mapping[str, Mapping[str, tuple[int, str, int]]] | None = None
    # the located_in pairs the events step read (graph/events_region.py), kept for the next refresh
    containment: frozenset[tuple[str, str]] | None = None
    loose: frozenset[str] | None = None  # event mentions first merged with no day (graph/event_keys.py)
    # an aside's mention -> two dated events it passed (store/witnesses.py), kept for the next refresh
    witnesses: Mapping[str, tuple[str, str]] | None = None
    # table name -> the only rows a step redid; a table not named is written whole
    scopes: Mapping[str, Scope] = field(default_factory=dict)
    # stored rows the refresh read and still holds: the write compares with them in memory
    baseline: Baseline | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """The rows of one derived table a refresh redid: those whose `column` holds one of
    `keys`. Every other row is as stored, so writing the table touches only these
    (store/rewrite.py). A step that redoes only a region of the store says so here."""

    column: str
    keys: frozenset[str]
    # None: the step's part holds every row of the table (those outside the scope as
    # stored); else it holds only the rows in scope, and this is how many rows the table
    # holds once they are written (graph/facts_region.py: reading the others was the cost)
    total: int | None = None

    def holds(self, row: Mapping[str, Any]) -> bool:
        return row[self.column] in self.keys


# Which table each part of Derived fills (`reasons` rides on the entities' rows).
TABLE_OF_PART = {
    "duplicates": "duplicates",
    "entities": "entities",
    "entity_of": "mention_entities",
    "decisions": "decisions",
    "places": "places",
    "place_tallies": "place_tallies",
    "events": "events",
    "responsibilities": "responsibilities",
    "facts": "facts",
}


def rows_written(before: Derived, after: Derived, declared: Iterable[str] = ()) -> dict[str, int]:
    """The tables a step wrote (those `declared`, and the parts it replaced) and the
    rows each now holds."""
    tables = set(declared)
    return {
        table: _rows_held(after, part, table)
        for part, table in TABLE_OF_PART.items()
        if table in tables or getattr(after, part) is not getattr(before, part)
    }


def _rows_held(derived: Derived, part: str, table: str) -> int:
    """The rows `table` holds once `derived` is written: its part's, or where the part
    holds only its scope's rows, the count the step gave."""
    scope = derived.scopes.get(table)
    if scope is not None and scope.total is not None:
        return scope.total
    return len(getattr(derived, part) or ())


def step_run_row(run: StepRun, generation: int) -> dict[str, Any]:
    fields = ("step", "version", "started", "finished")
    return {**{f: getattr(run, f) for f in fields}, "row_counts": run.rows, "generation": generation}


def step_run(row: Any) -> StepRun:
    fields = ("step", "version", "started", "finished", "generation")
    return StepRun(rows=dict(row["row_counts"]), **{f: row[f] for f in fields})


def derived_rows(derived: Derived) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Every derived table with its rows (all of them, whatever `derived.scopes` says)."""
    return [(table, list(make())) for table, make in _row_makers(derived)]


def _row_makers(derived: Derived) -> list[tuple[Table, Callable[[], Iterable[dict[str, Any]]]]]:
    """Every derived table with what makes its rows, so a table written otherwise
    (store/rewrite.py) costs no rows. The decisions ledger's rows are made as they are
    taken (a generator): it holds most of a store's derived rows (1.65 M at 100,000
    stories), and a dict each, all at once, would set a refresh's peak memory."""
    return [
        (t.duplicates, lambda: [duplicate_row(d) for d in derived.duplicates]),
        (t.entities, lambda: _entity_rows(derived)),
        (t.mention_entities, lambda: _links(derived.entity_of, None)),
        (t.decisions, lambda: _ledger_rows(derived.decisions)),
        (t.places, lambda: [{"entity_id": e, **asdict(p)} for e, p in sorted(derived.places.items())]),
        (t.place_tallies, lambda: tally_rows(derived.place_tallies or {})),
        (t.events, lambda: [event_row_of(e) for e in derived.events]),
        (t.responsibilities, lambda: [responsibility_row(r) for r in derived.responsibilities]),
        (t.facts, lambda: [fact_row(f) for f in derived.facts]),
    ]


def _ledger_rows(decisions: Sequence[Decision]) -> Iterator[dict[str, Any]]:
    """The ledger's rows as a first write keys them (store/ledger.py: GAP apart)."""
    return (decision_row(GAP * (i + 1), d, digest(d)) for i, d in enumerate(decisions))


def _entity_rows(derived: Derived) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "type": e.type,
            "name": e.name,
            "aliases": list(e.aliases),
            "kb_id": e.kb_id,
            "reasons": list(derived.reasons.get(e.id, ())),
        }
        for e in derived.entities
    ]


def tally_rows(tallies: Mapping[str, Mapping[str, tuple[int, str, int]]]) -> list[dict[str, Any]]:
    return [
        {"entity_id": e, "tally": {c: list(v) for c, v in sorted(tallies[e].items())}}
        for e in sorted(tallies)
    ]


def scoped_rows(
    derived: Derived, leave_out: frozenset[str] = frozenset()
) -> Iterator[tuple[Table, Iterable[dict[str, Any]], Scope | None]]:
    """Each derived table with the rows to write: those in its scope where a step
    redid only a region, else all (scope None); the tables named in `leave_out` are
    written otherwise (store/rewrite.py). The mention links, the largest table, are
    made only for the mentions in scope. One table at a time, its rows made when it
    comes (lazily, for the decisions ledger): write each before taking the next."""
    for table, make in _row_makers(derived):
        if table.name in leave_out:
            continue
        scope = derived.scopes.get(table.name)
        if table is t.mention_entities and scope is not None:
            yield table, _links(derived.entity_of, scope.keys), scope
        elif scope is None:
            yield table, make(), scope
        else:
            yield table, [r for r in make() if scope.holds(r)], scope


def _links(entity_of: Mapping[str, str], mentions: Iterable[str] | None) -> list[dict[str, Any]]:
    """mention_entities rows, of every mention or of those named (when linked)."""
    named = sorted(entity_of) if mentions is None else sorted(m for m in mentions if m in entity_of)
    return [{"mention_id": m, "entity_id": entity_of[m]} for m in named]


def duplicate_row(d: Duplicate) -> dict[str, Any]:
    """Field by field: `asdict` copies deeply, and a store holds many of these."""
    return {
        "story_id": d.story_id,
        "duplicate_of": d.duplicate_of,
        "similarity": d.similarity,
        "kind": d.kind,
    }


DECISION_FIELDS = (
    "step",
    "verdict",
    "left_name",
    "right_name",
    "score",
    "reason",
    "left_entity",
    "right_entity",
)


def decision_row(seq: int, d: Decision, digest: int | None = None) -> dict[str, Any]:
    """The stored row, at position key `seq` with the digest the write compares by
    (store/ledger.py); exports reshape it (export/items.py)."""
    return {
        "seq": seq,
        "digest": digest,
        "left_node": d.left,
        "right_node": d.right,
        **{f: getattr(d, f) for f in DECISION_FIELDS},
    }


def decision(r: Any) -> Decision:
    return Decision(left=r["left_node"], right=r["right_node"], **{f: r[f] for f in DECISION_FIELDS})


def event_row_of(e: GraphEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "type": e.type,
        "date_value": e.date.value,
        "date_precision": e.date.precision,
        "date_expression": e.date.expression,
        "location": e.location,
        "participants": list(e.participants),
        "roles": [list(pair) for pair in e.roles],
        "modality": e.modality,
        "mentions": list(e.mentions),
        "evidence": list(e.evidence),
        "disputed_by": list(e.disputed_by),
        "sources": e.sources,
        "independent_sources": e.independent_sources,
    }


def graph_event(r: Any) -> GraphEvent:
    return GraphEvent(
        id=r["id"],
        type=r["type"],
        date=DateValue(r["date_value"], r["date_precision"], r["date_expression"]),
        location=r["location"],
        participants=tuple(r["participants"]),
        roles=tuple((m, role) for m, role in r["roles"]),
        modality=r["modality"],
        mentions=tuple(r["mentions"]),
        evidence=tuple(r["evidence"]),
        disputed_by=tuple(r["disputed_by"]),
        sources=r["sources"],
        independent_sources=r["independent_sources"],
    )


def fact_row(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id,
        "subject": f.subject,
        "predicate": f.predicate,
        "object": f.object,
        "standing": f.standing,
        "modality": f.modality,
        "evidence": list(f.evidence),
        "disputed_by": list(f.disputed_by),
        "sources": f.sources,
        "independent_sources": f.independent_sources,
    }


def fact(r: Any) -> Fact:
    fields = {k: r[k] for k in ("id", "subject", "predicate", "object", "standing", "modality")}
    counts = {"sources": r["sources"], "independent_sources": r["independent_sources"]}
    return Fact(**fields, evidence=tuple(r["evidence"]), disputed_by=tuple(r["disputed_by"]), **counts)


def responsibility_row(c: Responsibility) -> dict[str, Any]:
    return {"id": c.id, **responsibility_fields(c)}


def responsibility_fields(c: Responsibility) -> dict[str, Any]:
    """The claim as stored, without its id: what the exports show of it too."""
    return {
        "claimant": c.claimant,
        "event": c.event,
        "kind": c.kind,
        "modality": c.modality,
        "evidence": list(c.evidence),
        "sources": c.sources,
        "independent_sources": c.independent_sources,
    }


def responsibility(r: Any) -> Responsibility:
    fields = ("claimant", "event", "kind", "modality", "sources", "independent_sources")
    return Responsibility(**{k: r[k] for k in fields}, evidence=tuple(r["evidence"]))


def document_row(document: Document, seq: int) -> dict[str, Any]:
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


def insert_extractions(
    conn: Any, extractions: Sequence[Extraction], minhashes: dict[tuple[str, int], bytes]
) -> None:
    story_rows, mention_rows, assertion_rows, event_rows, claim_rows = [], [], [], [], []
    for ex in extractions:
        story_rows.append(story_row(ex.story))
        mention_rows += [{**asdict(m), "id": m.id} for m in ex.mentions]
        assertion_rows += [assertion_row(a) for a in ex.assertions]
        event_rows += [event_row(e) for e in ex.events]
        claim_rows += list({c.id: claim_row(c) for e in ex.events for c in e.claims}.values())
    signature_rows = [{"story_id": s, "part": n, "minhash": h} for (s, n), h in minhashes.items()]
    for table, rows in (
        (t.stories, story_rows),
        (t.signatures, signature_rows),
        (t.signature_bands, changes.band_rows(minhashes)),
        (t.mentions, mention_rows),
        (t.assertions, assertion_rows),
        (t.event_mentions, event_rows),
        (t.claims, claim_rows),
    ):
        if rows:
            conn.execute(insert(table), rows)


def story_row(story: Story) -> dict[str, Any]:
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
        "dateline": _dateline_row(story.dateline),
    }


def _dateline_row(dateline: Dateline | None) -> list[int] | None:
    return None if dateline is None else [dateline.start, dateline.end, dateline.place_end]


def story(r: Any) -> Story:
    return Story(
        document_id=r["document_id"],
        source=r["source"],
        index=r["idx"],
        text=r["text"],
        blocks=tuple(Block(s, e, _interned(z)) for s, e, z in r["blocks"]),
        title=r["title"],
        published=r["published"],
        outlet=r["outlet"],
        removed=tuple(r["removed"]),
        dateline=Dateline(*r["dateline"]) if r["dateline"] else None,
    )


# A mention's columns in the order `mention_of_values` takes them.
MENTION_COLUMNS = ("story_id", "start", "end", "text", "type", "label", "kb_id", "zone")


def mention(r: Any) -> Mention:
    """A stored mention from its row read as a mapping (see `mention_of_values`)."""
    return mention_of_values([r[c] for c in MENTION_COLUMNS])


def mention_of_values(values: Sequence[Any]) -> Mention:
    """A stored mention from its values in MENTION_COLUMNS order, its strings interned:
    a store repeats one story id, type, label and zone in every mention of it, and one
    name in many stories, and the global steps hold every mention at once (a fresh
    string per row per column was about two thirds of a mention's memory). Positional,
    since the refresh reads every mention of the store this way (a third cheaper than
    by column name)."""
    story_id, start, end, text, kind, label, kb_id, zone = values
    return Mention(
        intern(story_id),
        shared_int(start),  # a fresh int per offset read was a third of a mention's memory
        shared_int(end),
        intern(text),
        _interned(kind),  # Any: the column holds one of EntityType's names
        intern(label),
        _interned(kb_id),
        _interned(zone),  # Any: one of MentionZone's
    )


def _interned(value: Any) -> Any:
    return intern(value) if isinstance(value, str) else value


def provenance_row(claim: Assertion | EventMention | Claim) -> dict[str, Any]:
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


def provenance(r: Any) -> dict[str, Any]:
    return {
        "story_id": r["story_id"],
        "evidence": Evidence(r["story_id"], r["quote_start"], r["quote_end"], r["quote"], r["zone"]),
        "extractor": r["extractor"],
        "version": r["version"],
        "modality": r["modality"],
        "attribution": Attribution(**r["attribution"]),
    }


def assertion_row(a: Assertion) -> dict[str, Any]:
    fields = {"subject": a.subject, "predicate": a.predicate, "object": a.object, "role": a.role}
    return {**provenance_row(a), **fields}


def assertion(r: Any) -> Assertion:
    return Assertion(
        subject=r["subject"], predicate=r["predicate"], object=r["object"], role=r["role"], **provenance(r)
    )


def event_row(e: EventMention) -> dict[str, Any]:
    return {
        **provenance_row(e),
        "type": e.type,
        "trigger": e.trigger,
        "participants": list(e.participants),
        "location": e.location,
        "date_value": e.date.value,
        "date_precision": e.date.precision,
        "date_expression": e.date.expression,
        "roles": [list(pair) for pair in e.roles],
    }


def event_mention(r: Any, claims: tuple[Claim, ...] = ()) -> EventMention:
    return EventMention(
        type=r["type"],
        trigger=r["trigger"],
        participants=tuple(r["participants"]),
        location=r["location"],
        date=DateValue(r["date_value"], r["date_precision"], r["date_expression"]),
        roles=tuple((m, role) for m, role in r["roles"] or ()),
        claims=claims,
        **provenance(r),
    )


def claim_row(c: Claim) -> dict[str, Any]:
    return {**provenance_row(c), "claimant": c.claimant, "event": c.event, "kind": c.kind}


def claim(r: Any) -> Claim:
    return Claim(claimant=r["claimant"], event=r["event"], kind=r["kind"], **provenance(r))
