"""The events step's witnesses, kept between refreshes: for each event mention of an
event told in passing that two dated events pass, a mention of each of those two
(graph/events_region.py). While neither is merged again the aside has no home
whatever a refresh adds, so a region need not take it in.

They are state, not output: any two passing events will do, so a region and a full run
may keep different ones. They count only as written with the derived rows they came
with (`WITNESSED`, the generation those rows follow from): where another version of
the step wrote the rows after them, none are trusted and the step merges whole once.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, delete, insert, select

from threadline.store import changes
from threadline.store import schema as t

WITNESSED = "events_witnessed"  # the derived generation the kept witnesses were written with
Witnesses = Mapping[str, tuple[str, str]]  # aside mention id -> two witness mention ids


def kept_witnesses(conn: Connection, derived_from: str | None) -> dict[str, tuple[str, str]] | None:
    """The witnesses the last events step kept; None where it did not write them along
    with the derived rows stored now (`derived_from`, their generation)."""
    written = conn.execute(select(t.meta.c.value).where(t.meta.c.key == WITNESSED)).scalar_one_or_none()
    if written is None or written != derived_from:
        return None
    return _rows(conn)


def keep_witnesses(conn: Connection, witnesses: Witnesses, generation: int) -> None:
    """Store these witnesses, touching only the rows that differ."""
    stored = _rows(conn)
    w = t.event_witnesses.c
    gone = [m for m, pair in stored.items() if witnesses.get(m) != pair]
    for chunk in changes.chunks(gone):
        conn.execute(delete(t.event_witnesses).where(w.mention.in_(chunk)))
    new = [
        {"mention": m, "first": a, "second": b}
        for m, (a, b) in sorted(witnesses.items())
        if stored.get(m) != (a, b)
    ]
    if new:
        conn.execute(insert(t.event_witnesses), new)
    conn.execute(delete(t.meta).where(t.meta.c.key == WITNESSED))
    conn.execute(insert(t.meta), [{"key": WITNESSED, "value": str(generation)}])


def _rows(conn: Connection) -> dict[str, tuple[str, str]]:
    w = t.event_witnesses.c
    return {m: (a, b) for m, a, b in conn.execute(select(w.mention, w.first, w.second))}
