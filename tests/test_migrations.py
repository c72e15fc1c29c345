"""The Alembic revisions build exactly the schema in store/schema.py, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from threadline.store import Store
from threadline.store.layout import Derived
from threadline.store.migrate import alembic_config
from threadline.store.schema import metadata


def schema_drift(url: str) -> list:
    Store(url).close()  # opening a store runs the migrations
    engine = create_engine(url)
    with engine.connect() as conn:
        drift = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    return drift


def test_migrations_match_schema_on_sqlite(tmp_path):
    assert schema_drift(f"sqlite:///{tmp_path / 'm.db'}") == []


@pytest.mark.postgres
def test_migrations_match_schema_on_postgres(pg_url):
    assert schema_drift(pg_url) == []


def test_reopening_a_store_keeps_its_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    store = Store(url)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO meta (key, value) VALUES ('probe', 'kept')")
    store.close()
    reopened = Store(url)
    assert "alembic_version" in inspect(reopened.engine).get_table_names()
    with reopened.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'probe'").scalar() == "kept"


def _store_at_0011_with_a_ledger(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        config = alembic_config(engine)
        config.attributes["connection"] = conn
        command.upgrade(config, "0011")
        rows = [(seq, f"s{seq}/a", f"s{seq}/b") for seq in range(3)]
        for seq, left, right in rows:
            conn.exec_driver_sql(
                "INSERT INTO decisions (seq, step, verdict, left_node, left_name, right_node, right_name,"
                f" reason, left_entity) VALUES ({seq}, 'equal names', 'merged', '{left}', 'A', '{right}',"
                " 'B', 'same name', 'e1')"
            )
    engine.dispose()


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_a_ledger_stored_before_its_keys_opens_and_is_rewritten_once(
    tmp_path, database, request: pytest.FixtureRequest
) -> None:
    """Revision 0012: the stored decisions stay, in their order, without digests; the
    next write replaces them with keyed rows (store/ledger.py), keys past 32 bits."""
    url = request.getfixturevalue("pg_url") if database == "postgres" else f"sqlite:///{tmp_path / 'l.db'}"
    _store_at_0011_with_a_ledger(url)
    store = Store(url)
    stored = store.decisions()
    assert [d.left for d in stored] == ["s0/a", "s1/a", "s2/a"]
    far = tuple(replace(d, reason=f"{d.reason} again") for d in stored) * 3000  # keys past 2**31
    assert store.rewrite_derived(Derived((), (), {}, {}, {}, decisions=far)).rows["decisions"] == 3 + len(far)
    assert store.decisions() == list(far)
    assert store.rewrite_derived(Derived((), (), {}, {}, {}, decisions=far)).rows["decisions"] == 0
