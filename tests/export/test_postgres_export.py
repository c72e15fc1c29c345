"""Every format read from PostgreSQL (a server-side cursor per stream, lookups by id
beside it in the same snapshot) gives the bytes SQLite gives: the examples store,
copied table by table into PostgreSQL, exported in each format against its golden file.

Runs where THREADLINE_TEST_PG names a server (`.ci/run` starts one on 127.0.0.1).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from tests.export.support import sqlite_url

from threadline.export import EXPORTERS, export, reader
from threadline.store import Store, stream
from threadline.store.schema import metadata

pytestmark = pytest.mark.postgres


def copy_store(source: str, target: str) -> None:
    """Every stored row of `source` into `target` (its schema made by opening it)."""
    Store(target).close()
    reading, writing = create_engine(source), create_engine(target)
    with reading.connect() as conn, writing.begin() as into:
        for table in metadata.sorted_tables:
            into.execute(table.delete())
            rows = [dict(r) for r in conn.execute(select(table)).mappings()]
            if rows:
                into.execute(table.insert(), rows)
    reading.dispose()
    writing.dispose()


def test_every_format_from_postgres_is_the_golden_file(
    examples_db: Path, pg_url: str, exported: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In batches of 3, so that lookups run while a server-side cursor is open."""
    monkeypatch.setattr(reader, "BATCH", 3)
    monkeypatch.setattr(stream, "ROWS_PER_FETCH", 3)
    copy_store(sqlite_url(examples_db), pg_url)
    store = Store(pg_url)
    for fmt in sorted(EXPORTERS.names()):
        out = io.StringIO()
        export(store, fmt, out)
        assert out.getvalue() == exported(fmt), fmt
    store.close()
