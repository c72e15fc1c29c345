"""Many processes on one store, for real: separate processes, a real SQLite file, a real
PostgreSQL (THREADLINE_TEST_PG). Openers of a new store race; readers answer while an
ingest writes and never see half a document; writers take turns or fail in one line.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text
from tests.reliability.checks import check_store, claims_by_document
from tests.reliability.corpus import write_corpus
from tests.reliability.pgserver import drop_databases, fresh_database
from tests.reliability.readers import read_while_ingesting
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.export.json_export import export_json
from threadline.settings import Settings
from threadline.store import Store, connect
from threadline.workflow import ingest

OPENER = """
import sys, time
from pathlib import Path
from threadline.store import Store
while not Path(sys.argv[2]).exists():
    time.sleep(0.001)
Store(sys.argv[1]).close()
"""

HOLDER = """
import sys, time
from threadline.store import Store
store = Store(sys.argv[1])
with store.{block}():
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "threadline.cli.main", *args]


def started_together(commands: list[list[str]], go: Path) -> list[subprocess.CompletedProcess[str]]:
    """Start every command, let them all load, then release them at one instant."""
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands
    ]
    time.sleep(3)  # imports done: each now waits for `go`
    go.touch()
    return [subprocess.CompletedProcess(p.args, p.wait(), *p.communicate()) for p in processes]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def new_store_urls(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[list[str]]:
    """Three URLs of stores that do not exist yet (SQLite files, or empty databases)."""
    if request.param == "sqlite":
        yield [f"sqlite:///{tmp_path / f'new-{n}.db'}" for n in range(3)]
        return
    server = request.getfixturevalue("pg_url")
    names = [f"threadline_new_{n}" for n in range(3)]
    yield [fresh_database(server, name) for name in names]
    drop_databases(server, *names)


def test_processes_opening_one_new_store_at_once_all_succeed(
    new_store_urls: list[str], tmp_path: Path
) -> None:
    # On main, 4 openers of a new SQLite file failed 22 times in 32 ("table documents already exists").
    for round_number, url in enumerate(new_store_urls):
        go = tmp_path / f"go-{round_number}"
        done = started_together([[sys.executable, "-c", OPENER, url, str(go)]] * 4, go)
        failed = "\n".join(p.stderr for p in done if p.returncode or p.stderr)
        assert [(p.returncode, p.stderr) for p in done] == [(0, "")] * 4, failed
        store = Store(url)
        with store.snapshot() as conn:
            assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        store.close()


def test_two_ingests_into_one_new_sqlite_file_keep_both_inputs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, stories=4)
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    inputs = [str(corpus / "report-0000.txt"), str(corpus / "report-0001.txt")]
    processes = [
        subprocess.Popen(cli("ingest", name, "--db", url), stderr=subprocess.PIPE, text=True)
        for name in inputs
    ]
    assert [p.wait() for p in processes] == [0, 0], [p.stderr.read() for p in processes if p.stderr]
    store = Store(url)
    assert store.counts()["documents"] == 2
    assert not store.derived_stale()


def test_readers_answer_while_an_ingest_writes_and_see_whole_documents(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", stories=40)
    first = str(corpus[0] / "report-0000.txt")
    report = read_while_ingesting(
        [str(p) for p in corpus], first, f"sqlite:///{tmp_path / 'busy.db'}", tmp_path
    )
    assert report.failures == []
    assert report.reads >= 3 and report.commands >= 2  # the ingest outlasted several reads


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_url"))


def test_two_ingests_at_once_store_each_story_entity_and_event_once(store_url: str, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, stories=24)
    files = sorted(corpus.glob("*.txt"))
    first, second = [*files[:8], *files[16:]], [*files[8:]]  # overlapping inputs
    processes = [
        subprocess.Popen(cli("ingest", *map(str, part), "--db", store_url), stderr=subprocess.PIPE, text=True)
        for part in (first, second)
    ]
    assert [p.wait() for p in processes] == [0, 0], [p.stderr.read() for p in processes if p.stderr]
    alone = Store(f"sqlite:///{tmp_path / 'alone.db'}")
    ingest([str(f) for f in files], alone, Settings())
    together = Store(store_url)
    with alone.snapshot() as conn:
        reference = claims_by_document(conn)
    assert check_store(together, reference, Settings()) == []
    assert set(reference) == set(claims_by_document_of(together))
    shared, expected = json.loads(export_json(together)), json.loads(export_json(alone))
    for key in ("stories", "entities", "events"):
        ids = [item["id"] for item in shared[key]]
        assert len(ids) == len(set(ids)) and set(ids) == {item["id"] for item in expected[key]}, key


def claims_by_document_of(store: Store) -> dict:
    with store.snapshot() as conn:
        return claims_by_document(conn)


def holding(url: str, block: str, seconds: float) -> subprocess.Popen[str]:
    """Another process that holds the store's write transaction or ingest lock."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(block=block), url, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "held"
    return process


def test_a_second_writer_past_the_busy_timeout_fails_in_one_line(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "corpus", stories=1)
    Store(store_url).close()
    monkeypatch.setattr(connect, "BUSY_TIMEOUT_S", 1)
    holder = holding(store_url, "transaction", 30)
    try:
        result = CliRunner().invoke(app, ["ingest", str(tmp_path / "corpus"), "--db", store_url])
    finally:
        holder.kill()
    assert result.exit_code == 1
    expected = (
        f"error: {store_url}: the store is busy: another threadline process has held its write lock "
        "for 1 s; try again when it has finished"
    )
    assert "".join(result.output.split()) == "".join(expected.split())  # the console folds at its width
    store = Store(store_url)
    assert store.counts()["documents"] == 0 and check_store(store, {}, Settings()) == []


def test_a_writer_waits_for_another_within_the_busy_timeout(store_url: str) -> None:
    Store(store_url).close()
    holder = holding(store_url, "transaction", 2)
    store, started = Store(store_url), time.perf_counter()
    with store.transaction() as conn:  # waits for the holder, then writes
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('after', 'the holder')"))
    assert time.perf_counter() - started > 0.5
    holder.wait()


def test_stats_during_an_ingest_says_derived_rows_lag_and_leaves_them(store_url: str, tmp_path: Path) -> None:
    stale_store(store_url, tmp_path)
    holder = holding(store_url, "ingesting", 60)
    try:
        result = CliRunner().invoke(app, ["stats", "--db", store_url])
    finally:
        holder.kill()
    assert result.exit_code == 0
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: an ingest is writing to this store; entities, events and facts cover the stories "
        "stored before it and follow when it finishes"
    ]
    assert "entities: 0" in result.output and Store(store_url).derived_stale()


def test_stats_after_a_killed_ingest_brings_derived_rows_up_to_date_first(
    store_url: str, tmp_path: Path
) -> None:
    stale_store(store_url, tmp_path)
    holder = holding(store_url, "ingesting", 60)
    holder.kill()  # the lock dies with its process
    holder.wait()
    result = CliRunner().invoke(app, ["stats", "--db", store_url])
    assert result.exit_code == 0
    assert "note: entities, events and facts were behind the stories" in result.output
    assert "entities: 0" not in result.output and not Store(store_url).derived_stale()


def stale_store(url: str, tmp_path: Path, seed: int = 9) -> None:
    """A store with claims but no derived rows yet, as a run killed before its last step leaves it."""
    from threadline.ingest import read_inputs
    from threadline.nlp.pipeline import build_pipeline
    from threadline.workflow import ingest_document

    settings, store = Settings(), Store(url)
    for document in read_inputs([str(p) for p in write_corpus(tmp_path / "stale", stories=2, seed=seed)]):
        assert not isinstance(document, Exception)
        ingest_document(store, build_pipeline(settings), document, settings)
    assert store.derived_stale()
    store.close()


def test_a_refresh_that_read_older_claims_never_marks_the_store_current(store: Store, tmp_path: Path) -> None:
    from threadline.records import Entity
    from threadline.store.layout import Derived

    stale_store(store.url, tmp_path)
    older = store.claims_generation()
    stale_store(store.url, tmp_path / "more", seed=10)  # another process writes meanwhile
    newer = store.claims_generation()
    empty = Derived(duplicates=(), entities=(), entity_of={}, reasons={}, places={})
    one = Entity(id="e-1", type="location", name="Mosul", aliases=(), kb_id=None)
    assert store.replace_derived(empty, older) is False and store.derived_stale()
    assert store.replace_derived(replace(empty, entities=(one,)), newer) is True and not store.derived_stale()
    # the older refresh ends last: its rows must not replace the newer ones
    assert store.replace_derived(empty, older) is False
    assert not store.derived_stale() and store.entities() == [one]
