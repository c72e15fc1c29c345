"""Parsing in several spaCy processes (THREADLINE_NLP_PROCESSES) stores what one process stores."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from bench.corpus import write_corpus

from threadline.export import export
from threadline.settings import Settings, SettingsError
from threadline.store import Store
from threadline.workflow import ingest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def exported(store: Store) -> str:
    stream = io.StringIO()
    export(store, "json", stream)
    return stream.getvalue()


def test_two_spacy_processes_store_what_one_stores(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    with (folder / "generated.jsonl").open("w", encoding="utf-8") as stream:
        write_corpus(10, seed=5, stream=stream)
    for name in ("01_page_with_two_stories.txt", "06_deployment_al_qaim.html"):
        shutil.copy(EXAMPLES / name, folder)
    one, two = Store(f"sqlite:///{tmp_path}/one.db"), Store(f"sqlite:///{tmp_path}/two.db")
    first = ingest([str(folder)], one, Settings(batch_size=4))
    second = ingest([str(folder)], two, Settings(batch_size=4, nlp_processes=2))
    assert (second.written, second.errors) == (first.written, first.errors) == (12, [])
    assert exported(two) == exported(one)


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_process_count_is_refused_by_name(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREADLINE_NLP_PROCESSES", value)
    with pytest.raises(SettingsError, match=r"^THREADLINE_NLP_PROCESSES=.*positive number"):
        Settings.from_env()


def test_the_process_count_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREADLINE_NLP_PROCESSES", "3")
    assert Settings.from_env().nlp_processes == 3
