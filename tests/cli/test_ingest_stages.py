"""The ingest says which stage it is in, and analyses documents in batches without
changing what it stores."""

from __future__ import annotations

import io
import shutil
from dataclasses import replace
from pathlib import Path

from threadline.export import export
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ANALYSING, LOADING, READING, RESOLVING, WRITING, ingest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE = EXAMPLES / "05_arrest_basra.txt"


def test_stages_come_in_order_and_an_unchanged_document_skips_the_work(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/stages.db")
    heard: list[str] = []
    ingest([str(EXAMPLE)], store, Settings(), on_stage=heard.append)
    # the reader is asked for a window of documents, then each is analysed and written
    assert heard == [LOADING, READING, READING, ANALYSING, WRITING, RESOLVING]
    again: list[str] = []
    ingest([str(EXAMPLE)], store, Settings(), on_stage=again.append)
    assert ANALYSING not in again and WRITING not in again


def exported(store: Store) -> str:
    stream = io.StringIO()
    export(store, "json", stream)
    return stream.getvalue()


def test_documents_analysed_together_store_what_one_by_one_stores(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "08_clashes_abu_kamal.txt",
        "02_drone_attack_ain_al_asad.txt",
        "01_page_with_two_stories.txt",
    ):
        shutil.copy(EXAMPLES / name, folder)
    # a document over the size budget spoils its batch: the others are then taken one by one
    (folder / "zz_too_long.txt").write_text("Officials met in Basra on Monday. " * 80, encoding="utf-8")
    settings = replace(Settings(), max_document_chars=2_500)
    one_by_one = Store(f"sqlite:///{tmp_path}/single.db")
    ingest([str(folder)], one_by_one, replace(settings, batch_size=1))
    together = Store(f"sqlite:///{tmp_path}/batch.db")
    report = ingest([str(folder)], together, settings)
    assert exported(together) == exported(one_by_one)
    assert report.written == 3 and len(report.errors) == 1 and "zz_too_long.txt" in report.errors[0]
    (folder / "zz_too_long.txt").unlink()
    batched = Store(f"sqlite:///{tmp_path}/batch2.db")
    heard: list[str] = []
    ingest([str(folder)], batched, settings, on_stage=heard.append)
    assert heard.count(ANALYSING) == 1 and heard.count(WRITING) == 3  # one stream, three writes
    assert exported(batched) == exported(one_by_one)
