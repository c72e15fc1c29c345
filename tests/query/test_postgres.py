"""The query layer on PostgreSQL gives what it gives on SQLite (THREADLINE_TEST_PG;
`.ci/run` starts a server on 127.0.0.1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.query.store_fixture import corpus

from threadline.query import entity_detail, find_entities, list_events, network, one_entity, review, search
from threadline.query.index import EVENT_ENTITIES, SEARCH
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

pytestmark = pytest.mark.postgres


def test_postgres_answers_like_sqlite(
    pg_url: str, shared: Store, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder: Path = corpus(tmp_path_factory)
    pg = Store(pg_url)
    try:
        assert not ingest([str(folder)], pg, Settings()).errors
        for typed in ("al-Saadi", "Abu Haidar", "KSR", "kata'ib sayf"):
            assert [m.id for m in find_entities(pg, typed, 3)][:1] == [
                m.id for m in find_entities(shared, typed, 3)
            ][:1]
        found = search(pg, "Saadi")
        assert found.hits[0].kind == "entity"
        assert {h.snippet[a:b] for h in found.hits for a, b in h.matches} == {"Saadi"}
        assert {(h.kind, h.id) for h in found.hits} == {(h.kind, h.id) for h in search(shared, "Saadi").hits}
        for query in ("'", '"', "%", "--", ";", "NEAR(", "*", "x'); DROP TABLE stories; --", "a:* & !b"):
            search(pg, query)
        ksr = one_entity(pg, "KSR").id
        assert entity_detail(pg, ksr).to_dict() == entity_detail(shared, ksr).to_dict()
        near = {e.id for e in list_events(pg, near="Baghdad", km=60).events}
        assert near == {e.id for e in list_events(shared, near="Baghdad", km=60).events}
        assert network(pg, ksr, depth=2).to_dict() == network(shared, ksr, depth=2).to_dict()
        fact = entity_detail(pg, ksr).relations[0].id
        review(pg, None, "fact", fact, "reject", author="ana")
        assert entity_detail(pg, ksr).relations[0].verdict == "reject"
    finally:
        with pg.engine.begin() as conn:  # the index tables are no part of the schema other tests compare
            for table in (SEARCH, EVENT_ENTITIES):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table} CASCADE")
        pg.close()


ACCENTED = (
    "Envoy visits Ḥamāh\n\nPublished: 9 May 2025\n\n"
    "Qāsim al-Saadī, an envoy of the fictional Majlis al-Shūrā, visited Ḥamāh on Friday, "
    "aides said. Søren Ødegård, a Danish engineer, joined him [at the dam] on the Hauptstraße.\n"
)

# what a reader types, and the word as the article spells it, which the snippet must mark
TYPED = [
    ("saadi", "Saadī"),
    ("Saadī", "Saadī"),
    ("SAADI", "Saadī"),
    ("hamah", "Ḥamāh"),
    ("Ḥamāh", "Ḥamāh"),
    ("qasim", "Qāsim"),
    ("shura", "Shūrā"),
    ("Hauptstraße", "Hauptstraße"),
]


def test_postgres_search_folds_accents_as_sqlite_does(pg_url: str, tmp_path: Path) -> None:
    (tmp_path / "envoy.txt").write_text(ACCENTED, encoding="utf-8")
    stores = {"pg": Store(pg_url), "sqlite": Store(f"sqlite:///{tmp_path / 's.db'}")}
    try:
        for store in stores.values():
            assert not ingest([str(tmp_path / "envoy.txt")], store, Settings()).errors
        with stores["pg"].snapshot() as conn:  # the index is built in the folding configuration
            found = conn.exec_driver_sql(f"SELECT indexdef FROM pg_indexes WHERE indexname = '{SEARCH}_tsv'")
            assert "'tl_folded'::regconfig" in found.scalar_one()
        for name, store in stores.items():
            for typed, written in TYPED:
                hits = [h for h in search(store, typed).hits if h.kind == "story"]
                marked = {h.snippet[a:b] for h in hits for a, b in h.matches}
                assert written in marked, (name, typed, marked)
    finally:
        with stores["pg"].engine.begin() as conn:
            for table in (SEARCH, EVENT_ENTITIES):
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table} CASCADE")
        for store in stores.values():
            store.close()


def test_sqlite_search_finds_each_typed_spelling(tmp_path: Path) -> None:
    """The SQLite half of the test above, run where no PostgreSQL server is."""
    (tmp_path / "envoy.txt").write_text(ACCENTED, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    assert not ingest([str(tmp_path / "envoy.txt")], store, Settings()).errors
    for typed, written in TYPED:
        hits = [h for h in search(store, typed).hits if h.kind == "story"]
        assert written in {h.snippet[a:b] for h in hits for a, b in h.matches}, typed
    store.close()
