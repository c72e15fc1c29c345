"""Entities found by a name as a user types it: an id, a name or an alias, whole or in
part, in any case, with or without diacritics, hyphens, apostrophes or "al-"."""

from __future__ import annotations

import re

from sqlalchemy import Connection, func, select, text

from threadline.errors import ThreadlineError
from threadline.query.errors import UnknownEntity
from threadline.query.evidence import chunks
from threadline.query.index import SEARCH, ensure_index, is_postgres
from threadline.query.names import fold
from threadline.query.records import EntityMatch
from threadline.store import Store
from threadline.store import schema as t

_CANDIDATES = 200  # index hits ranked in Python; a name typed by a person matches far fewer


def find_entities(store: Store, text_: str, limit: int = 10) -> list[EntityMatch]:
    """Best matches first: the exact id, an exact name, an exact alias, then names whose
    words begin with every word typed; ties go to the entity mentioned most."""
    wanted = text_.strip()
    if not wanted:
        return []
    ensure_index(store)
    with store.snapshot() as conn:
        ids = _candidate_ids(conn, wanted)
        matches = _ranked(conn, wanted, ids)
    return matches[: max(limit, 0)]


def _candidate_ids(conn: Connection, wanted: str) -> list[str]:
    exact = conn.execute(select(t.entities.c.id).where(t.entities.c.id == wanted)).scalars().all()
    words = fold(wanted).split() or re.findall(r"\w+", wanted.casefold())
    if not words:
        return list(exact)
    if is_postgres(conn):
        clauses = " AND ".join(f"(' ' || replace(keys, chr(10), ' ')) LIKE :w{i}" for i in range(len(words)))
        query = text(
            f"SELECT ref FROM {SEARCH} WHERE kind = 'entity' AND {clauses} "
            f"ORDER BY length(keys), ref LIMIT {_CANDIDATES}"  # the closest names first: an exact one is kept
        )
        params = {f"w{i}": f"% {_escape_like(w)}%" for i, w in enumerate(words)}
        found = conn.execute(query, params).scalars().all()
    else:
        match = "keys : (" + " ".join(f'"{w}"*' for w in words) + ")"
        # bm25 ranks the names with fewest other words first, so an exact name is among the
        # candidates however many longer names share its words
        query = text(f"SELECT ref FROM {SEARCH} WHERE {SEARCH} MATCH :m ORDER BY rank LIMIT {_CANDIDATES}")
        found = conn.execute(query, {"m": match}).scalars().all()
    return list(dict.fromkeys([*exact, *found]))


def _escape_like(word: str) -> str:
    # words are \w+ after folding: no % or _ other than "_" itself, which folding turns into a space
    return word.replace("%", "").replace("_", "")


def _ranked(conn: Connection, wanted: str, ids: list[str]) -> list[EntityMatch]:
    key = fold(wanted) or wanted.casefold()
    counts = mention_counts(conn, ids)
    matches = []
    for chunk in chunks(ids):
        for row in conn.execute(select(t.entities).where(t.entities.c.id.in_(chunk))):
            names = [row.name, *[a for a in row.aliases if a != row.name]]
            score, matched = _score(row.id, wanted, key, names)
            matches.append(
                EntityMatch(
                    row.id, row.name, row.type, list(row.aliases), matched, score, counts.get(row.id, 0)
                )
            )
    return sorted(matches, key=lambda m: (m.score, -m.mentions, m.name.casefold(), m.id))


def _score(entity_id: str, wanted: str, key: str, names: list[str]) -> tuple[float, str]:
    if entity_id == wanted:
        return 0.0, entity_id
    folded = [(fold(n), n) for n in names]
    if folded and folded[0][0] == key:
        return 1.0, names[0]
    for f, n in folded[1:]:
        if f == key:
            return 2.0, n
    for rank, (f, n) in enumerate(folded):
        if f.startswith(key):
            return 3.0 + (rank > 0) * 0.5, n
    return 4.0, names[0] if names else entity_id


def mention_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    me = t.mention_entities.c
    counts: dict[str, int] = {}
    for chunk in chunks(ids):
        query = select(me.entity_id, func.count()).where(me.entity_id.in_(chunk)).group_by(me.entity_id)
        counts.update({entity: n for entity, n in conn.execute(query).all()})
    return counts


def one_entity(store: Store, name: str) -> EntityMatch:
    """The entity a name means; an error listing the choices when it could mean several
    equally well, or naming the input when it means none."""
    found = find_entities(store, name, limit=10)
    if not found:
        raise UnknownEntity(f"no entity is named {name!r}", name)
    best = [m for m in found if m.score == found[0].score]
    if (found[0].score < 3.0 and len(best) == 1) or len(found) == 1:
        return found[0]
    raise AmbiguousName(name, found)


class AmbiguousName(ThreadlineError):
    """A name that fits several entities: the message is the short choice list."""

    def __init__(self, name: str, choices: list[EntityMatch]) -> None:
        self.choices = choices
        listing = "\n".join(
            f"  {m.id}  {m.type:<12} {m.name}" + (f"  (as {m.matched!r})" if m.matched != m.name else "")
            for m in choices
        )
        super().__init__(f"{name!r} names {len(choices)} entities; give one of these ids:\n{listing}")
