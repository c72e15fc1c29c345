"""The ingest says which stage it is in, so the progress bar can."""

from __future__ import annotations

from pathlib import Path

from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ANALYSING, LOADING, READING, RESOLVING, WRITING, ingest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "05_arrest_basra.txt"


def test_stages_come_in_order_and_an_unchanged_document_skips_the_work(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/stages.db")
    heard: list[str] = []
    ingest([str(EXAMPLE)], store, Settings(), on_stage=heard.append)
    assert heard == [LOADING, READING, ANALYSING, WRITING, READING, RESOLVING]
    again: list[str] = []
    ingest([str(EXAMPLE)], store, Settings(), on_stage=again.append)
    assert ANALYSING not in again and WRITING not in again
