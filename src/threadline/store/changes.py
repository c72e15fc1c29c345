"""What an incremental refresh reads and keeps: which stories changed since the derived
rows last followed the claims, and the LSH buckets of the stored signatures.

Every write of the claims records the stories it wrote or removed (`story_changes`,
with the claims generation the write made); a refresh that wrote the derived rows of
generation G forgets the changes up to G. `meta.incremental` says whether the derived
rows are a complete result a refresh may build on ("1": the last refresh finished
with no unit left out); anything else sends the next refresh down the full path.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, select
from sqlalchemy.orm import aliased

from threadline.store import schema as t

# The LSH buckets the stored keys follow: those of dedup/minhash.py's index (128
# permutations, threshold 0.8: 9 bands of 13 values); the duplicates step checks that
# they still agree (dedup.band_ranges) and indexes everything again when they do not.
BAND_RANGES = tuple((band * 13, (band + 1) * 13) for band in range(9))
INCREMENTAL = "incremental"  # meta key: "1" when the derived rows may be refreshed in part
_CHUNK = 500  # ids per statement, well under SQLite's limit on bound parameters


def chunks(ids: Iterable[str]) -> Iterator[list[str]]:
    listed = sorted(set(ids))
    for start in range(0, len(listed), _CHUNK):
        yield listed[start : start + _CHUNK]


def band_keys(blob: bytes) -> list[tuple[int, bytes]]:
    """(band, its values' bytes) of each LSH bucket a stored signature (uint32 values)
    falls in: equal keys exactly when the index would bucket them together."""
    return [(band, blob[start * 4 : end * 4]) for band, (start, end) in enumerate(BAND_RANGES)]


def band_rows(minhashes: dict[tuple[str, int], bytes]) -> list[dict[str, Any]]:
    return [
        {"story_id": story, "part": part, "band": band, "key": key}
        for (story, part), blob in minhashes.items()
        for band, key in band_keys(blob)
    ]


def record_changes(conn: Connection, story_ids: Sequence[str], generation: int) -> None:
    """The stories a write of the claims touched, stamped with the generation it makes."""
    if story_ids:
        rows = [{"story_id": s, "generation": generation} for s in sorted(set(story_ids))]
        conn.execute(insert(t.story_changes), rows)


def forget_changes(conn: Connection, generation: int) -> None:
    """Changes the derived rows of `generation` now follow."""
    conn.execute(delete(t.story_changes).where(t.story_changes.c.generation <= generation))


def changed_stories(conn: Connection) -> set[str]:
    return set(conn.execute(select(t.story_changes.c.story_id).distinct()).scalars())


def present(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Those of the story ids that are stored."""
    found: set[str] = set()
    for chunk in chunks(ids):
        found |= set(conn.execute(select(t.stories.c.id).where(t.stories.c.id.in_(chunk))).scalars())
    return found


def neighbours(conn: Connection, ids: Iterable[str], paragraphs: bool) -> set[str]:
    """Stories with a signature in an LSH bucket of one of these stories' (whole-story
    signatures, or with `paragraphs` paragraph ones), the stories themselves included."""
    mine, other = aliased(t.signature_bands), aliased(t.signature_bands)
    same_bucket = and_(mine.c.band == other.c.band, mine.c.key == other.c.key)
    found: set[str] = set()
    for chunk in chunks(ids):
        query = (
            select(other.c.story_id)
            .distinct()
            .join(mine, same_bucket)
            .where(mine.c.story_id.in_(chunk))
            .where(*_parts(mine, paragraphs), *_parts(other, paragraphs))
        )
        found |= set(conn.execute(query).scalars()) | set(chunk)
    return found


def _parts(table: Any, paragraphs: bool) -> tuple[Any, ...]:
    return (table.c.part > 0,) if paragraphs else (table.c.part == 0,)


def closure(conn: Connection, ids: Iterable[str]) -> set[str]:
    """Every story linked to these through shared whole-story buckets, however far: the
    stories whose copies the duplicate index decides together."""
    found = set(ids)
    frontier = set(found)
    while frontier:
        frontier = neighbours(conn, frontier, paragraphs=False) - found
        found |= frontier
    return found


def signatures_of(conn: Connection, ids: Iterable[str], paragraphs: bool) -> dict[tuple[str, int], bytes]:
    sig = t.signatures
    found: dict[tuple[str, int], bytes] = {}
    for chunk in chunks(ids):
        query = select(sig.c.story_id, sig.c.part, sig.c.minhash).where(
            sig.c.story_id.in_(chunk), *_parts(sig, paragraphs)
        )
        found.update({(story, part): blob for story, part, blob in conn.execute(query)})
    return found


def builds_on_stored(conn: Connection) -> bool:
    """Whether the stored derived rows are complete, so a refresh may redo only a part."""
    query = select(t.meta.c.value).where(t.meta.c.key == INCREMENTAL)
    return conn.execute(query).scalar_one_or_none() == "1"


def shared_paragraphs(conn: Connection, ids: Iterable[str]) -> dict[str, dict[int, set[str]]]:
    """For each paragraph of these stories, the other stories with a paragraph in one
    of its buckets: story -> part -> those stories."""
    mine, other = aliased(t.signature_bands), aliased(t.signature_bands)
    same_bucket = and_(mine.c.band == other.c.band, mine.c.key == other.c.key)
    found: dict[str, dict[int, set[str]]] = {}
    for chunk in chunks(ids):
        query = (
            select(mine.c.story_id, mine.c.part, other.c.story_id)
            .distinct()
            .join(other, same_bucket)
            .where(mine.c.story_id.in_(chunk), mine.c.part > 0, other.c.part > 0)
            .where(other.c.story_id != mine.c.story_id)
        )
        for story, part, shared in conn.execute(query):
            found.setdefault(story, {}).setdefault(part, set()).add(shared)
    return found


def paragraph_counts(conn: Connection, ids: Iterable[str]) -> dict[str, int]:
    """How many paragraph signatures each of these stories has."""
    sig = t.signatures
    found: dict[str, int] = {}
    for chunk in chunks(ids):
        query = (
            select(sig.c.story_id, func.count())
            .where(sig.c.story_id.in_(chunk), sig.c.part > 0)
            .group_by(sig.c.story_id)
        )
        found.update({story: count for story, count in conn.execute(query)})
    return found


def paragraph_total(conn: Connection) -> int:
    """How many paragraph signatures the store holds."""
    sig = t.signatures
    return int(conn.execute(select(func.count()).select_from(sig).where(sig.c.part > 0)).scalar_one())


def first_seen_keys(conn: Connection, ids: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """Where each story comes in the duplicate index's order (dedup.first_seen_order,
    ties as `Store.stories` orders them): dated before undated, date, source, place in
    its document, document."""
    s = t.stories.c
    found: dict[str, tuple[Any, ...]] = {}
    for chunk in chunks(ids):
        query = select(s.id, s.published, s.source, s.idx, s.document_id).where(s.id.in_(chunk))
        for story, published, source, idx, document in conn.execute(query):
            found[story] = (published is None, published or "", source, idx, document)
    return found


def shares_widely(conn: Connection, ids: Iterable[str], limit: int) -> bool:
    """Whether these stories' paragraphs share buckets with more than `limit` stored
    paragraph buckets in all (counted no further than that): boilerplate that every
    story repeats, where indexing every paragraph in memory costs less than looking
    each one up."""
    mine, other = aliased(t.signature_bands), aliased(t.signature_bands)
    same_bucket = and_(mine.c.band == other.c.band, mine.c.key == other.c.key)
    seen = 0
    for chunk in chunks(ids):
        rows = (
            select(other.c.story_id)
            .join(mine, same_bucket)
            .where(mine.c.story_id.in_(chunk), mine.c.part > 0, other.c.part > 0)
            .limit(limit + 1 - seen)
        )
        seen += conn.execute(select(func.count()).select_from(rows.subquery())).scalar_one()
        if seen > limit:
            return True
    return False
