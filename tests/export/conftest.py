"""The example corpus ingested once per test session into a real SQLite file, and its
export in each format (each read once). Tests that write copy the file first."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from tests.export.support import ingest_examples, runner, sqlite_url

from threadline.cli.main import app


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    ingest_examples(db)
    return db


@pytest.fixture
def examples_copy(examples_db: Path, tmp_path: Path) -> Path:
    """A copy of the examples store, for a test that writes to it (by SQLite's backup,
    which takes what the write-ahead log holds too)."""
    copy = tmp_path / "examples.db"
    with closing(sqlite3.connect(examples_db)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    return copy


@pytest.fixture(scope="session")
def exported(examples_db: Path) -> Callable[[str], str]:
    """exported(format) -> the examples store's export in that format, as stdout gives it."""
    done: dict[str, str] = {}

    def export(fmt: str) -> str:
        if fmt not in done:
            result = runner.invoke(app, ["export", "--db", sqlite_url(examples_db), "--format", fmt])
            assert result.exit_code == 0, result.output
            done[fmt] = result.stdout
        return done[fmt]

    return export
