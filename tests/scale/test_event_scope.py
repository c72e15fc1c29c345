"""The events step by region hands on only its region's events and claims, with a
scope (graph/events_region.py): the stored ones outside stay unread and unwritten, a
package's step after it still sees every event, and the stored events a region asks
about are found by type and place (store/event_scope.py, migration 0015)."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.corpus import write_corpus
from sqlalchemy import create_engine, select

from threadline import refresh
from threadline.graph import events_region, steps
from threadline.graph.ids import content_key, stable_ids
from threadline.graph.steps import Inputs
from threadline.records import DateValue, GraphEvent, Responsibility
from threadline.refresh import rebuild_derived
from threadline.registry import Registered
from threadline.settings import Settings
from threadline.store import Store, event_scope
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.workflow import ingest


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of generated stories, refreshed once, and a file of later ones."""
    folder = tmp_path_factory.mktemp("events")
    for name, count, seed in (("news.jsonl", 30, 5), ("later.jsonl", 4, 99)):
        with (folder / name).open("w", encoding="utf-8") as stream:
            write_corpus(count, seed=seed, stream=stream)
    store = Store(f"sqlite:///{folder / 'events.db'}")
    assert not ingest([str(folder / "news.jsonl")], store, Settings()).failed
    store.close()
    return folder


@pytest.fixture
def store(filled: Path, tmp_path: Path) -> Iterator[Store]:
    shutil.copy(filled / "events.db", tmp_path / "copy.db")
    opened = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    yield opened
    opened.close()


def tables(store: Store) -> tuple[list[GraphEvent], list[Responsibility]]:
    return store.events(), store.responsibilities()


def test_a_package_step_after_the_events_step_sees_every_event(
    store: Store, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New stories merged by region: the events step hands on its region's events
    alone, yet a step of someone else's after it reads every event and claim, and the
    rows written are a rebuild's."""
    seen: list[Derived] = []
    regional: list[bool] = []

    def counting(inputs: Inputs, derived: Derived) -> Derived:
        seen.append(derived)
        return derived

    def counted(*args: object, _step: object = steps.events_after_changes) -> object:
        found = _step(*args)  # type: ignore[operator]
        regional.append(found is not None)
        return found

    whole = steps.assemble
    monkeypatch.setattr(
        refresh, "assemble", lambda names: (*whole(names), Registered("counting", "1", counting))
    )
    monkeypatch.setattr(steps, "events_after_changes", counted)
    before = len(store.events())
    assert not ingest([str(filled / "later.jsonl")], store, Settings()).failed
    assert regional == [True]  # the step went by region
    (derived,) = seen
    assert derived.scopes["events"].total is None and derived.scopes["responsibilities"].total is None
    events, claims = tables(store)
    assert list(derived.events) == events and list(derived.responsibilities) == claims
    assert len(events) > before
    rows = store.last_step_runs()
    counts = next(r for r in rows if r.step == "events").rows
    assert (counts["events"], counts["responsibilities"]) == (len(events), len(claims))
    assert every_group_holds_its_key(events)
    monkeypatch.undo()
    rebuild_derived(store, Settings())
    assert tables(store) == (events, claims)


def every_group_holds_its_key(events: list[GraphEvent]) -> bool:
    """Each stored group of events with one content key holds the event its key names
    (graph/ids.py `stable_ids`): what lets a region find a kept group by that id."""
    groups: dict[str, set[str]] = defaultdict(set)
    for event in events:
        groups[content_key(event)].add(event.id)  # type: ignore[arg-type]
    return all(key in ids for key, ids in groups.items())


def event(
    kind: str, participants: tuple[str, ...], location: str | None, day: str | None, first: str
) -> GraphEvent:
    date = DateValue(day, "day" if day else "unknown", None)
    return GraphEvent("", kind, date, location, participants, (), "asserted", (first,), (), (), 1, 1)


def test_a_region_finds_the_kept_events_sharing_a_content_key(tmp_path: Path) -> None:
    """Events of one type with no participant, no place and no day share a content key
    whatever their stories (nothing clusters them): a region making or dissolving one
    finds every kept event of that key, by the id the key names and the index, as
    reading every stored event finds them, and no other."""
    told = [
        event("arrest", (), None, None, "m1"),
        event("arrest", (), None, None, "m2"),
        event("arrest", (), None, None, "m3"),
        event("arrest", ("e1",), None, None, "m4"),
        event("arrest", (), "e2", None, "m5"),
        event("arrest", (), None, "2024-03-02", "m6"),
        event("attack", (), None, None, "m7"),
        event("arrest", (), "e2", "2024-03-09", "m8"),
    ]
    stored = stable_ids(told)  # type: ignore[arg-type]
    store = Store(f"sqlite:///{tmp_path / 'shared.db'}")
    store.replace_derived(Derived((), (), {}, {}, {}, events=tuple(stored)))  # type: ignore[arg-type]
    group = sorted(e.id for e in stored[:3])
    assert stored[0].id in group
    new = stable_ids([event("arrest", (), None, None, "m0")])  # type: ignore[arg-type]
    elsewhere = stable_ids([event("arrest", (), "e2", "2024-03-30", "m9")])  # type: ignore[arg-type]
    with store.snapshot() as conn:
        for dissolved, made, expected in (
            (set(), new, group),
            ({stored[1].id}, [], sorted({stored[0].id, stored[2].id})),
            ({stored[0].id}, [], sorted({stored[1].id, stored[2].id})),
            (set(group), new, []),
            (set(), elsewhere, [stored[7].id]),  # the same place and month
            (set(), [], []),
        ):
            keys = {content_key(e) for e in (*made, *(e for e in stored if e.id in dissolved))}  # type: ignore[arg-type]
            every = sorted(e.id for e in stored if e.id not in dissolved and content_key(e) in keys)  # type: ignore[arg-type]
            assert events_region._sharing(conn, dissolved, made) == every == expected


def test_the_events_sharing_a_type_and_place_are_read_by_index(store: Store) -> None:
    """Every stored event is found among those of its type and place, with its date;
    none of another type or place is. Read by id, it has the content its id is made of."""
    events = store.events()
    assert events
    with store.snapshot() as conn:
        for event in events[:40]:
            found = event_scope.dated_at(conn, {(event.type, event.location)})
            assert {(kind, place) for _, kind, place, _ in found} == {(event.type, event.location)}
            assert (event.id, event.type, event.location, event.date.value) in found
            assert event_scope.participants_of(conn, [event.id]) == [(event.id, event.participants)]
            (named,) = event_scope.named_of(conn, [event.id])
            assert content_key(named) == content_key(event)  # type: ignore[arg-type]
        ids = [e.id for e in events[::3]]
        assert [n.id for n in event_scope.named_of(conn, [*ids, "no-such-event"])] == sorted(ids)
        assert event_scope.events_stored(conn) == len(events)
        claims = store.responsibilities()
        assert event_scope.claims_stored(conn) == len(claims)
        some = {r.event for r in claims[:5]}
        assert event_scope.claims_stored(conn, some) == sum(r.event in some for r in claims)


def test_the_stored_events_are_indexed_by_type_and_place(store: Store) -> None:
    """A region asks the store for the events of one type and place (migration 0015):
    SQLite answers from the index alone, not by reading the table."""
    e = t.events.c
    query = select(e.id, e.type, e.location, e.date_value).where(
        (e.type == "attack") & e.location.in_(["x", "y"])
    )
    with store.snapshot() as conn:
        compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "COVERING INDEX ix_events_type_location" in plan


def test_a_store_from_before_the_index_opens_with_it(store: Store, tmp_path: Path) -> None:
    """A store at revision 0014 (no index on the events' type and place) gains it on
    opening, its events as they were."""
    events = store.events()
    store.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_events_type_location")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0014'")
    engine.dispose()
    old = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    with old.snapshot() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "ix_events_type_location" in names and old.events() == events
    old.close()
