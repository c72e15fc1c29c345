"""Helpers the export tests share: the example corpus ingested from the repository root."""

from __future__ import annotations

import os
from contextlib import chdir
from pathlib import Path

from typer.testing import CliRunner

from threadline.cli.main import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def ingest_examples(db: Path) -> None:
    """Ingest examples/ from the repository root, so documents are known by `examples/…`
    and every id (hence every golden file) is the same in any checkout."""
    with chdir(REPO):
        result = runner.invoke(app, ["ingest", "examples", "--db", sqlite_url(db)])
    assert result.exit_code == 0, result.output


def regenerating() -> bool:
    return os.environ.get("THREADLINE_REGENERATE_GOLDEN", "") not in ("", "0")
