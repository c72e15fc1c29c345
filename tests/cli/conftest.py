from __future__ import annotations

from pathlib import Path

import pytest
from tests.query.store_fixture import built_store, copy_of, corpus


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_store(tmp_path_factory)


@pytest.fixture(scope="session")
def examples_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return corpus(tmp_path_factory)


@pytest.fixture(scope="session")
def db(examples_db: Path) -> str:
    """The examples store's URL, for commands that only read."""
    return f"sqlite:///{examples_db}"


@pytest.fixture
def db_copy(examples_db: Path, tmp_path: Path) -> str:
    return f"sqlite:///{copy_of(examples_db, tmp_path / 'copy.db')}"
