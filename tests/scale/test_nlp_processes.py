"""Parsing in several spaCy processes (THREADLINE_NLP_PROCESSES) stores what one process stores."""

from __future__ import annotations

import io
import multiprocessing
import shutil
import signal
import time
from pathlib import Path

import pytest
import spacy
from bench.corpus import write_corpus
from spacy.language import Language
from spacy.tokens import Doc

from threadline.export import export
from threadline.ingest.budget import OutOfTime, batch_budget
from threadline.nlp.pipeline import parse_stories
from threadline.records import Story
from threadline.settings import Settings, SettingsError
from threadline.store import Store
from threadline.workflow import ingest

STUCK = "stuck"


@Language.component("tl_test_stuck_on_one_text")
def stuck_on_one_text(doc: Doc) -> Doc:
    """A component that never comes back on one text (in a forked spaCy process)."""
    if STUCK in doc.text:
        time.sleep(120)
    return doc


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


def test_a_spent_budget_ends_the_spacy_processes_it_started(monkeypatch: pytest.MonkeyPatch) -> None:
    """spaCy joins its processes when the pipe is left; one stuck on a text would hold
    the run past its budget, so the budget ends them first (SIGTERM)."""
    started: list[multiprocessing.Process] = []
    start = multiprocessing.Process.start

    def recorded(process: multiprocessing.Process) -> None:
        started.append(process)
        start(process)

    monkeypatch.setattr(multiprocessing.Process, "start", recorded)
    nlp = spacy.blank("en")
    nlp.add_pipe("tl_test_stuck_on_one_text")
    stories = [
        Story(f"d{i}", "feed.jsonl", 0, f"Story {i}." + (f" {STUCK}" if i == 3 else ""), ()) for i in range(8)
    ]
    with pytest.raises(OutOfTime), batch_budget(1.0):
        list(parse_stories(nlp, stories, batch_size=2, n_process=2))
    assert len(started) == 2
    assert [p.exitcode for p in started] == [-signal.SIGTERM] * 2
