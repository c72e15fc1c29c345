"""Shared fixtures: a real SQLite file per test, the example corpus, the shared eval folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadline.settings import Settings
from threadline.store import Store

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


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()
