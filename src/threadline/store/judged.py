"""Judgements written with what they are about, so a reader asks for one target's.

Every judgement's payload names its subjects (a reviewed fact or event id; the two
entities of a merge; the entity and alias of a split; the entity renamed). Each is also
kept folded in `judgement_subjects` (indexed), so an entity page reads the verdicts on
its own facts and events and the judgements naming it, not every judgement ever made:
reviews are cheap to make and grow with an analyst's work, unlike the store's pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, insert

from threadline.store import schema as t


def fold(subject: object) -> str:
    """The key a subject is found by: ids as they are, names without case."""
    return str(subject).casefold()


def subject_rows(judgement_id: int, payload: Mapping[str, Any]) -> list[dict[str, Any]]:
    subjects = dict.fromkeys(fold(s) for s in payload.get("subjects", ()))
    return [{"judgement_id": judgement_id, "subject": s} for s in subjects]


def insert_judgements(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Insert judgement rows (kind, payload, author, created), each with its subjects."""
    for row in rows:
        made = conn.execute(insert(t.judgements).values(**row))
        assert made.inserted_primary_key is not None  # one row inserted: its id
        judgement_id = int(made.inserted_primary_key[0])
        found = subject_rows(judgement_id, row["payload"])
        if found:
            conn.execute(insert(t.judgement_subjects), found)
