"""THREADLINE_DATA reaches every stage: a copy of the data folder with one boilerplate
rule (ingest), one role title (extract) and two knowledge entries (nlp, resolve) more
changes what an ingest stores, and the bundled folder is untouched by it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.extract.vocabulary import load_roles
from threadline.settings import DATA_DIR, Settings
from threadline.store import Store
from threadline.vocabulary import Vocabulary, active, bundled, using
from threadline.workflow import ingest

NOTICE = "Zephyr desk notice: corrections go to the news desk."
ARTICLE = f"""Delta Front names a new head

Amal Haddad, the steward of the Delta Front, said on Monday that the group would hold talks in Tunis.
{NOTICE}
The talks are expected to last three days, officials said, and no date has been set for a second round.
"""


@pytest.fixture
def own_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    rule = "  - {name: house-notice, comment: a test rule, pattern: '^zephyr desk notice\\b'}\n"
    _insert(folder / "boilerplate.yaml", "rules:\n", rule)
    _insert(folder / "roles.yaml", "titles:\n", "  - {title: steward, predicate: leader_of}\n")
    (folder / "knowledge" / "test_people.yaml").write_text(
        "entities:\n"
        "  - {id: amal-haddad, name: Amal Haddad, type: person}\n"
        "  - {id: delta-front, name: Delta Front, type: organization, kind: armed_group}\n",
        encoding="utf-8",
    )
    return folder


def _insert(path: Path, after: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert after in text
    path.write_text(text.replace(after, after + line, 1), encoding="utf-8")


def _ingested(tmp_path: Path, name: str, data_dir: Path) -> Store:
    page = tmp_path / f"{name}.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / name}.db")
    report = ingest([str(page)], store, Settings(db_url=store.url, data_dir=data_dir))
    assert not report.failed, report.errors
    return store


def test_a_data_folder_reaches_ingest_extract_and_resolve(tmp_path: Path, own_folder: Path) -> None:
    own = _ingested(tmp_path, "own", own_folder)
    (story,) = own.stories()
    assert NOTICE not in story.text  # the folder's boilerplate rule
    assert [a.predicate for a in own.assertions()].count("leader_of") == 1  # its role title
    assert {e.kb_id for e in own.entities()} >= {"amal-haddad", "delta-front"}  # its knowledge
    assert active() is bundled()  # the run's vocabulary was the run's only

    plain = _ingested(tmp_path, "plain", DATA_DIR)
    (story,) = plain.stories()
    assert NOTICE in story.text
    assert "leader_of" not in [a.predicate for a in plain.assertions()]


def test_the_command_reads_threadline_data_for_its_run_only(
    tmp_path: Path, own_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.txt"
    page.write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("THREADLINE_DATA", str(own_folder))
    result = CliRunner().invoke(app, ["ingest", str(page), "--db", url])
    assert result.exit_code == 0, result.output
    (story,) = Store(url).stories()
    assert NOTICE not in story.text
    assert active() is bundled()


def test_parts_are_read_once_per_vocabulary_and_folders_stay_apart(own_folder: Path) -> None:
    own = Vocabulary(own_folder)
    assert own.roles is own.roles
    assert "steward" in own.roles.titles and "steward" not in bundled().roles.titles
    with using(own):
        assert active() is own and load_roles() is own.roles
    assert active() is bundled() and load_roles() is bundled().roles
    assert load_roles(own_folder) is not own.roles  # another folder than the active one: read afresh


def test_the_pipeline_and_extractor_read_the_vocabulary_they_are_given(own_folder: Path) -> None:
    """No context: the bundled vocabulary stays the active one, and the folder's role
    title (extract) and knowledge entries (nlp) reach the stages as arguments."""
    from threadline.extract import Extractor
    from threadline.nlp.pipeline import build_pipeline, mentions_of
    from threadline.records import Block, Story

    own = Vocabulary(own_folder)
    text = ARTICLE.split("\n", 2)[2]
    story = Story("d-1", "t.txt", 0, text, (Block(0, len(text), "body"),))
    for vocabulary, expected in ((own, 1), (bundled(), 0)):
        nlp = build_pipeline(Settings(data_dir=vocabulary.data_dir), vocabulary)
        doc = nlp(text)
        mentions = mentions_of(doc, story)
        assert active() is bundled()
        claims, _ = Extractor.named(vocabulary=vocabulary).extract(doc, story, mentions)
        assert [c.predicate for c in claims].count("leader_of") == expected
        known = {m.kb_id for m in mentions}
        assert ("amal-haddad" in known) is (vocabulary is own)  # the folder's knowledge, in the nlp stage
