from __future__ import annotations

from pathlib import Path

import pytest
from tests.query.store_fixture import built_store, copy_of

from threadline.store import Store


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_store(tmp_path_factory)


@pytest.fixture(scope="session")
def shared(examples_db: Path) -> Store:
    """The examples store, read only."""
    opened = Store(f"sqlite:///{examples_db}")
    yield opened
    opened.close()


@pytest.fixture
def writable(examples_db: Path, tmp_path: Path) -> Store:
    """A copy of the examples store a test may change."""
    opened = Store(f"sqlite:///{copy_of(examples_db, tmp_path / 'copy.db')}")
    yield opened
    opened.close()
