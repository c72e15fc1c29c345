"""One real SQLite store built from examples/ (plus one hostile article of our own) per
test session, shared by tests/query and tests/cli; tests that write get a copy."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HOSTILE = (
    'Commander <script>alert("title")</script> detained in Basra\n\n'
    "Published: 14 April 2025\n\n"
    "Hadi Nouri al-Jabbari, the commander of the fictional Saraya al-Fajr al-Jadid "
    '<script>alert("body")</script>, was arrested in Basra on Sunday, police said. The arrest '
    "<img src=x onerror=alert(1)> followed weeks of surveillance, officials said.\n"
)
_built: dict[str, Path] = {}


def corpus_folder(root: Path) -> Path:
    folder = root / "corpus"
    shutil.copytree(EXAMPLES, folder)
    (folder / "README.md").unlink(missing_ok=True)
    (folder / "11_hostile_markup.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


def built_store(factory: pytest.TempPathFactory) -> Path:
    """The store file, built on first use in this process."""
    if "path" not in _built:
        root = factory.mktemp("examples-store")
        folder = corpus_folder(root)
        path = root / "examples.db"
        store = Store(f"sqlite:///{path}")
        report = ingest([str(folder)], store, Settings())
        store.close()
        assert not report.errors, report.errors
        _built["path"], _built["corpus"] = path, folder
    return _built["path"]


def corpus(factory: pytest.TempPathFactory) -> Path:
    built_store(factory)
    return _built["corpus"]


def copy_of(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite file (its WAL included), by SQLite's backup."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    return target
