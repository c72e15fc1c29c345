"""Shared fixtures: a real SQLite file per test, the example corpus, the shared eval folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from threadline.query.index import EVENT_ENTITIES, SEARCH
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.schema import metadata

INDEX_TABLES = (SEARCH, EVENT_ENTITIES)
REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'threadline.db'}"


@pytest.fixture
def store(db_url: str) -> Store:
    opened = Store(db_url)
    yield opened
    opened.close()


@pytest.fixture
def pg_url() -> str:
    """An empty PostgreSQL database (THREADLINE_TEST_PG; `.ci/run` starts one on 127.0.0.1)."""
    url = os.environ.get("THREADLINE_TEST_PG")
    if not url:
        pytest.skip("THREADLINE_TEST_PG is not set (.ci/run sets it)")
    engine = create_engine(url)
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table.name}" CASCADE')
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        for table in INDEX_TABLES:  # the query layer's index tables (query/index.py), created on demand
            conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()
