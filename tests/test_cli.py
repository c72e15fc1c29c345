"""The command line end to end, on a real SQLite file and articles written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app

ARTICLE = """Militia commander meets tribal elders in Anbar

Published: 12 March 2025

Faris al-Dulaimi, commander of the fictional Kataib Sahra al-Gharbiya, met tribal elders in Ramadi on Sunday, the group said in a statement.

The elders asked for the release of two men detained at a checkpoint last week.
"""

SECOND = """Drone strike hits warehouse near Qaim

Updated: 14 March 2025, 10:05 AM

A drone strike destroyed a warehouse near the town of al-Qaim on Thursday, local officials said. No group claimed responsibility.
"""

FEED = [
    {
        "id": "feed-1",
        "title": "Protest in Basra",
        "published": "2025-03-10",
        "text": "Hundreds of people protested outside the provincial council in Basra on Monday over power cuts.",
    },
    {
        "id": "feed-2",
        "text": "Police in Mosul arrested three men suspected of smuggling weapons, officials said.",
    },
]

runner = CliRunner()


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(SECOND, encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in FEED) + "\n", encoding="utf-8")
    return folder


def export(db_url: str, tmp_path: Path) -> dict:
    target = tmp_path / "export.json"
    result = invoke("export", "--format", "json", "--db", db_url, "-o", str(target))
    assert result.exit_code == 0, result.output
    return json.loads(target.read_text(encoding="utf-8"))


def test_ingest_folder_recursively_and_export(corpus, db_url, tmp_path):
    result = invoke("ingest", str(corpus), "--db", db_url)
    assert result.exit_code == 0, result.output
    data = export(db_url, tmp_path)
    assert sorted(s["source"] for s in data["stories"]) == ["a.txt", "b.txt", "feed-1", "feed-2"]
    by_source = {s["source"]: s for s in data["stories"]}
    assert by_source["a.txt"]["published"] == "2025-03-12"
    assert by_source["feed-2"]["published"] is None
    for m in data["mentions"]:
        story = next(s for s in data["stories"] if s["id"] == m["story"])
        indexed = story["title"] if m.get("zone") == "title" else story["text"]
        assert indexed[m["start"] : m["end"]] == m["text"]


def test_reingesting_unchanged_inputs_changes_nothing(corpus, db_url, tmp_path):
    assert invoke("ingest", str(corpus), "--db", db_url).exit_code == 0
    first = tmp_path / "first.json"
    invoke("export", "--db", db_url, "-o", str(first))
    result = invoke("ingest", str(corpus), "--db", db_url)
    assert "0 documents stored" in result.output and "4 unchanged" in result.output
    second = tmp_path / "second.json"
    invoke("export", "--db", db_url, "-o", str(second))
    assert first.read_bytes() == second.read_bytes()


def test_changed_file_replaces_its_old_stories(corpus, db_url, tmp_path):
    invoke("ingest", str(corpus), "--db", db_url)
    (corpus / "a.txt").write_text(ARTICLE.replace("Ramadi", "Fallujah"), encoding="utf-8")
    invoke("ingest", str(corpus), "--db", db_url)
    texts = [s["text"] for s in export(db_url, tmp_path)["stories"] if s["source"] == "a.txt"]
    assert len(texts) == 1 and "Fallujah" in texts[0] and "Ramadi" not in texts[0]


def test_jsonl_from_stdin(db_url, tmp_path):
    lines = "\n".join(json.dumps(r) for r in FEED)
    result = invoke("ingest", "-", "--db", db_url, stdin=lines)
    assert result.exit_code == 0, result.output
    assert {s["source"] for s in export(db_url, tmp_path)["stories"]} == {"feed-1", "feed-2"}


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe" * 200, "binary"),
        (
            "bad.jsonl",
            b'{"id": "ok-1", "text": "A council met in Kirkuk on Monday."}\n{not json\n',
            "bad.jsonl:2",
        ),
        ("nobody.html", b"<html><head><title>x</title></head><body></body></html>", "nobody.html"),
    ],
)
def test_bad_input_is_named_and_the_rest_is_stored(corpus, db_url, tmp_path, name, content, says):
    assert invoke("ingest", str(corpus), "--db", db_url).exit_code == 0
    before = export(db_url, tmp_path)
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(SECOND.replace("Qaim", "Rutba"), encoding="utf-8")
    result = invoke("ingest", str(bad), str(good), "--db", db_url)
    assert result.exit_code == 1
    assert says in result.output
    after = export(db_url, tmp_path)
    sources = {s["source"] for s in after["stories"]}
    assert {s["source"] for s in before["stories"]} <= sources and "good.txt" in sources


def test_missing_path_fails_with_its_name(db_url):
    result = invoke("ingest", "/no/such/folder/article.txt", "--db", db_url)
    assert result.exit_code == 1
    assert "/no/such/folder/article.txt" in result.output


def test_stats_prints_counts_and_top_entities(corpus, db_url):
    invoke("ingest", str(corpus), "--db", db_url)
    result = invoke("stats", "--db", db_url)
    assert result.exit_code == 0
    assert "stories: 4" in result.output and "Most connected entities" in result.output


def test_unknown_export_format_is_refused(db_url):
    result = invoke("export", "--format", "xml", "--db", db_url)
    assert result.exit_code == 1 and "unknown format" in result.output


def test_ids_are_stable_across_fresh_stores(corpus, tmp_path):
    exports = []
    for name in ("one.db", "two.db"):
        url = f"sqlite:///{tmp_path / name}"
        assert invoke("ingest", str(corpus), "--db", url).exit_code == 0
        target = tmp_path / f"{name}.json"
        invoke("export", "--db", url, "-o", str(target))
        exports.append(target.read_bytes())
    assert exports[0] == exports[1]


def test_an_interrupted_refresh_is_finished_by_the_next_ingest(corpus, db_url):
    from threadline.ingest import read_inputs
    from threadline.nlp.pipeline import build_pipeline
    from threadline.settings import Settings
    from threadline.store import Store
    from threadline.workflow import ingest, ingest_document

    settings, store = Settings(), Store(db_url)
    for document in read_inputs([str(corpus / "a.txt")]):
        ingest_document(store, build_pipeline(settings), document, settings)  # claims only
    assert store.derived_stale() and store.entities() == []
    report = ingest([str(corpus / "a.txt")], store, settings)
    assert report.unchanged == 1 and not store.derived_stale() and store.entities()


def test_a_failed_unit_of_resolution_is_named_the_rest_written_and_the_exit_non_zero(
    corpus, db_url, tmp_path, monkeypatch
):
    import threadline.resolve as resolve_package

    real = resolve_package.build_entity

    def broken(members, *args):
        if any("Dulaimi" in n.name.surface for n in members):
            raise ValueError("cannot build")
        return real(members, *args)

    monkeypatch.setattr(resolve_package, "build_entity", broken)
    result = invoke("ingest", str(corpus), "--db", db_url)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "cannot build" in line]
    assert line.startswith("error: resolution: building the entity of 'Faris al-Dulaimi'")
    assert "units of the derived steps failed" in result.output
    names = {e["name"] for e in export(db_url, tmp_path)["entities"]}
    assert {"Faris al-Dulaimi", "Ramadi", "Mosul"} <= names


def test_a_failed_geocoding_step_keeps_the_entities(corpus, db_url, tmp_path, monkeypatch):
    import threadline.graph.steps as global_steps

    def broken(*args, **kwargs):
        raise RuntimeError("gazetteer unreadable")

    monkeypatch.setattr(global_steps, "place_entities", broken)
    result = invoke("ingest", str(corpus), "--db", db_url)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "gazetteer unreadable" in line]
    assert line.startswith("error: places: pinning the location entities") and "'Ramadi'" in line
    assert "Faris al-Dulaimi" in {e["name"] for e in export(db_url, tmp_path)["entities"]}


def error_lines(output: str) -> list[str]:
    lines = [line for line in output.splitlines() if line.strip()]
    assert not any("Traceback" in line or "│" in line for line in lines), output
    return lines


@pytest.mark.parametrize(("target", "says"), [("missing/x.json", "does not exist"), (".", "is a folder")])
def test_export_to_a_path_it_cannot_write_fails_before_building(
    corpus, db_url, tmp_path, monkeypatch, target, says
):
    import threadline.cli.main as main

    assert invoke("ingest", str(corpus), "--db", db_url).exit_code == 0
    monkeypatch.setattr(main, "run_export", lambda *a: pytest.fail("built the export first"))
    path = tmp_path / target
    result = invoke("export", "--db", db_url, "-o", str(path))
    assert result.exit_code == 1
    [line] = error_lines(result.output)
    assert line.startswith(f"error: -o {path}: ") and says in line


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://user:secret@db.example/news", "cannot store in 'mysql'"),
        (
            "threadline.db",
            "not a database URL (for the SQLite file threadline.db write sqlite:///threadline.db)",
        ),
    ],
)
def test_a_database_url_threadline_cannot_open_gets_the_ones_it_can(url, says):
    result = invoke("stats", "--db", url)
    assert result.exit_code == 1
    [line] = error_lines(result.output)
    assert says in line and "sqlite:///path.db" in line and "postgresql+psycopg://" in line
    assert "secret" not in line


@pytest.mark.parametrize(
    "command",
    [("stats",), ("export",), ("entity", "Ramadi"), ("merge", "Ramadi", "Mosul"), ("rename", "X", "Y")],
)
def test_a_command_on_a_sqlite_file_that_is_not_there_creates_no_store(tmp_path, command):
    typo = tmp_path / "typo.db"
    result = invoke(*command, "--db", f"sqlite:///{typo}")
    assert result.exit_code == 1
    [line] = error_lines(result.output)
    assert f"no store at {typo}" in line and not typo.exists()


def test_an_unexpected_error_is_one_line_and_debug_shows_the_traceback(corpus, db_url, monkeypatch):
    import threadline.cli.main as main

    assert invoke("ingest", str(corpus), "--db", db_url).exit_code == 0

    def broken(export):
        raise KeyError("top_entities")

    monkeypatch.setattr(main, "summarize", broken)
    result = invoke("stats", "--db", db_url)
    assert result.exit_code == 1
    [line] = error_lines(result.output)
    assert line.startswith("error: internal error KeyError: 'top_entities'") and "--debug" in line
    debugged = invoke("--debug", "stats", "--db", db_url)
    assert isinstance(debugged.exception, KeyError)


def test_a_folder_with_nothing_to_ingest_fails_and_says_so(tmp_path, db_url):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.md").write_text(ARTICLE, encoding="utf-8")
    result = invoke("ingest", str(tmp_path / "empty"), "--db", db_url)
    assert (
        result.exit_code == 1
        and f"error: {tmp_path / 'empty'}: no file to ingest in this folder" in result.output
    )


def test_a_published_value_that_is_no_date_is_a_warning_not_a_failure(db_url, tmp_path):
    record = dict(FEED[1], published="2023-02-31")
    result = invoke("ingest", "-", "--db", db_url, stdin=json.dumps(record) + "\n")
    assert result.exit_code == 0, result.output
    assert (
        "warning: <stdin>:1: record 'feed-2': 'published' \"2023-02-31\" is not a calendar date"
        in result.output
    )
    [story] = export(db_url, tmp_path)["stories"]
    assert story["published"] is None


def test_the_ingest_summary_counts_records_removed_from_a_feed(corpus, db_url):
    assert invoke("ingest", str(corpus), "--db", db_url).exit_code == 0
    (corpus / "feed.jsonl").write_text(json.dumps(FEED[0]) + "\n", encoding="utf-8")
    result = invoke("ingest", str(corpus), "--db", db_url)
    assert result.exit_code == 0
    assert "1 stored records no longer in the file were removed" in result.output
    assert "0 documents stored (0 stories), 3 unchanged, 1 removed, 0 failed" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["stats", "--bogus"], "error: No such option: --bogus (see `"),
        (["stats", "--db", "mysql://localhost/news"], "error: --db mysql://localhost/news: "),
    ],
)
def test_the_program_itself_prints_one_line_for_usage_and_database_errors(args, says):
    """As a user runs it (not through the test runner): no boxed panel, no traceback."""
    ran = subprocess.run(
        [sys.executable, "-m", "threadline.cli.main", *args], capture_output=True, text=True, check=False
    )
    assert ran.returncode != 0 and ran.stdout == ""
    [line] = error_lines(ran.stderr)
    assert line.startswith(says)


def test_nlp_processes_is_refused_with_the_dask_engine_and_below_one(corpus, db_url, tmp_path):
    dask = invoke("ingest", str(corpus), "--db", db_url, "--engine", "dask", "--nlp-processes", "2")
    assert dask.exit_code == 1 and "--nlp-processes is for --engine local" in dask.output
    zero = invoke("ingest", str(corpus), "--db", db_url, "--nlp-processes", "0")
    assert zero.exit_code == 2
