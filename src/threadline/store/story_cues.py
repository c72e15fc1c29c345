"""Kept per story: what resolution read in its text (resolve/story_text.py).

A cache, not a claim: each row follows from its story's text and mentions alone, under
one version of the resolve stage's lexicon, so it is written only with derived rows
that follow the current claims, goes when its story is rewritten or removed
(`db._delete_documents`), and a row of another version is never read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from threadline.store import schema as t

_IDS_PER_STATEMENT = 500


# meta key: a digest of what the stored entities were resolved with besides the claims
# (lexicon, knowledge, judgements), so that a refresh redoes a region only under the same
RESOLVED_WITH = "resolved_with"


@dataclass(frozen=True, slots=True)
class KeptCues:
    """Cues to keep: the version they were read under, and story id -> cues (JSON);
    `resolved_with`: the digest of what the entities were resolved with."""

    version: str
    cues: Mapping[str, str]
    resolved_with: str | None = None


def read_cues(conn: Connection, version: str) -> dict[str, str]:
    """Story id -> cues (JSON), for the stories whose cues carry `version`."""
    query = select(t.story_cues.c.story_id, t.story_cues.c.cues).where(t.story_cues.c.version == version)
    return {story: cues for story, cues in conn.execute(query)}


def keep_cues(conn: Connection, kept: KeptCues) -> None:
    """Write the cues given, replacing any row their stories had."""
    ids = sorted(kept.cues)
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        chunk = ids[start : start + _IDS_PER_STATEMENT]
        conn.execute(delete(t.story_cues).where(t.story_cues.c.story_id.in_(chunk)))
        rows = [{"story_id": s, "version": kept.version, "cues": kept.cues[s]} for s in chunk]
        conn.execute(insert(t.story_cues), rows)


def resolved_with(conn: Connection) -> str | None:
    """The digest the stored entities were resolved with, None where unknown."""
    query = select(t.meta.c.value).where(t.meta.c.key == RESOLVED_WITH)
    return conn.execute(query).scalar_one_or_none()


def keep_resolved_with(conn: Connection, kept: KeptCues | None) -> None:
    """Record what derived rows being written were resolved with; rows written without
    it (a run with failures, another writer) leave it unknown."""
    conn.execute(delete(t.meta).where(t.meta.c.key == RESOLVED_WITH))
    if kept is not None and kept.resolved_with is not None:
        conn.execute(insert(t.meta), [{"key": RESOLVED_WITH, "value": kept.resolved_with}])
