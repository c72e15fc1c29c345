"""A story as the reader opens it from a quote: its text, the spans of every quoted
sentence that a fact or event stored from it, its blocks with their zones, and the
boilerplate cleaning removed (kept apart, never spliced into the text)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from threadline.query.errors import UnknownStory
from threadline.query.records import Span, StoryView
from threadline.store import Store
from threadline.store import schema as t


def story(store: Store, story_id: str) -> StoryView:
    with store.snapshot() as conn:
        row = conn.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
        if row is None:
            raise UnknownStory(f"no story has the id {story_id!r}")
        spans = _evidence_spans(conn, story_id)
        d = t.duplicates.c
        copy_of = conn.execute(
            select(d.duplicate_of).where(d.story_id == story_id, d.kind == "story")
        ).scalar_one_or_none()
    blocks = [Span(start, end, zone, None, None) for start, end, zone in row.blocks]
    return StoryView(
        id=row.id,
        title=row.title,
        outlet=row.outlet,
        published=row.published,
        source=row.source,
        text=row.text,
        blocks=blocks,
        evidence=spans,
        removed=list(row.removed),
        duplicate_of=copy_of,
    )


def _evidence_spans(conn: Connection, story_id: str) -> list[Span]:
    """The quoted sentences of the relation claims and event mentions extracted from
    this story (indexed by story id), each once per claim, in text order; the label names
    what it states."""
    spans: dict[tuple[int, int, str, str], Span] = {}
    a, m = t.assertions.c, t.event_mentions.c
    rows = conn.execute(
        select(a.id, a.quote_start, a.quote_end, a.predicate, a.zone).where(a.story_id == story_id)
    )
    for r in rows:
        if r.zone != "title":
            spans[(r.quote_start, r.quote_end, "fact", r.id)] = Span(
                r.quote_start, r.quote_end, "fact", r.id, r.predicate
            )
    rows = conn.execute(
        select(m.id, m.quote_start, m.quote_end, m.type, m.zone).where(m.story_id == story_id)
    )
    for r in rows:
        if r.zone != "title":
            spans[(r.quote_start, r.quote_end, "event", r.id)] = Span(
                r.quote_start, r.quote_end, "event", r.id, r.type
            )
    return sorted(spans.values(), key=lambda s: (s.start, s.end, s.kind, s.ref or ""))
