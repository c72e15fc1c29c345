"""Writing the derived rows against those the refresh holds in memory (store/baseline.py):
only the rows that differ are deleted and inserted, the tables end as a whole write
leaves them, on SQLite and PostgreSQL; rows held from before another write are not
trusted, and a write that fails leaves the stored rows as they were."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from threadline.records import Entity, Fact
from threadline.store import Store
from threadline.store import rewrite as rewrite_module
from threadline.store import schema as t
from threadline.store.baseline import Baseline
from threadline.store.layout import Derived


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'held.db'}"


def entity(ident: str, name: str) -> Entity:
    return Entity(id=ident, type="organization", name=name, aliases=(name,))


def fact(ident: str, subject: str, sources: int) -> Fact:
    cited = ({"story": "s1", "quote": "q", "start": 0, "end": 1},)
    return Fact(ident, subject, "member_of", "e9", "fact", "asserted", cited, (), sources, sources)


FIRST = Derived(
    duplicates=(),
    entities=(entity("e1", "Alpha"), entity("e2", "Beta")),
    entity_of={f"m{n}": ("e1" if n % 2 else "e2") for n in range(40)},
    reasons={},
    places={},
    facts=(fact("f1", "e1", 1), fact("f2", "e2", 1)),
)
# one mention moved, one gone, one new; one fact changed, one new
SECOND = replace(
    FIRST,
    entity_of={**{m: e for m, e in FIRST.entity_of.items() if m != "m3"}, "m4": "e1", "m40": "e2"},
    facts=(fact("f1", "e1", 2), fact("f2", "e2", 1), fact("f3", "e1", 1)),
)


def tables(store: Store) -> dict[str, list[str]]:
    with store.snapshot() as conn:
        return {
            table.name: sorted(
                json.dumps(dict(r._mapping), sort_keys=True) for r in conn.execute(select(table))
            )
            for table in t.DERIVED
        }


def held(store: Store, derived: Derived) -> Baseline:
    """What a refresh that read `derived`'s links and facts from `store` would hold."""
    with store.snapshot() as conn:
        writes = rewrite_module.derived_writes(conn)
    return Baseline(writes, entity_of=dict(derived.entity_of), records={"facts": list(derived.facts)})


def test_only_the_rows_that_differ_are_written_and_the_tables_end_as_a_whole_write(url: str) -> None:
    store = Store(url)
    store.replace_derived(FIRST)
    done = store.rewrite_derived(replace(SECOND, baseline=held(store, FIRST)))
    assert done.rows["mention_entities"] == 2 + 1 + 1  # m4 out and in, m3 out, m40 in
    assert done.rows["facts"] == 2 + 1  # f1 out and in, f3 in
    assert {r["id"] for r in done.inserted["facts"]} == {"f1", "f3"}  # what the search index hears
    assert done.rows["entities"] == 0
    in_memory = tables(store)
    store.replace_derived(FIRST)
    whole = store.rewrite_derived(SECOND)
    assert whole.rows["mention_entities"] == 40 + 40  # no rows held: every link deleted and inserted
    assert tables(store) == in_memory
    store.close()


def test_rows_held_from_before_another_write_are_not_trusted(url: str) -> None:
    store = Store(url)
    store.replace_derived(FIRST)
    stale = held(store, FIRST)
    store.replace_derived(replace(FIRST, entity_of={"m1": "e1"}))  # another refresh wrote meanwhile
    done = store.rewrite_derived(replace(SECOND, baseline=stale))
    assert done.rows["mention_entities"] == 1 + len(SECOND.entity_of)  # compared with nothing held
    assert store.entity_of() == SECOND.entity_of
    assert [f.sources for f in store.facts()] == [2, 1, 1]
    store.close()


def test_a_write_that_fails_leaves_the_stored_rows_and_their_count(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(url)
    store.replace_derived(FIRST)
    before, baseline = tables(store), held(store, FIRST)

    def failing(*args: object) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(rewrite_module, "changed_records", failing)  # after the links were written
    with pytest.raises(RuntimeError):
        store.rewrite_derived(replace(SECOND, baseline=baseline))
    assert tables(store) == before
    monkeypatch.undo()
    store.rewrite_derived(replace(SECOND, baseline=baseline))  # the count is still the one held
    assert store.entity_of() == SECOND.entity_of
    store.close()
