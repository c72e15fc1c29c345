"""The stories each stored fact cites, kept as rows beside the facts.

A refresh after an ingest regroups only the facts a change reaches, among them those
citing a story written or removed since (graph/facts_region.py). A removed story's
claims are gone from the store, so its facts cannot be found from them; reading every
fact's evidence to find them was most of the facts step in a large store. So every
write of the facts table keeps `fact_stories` (story id, fact id: one row per story a
fact's evidence or dissent cites) in step with it (store/rewrite.py), and the facts
of some stories or entities are found by index.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, func, insert, select

from threadline.records import Fact
from threadline.store import schema as t
from threadline.store.changes import chunks
from threadline.store.layout import fact_row

Triple = tuple[str, str, str]
BATCH = 20_000  # facts linked and inserted at a time where every link is made again


def link_rows(facts: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """One row per (story, fact) for these fact rows: each story their evidence or
    dissent cites, once."""
    return [
        {"story_id": story, "fact_id": row["id"]}
        for row in facts
        for story in sorted({item["story"] for item in (*row["evidence"], *row["disputed_by"])})
    ]


def relink(conn: Connection, gone: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> None:
    """The links of the fact rows deleted (`gone`) deleted, those of the rows inserted
    (`new`) inserted: what the facts write did to its rows, done to their links."""
    links = t.fact_stories
    for chunk in chunks(row["id"] for row in (*gone, *new)):  # a changed fact: its links anew
        conn.execute(links.delete().where(links.c.fact_id.in_(chunk)))
    rows = link_rows(new)
    if rows:
        conn.execute(insert(links), rows)


def link_all(conn: Connection, facts: Sequence[Fact]) -> None:
    """Every link made again from these facts (the table's every row), old ones deleted."""
    conn.execute(t.fact_stories.delete())
    for start in range(0, len(facts), BATCH):
        rows = link_rows(fact_row(f) for f in facts[start : start + BATCH])
        if rows:
            conn.execute(insert(t.fact_stories), rows)


def triples_citing(conn: Connection, stories: Iterable[str]) -> set[Triple]:
    """The (subject, predicate, object) of each stored fact citing one of these stories."""
    f, links = t.facts.c, t.fact_stories.c
    joined = t.facts.join(t.fact_stories, links.fact_id == f.id)
    return {
        (s, p, o)
        for chunk in chunks(stories)
        for s, p, o in conn.execute(
            select(f.subject, f.predicate, f.object).select_from(joined).where(links.story_id.in_(chunk))
        )
    }


def triples_naming(conn: Connection, entities: Iterable[str]) -> set[Triple]:
    """The (subject, predicate, object) of each stored fact whose subject or object is one
    of these entities (each side by its own index)."""
    f = t.facts.c
    return {
        (s, p, o)
        for column in (f.subject, f.object)
        for chunk in chunks(entities)
        for s, p, o in conn.execute(select(f.subject, f.predicate, f.object).where(column.in_(chunk)))
    }


def facts_stored(conn: Connection, ids: Iterable[str] | None = None) -> int:
    """How many facts are stored (with `ids`: how many of those)."""
    query = select(func.count()).select_from(t.facts)
    if ids is None:
        return int(conn.execute(query).scalar_one())
    return sum(int(conn.execute(query.where(t.facts.c.id.in_(chunk))).scalar_one()) for chunk in chunks(ids))
