"""The same store on PostgreSQL: the export must match SQLite's byte for byte.

Runs where THREADLINE_TEST_PG names a server (`.ci/run` starts one on 127.0.0.1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threadline.export.json_export import export_json
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

pytestmark = pytest.mark.postgres

ARTICLES = {
    "one.txt": "Council meets in Najaf\n\nPublished: 3 April 2025\n\n"
    "Members of the provincial council met in Najaf on Wednesday to discuss water shortages, "
    "the governor's office said.\n",
    "two.txt": "Checkpoint attack in Diyala\n\nPublished: 4 April 2025\n\n"
    "Gunmen attacked an army checkpoint in Diyala province on Thursday, killing one soldier, "
    "security sources said.\n",
}


def test_postgres_and_sqlite_give_the_same_export(tmp_path: Path, pg_url: str) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    exports = []
    for url in (f"sqlite:///{tmp_path / 'x.db'}", pg_url):
        store = Store(url)
        report = ingest([str(tmp_path / n) for n in ARTICLES], store, Settings())
        assert report.errors == []
        exports.append(export_json(store))
        store.close()
    assert exports[0] == exports[1]
    assert '"source": "two.txt"' in exports[1]
