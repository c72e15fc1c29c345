"""The Alembic revisions build exactly the schema in store/schema.py, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from threadline.store import Store
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
