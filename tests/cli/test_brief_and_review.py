"""The evidence brief (HTML and PDF), review verdicts and ingest progress, through the CLI."""

from __future__ import annotations

import io
import re
import subprocess
import sys

from rich.console import Console
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.cli.progress import DOCUMENTS, RESOLVING, IngestProgress, count_documents

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_html_brief_has_every_fact_with_quotes_and_figures(db, tmp_path):
    target = tmp_path / "ksr.html"
    assert "written to" in run("brief", "KSR", "-o", str(target), "--db", db)
    page = target.read_text(encoding="utf-8")
    assert "Sheikh Muhammad Jawad al-Darraji, leader of Kata&#x27;ib Sayf al-Rafidayn" in page
    assert "Faction leaders meet in Baghdad to discuss a truce" in page  # the source, by title
    assert page.count("<svg") == 3 and "<script" not in page.lower()
    assert "Content-Security-Policy" in page and "http://" not in page.replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_the_brief_escapes_markup_in_article_text(db, tmp_path):
    target = tmp_path / "jabbari.html"
    run("brief", "Jabbari", "-o", str(target), "--db", db)
    page = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&quot;body&quot;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
    assert "<script" not in page.lower() and "<img" not in page.lower()


def test_the_pdf_brief_is_printed_by_chromium(db, tmp_path):
    target = tmp_path / "ksr.pdf"
    run("brief", "KSR", "-o", str(target), "--db", db)
    assert target.read_bytes().startswith(b"%PDF")


def test_a_brief_to_another_format_is_refused_before_any_work(db, tmp_path):
    result = runner.invoke(app, ["brief", "KSR", "-o", str(tmp_path / "x.docx"), "--db", db])
    assert result.exit_code == 1 and "name a .html or .pdf file" in result.output


def test_review_from_the_command_line_shows_in_entity_and_survives_reingest(db_copy, examples_corpus):
    import json

    detail = json.loads(run("entity", "KSR", "--format", "json", "--db", db_copy))
    fact = detail["relations"][0]["id"]
    assert "rejected by" in run("review", "fact", fact, "reject", "--note", "misread", "--db", db_copy)
    assert "analyst: rejected" in run("entity", "KSR", "--db", db_copy)
    run("rebuild", "--db", db_copy)
    run("ingest", str(examples_corpus), "--db", db_copy)
    again = json.loads(run("entity", "KSR", "--format", "json", "--db", db_copy))
    assert next(r for r in again["relations"] if r["id"] == fact)["verdict"] == "reject"
    bad = runner.invoke(app, ["review", "fact", "f-0000", "accept", "--db", db_copy])
    assert bad.exit_code == 1 and "no fact has the id 'f-0000'" in bad.output


def test_a_piped_ingest_prints_one_summary_line_and_no_bar(db_copy, examples_corpus):
    url = db_copy
    done = subprocess.run(
        [sys.executable, "-m", "threadline.cli.main", "ingest", str(examples_corpus), "--db", url],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and re.fullmatch(
        r"0 documents stored \(0 stories\), \d+ unchanged, 0 failed", lines[0]
    )


def test_the_progress_bar_shows_done_of_total_the_stage_and_an_eta(examples_corpus):
    shown = io.StringIO()
    console = Console(file=shown, force_terminal=True, width=160)
    total = count_documents([str(examples_corpus)])
    jsonl = sum(
        1
        for line in (examples_corpus / "09_feed_levant_brief.jsonl").read_text().splitlines()
        if line.strip()
    )
    assert (
        total == len(list(examples_corpus.glob("*.txt"))) + len(list(examples_corpus.glob("*.html"))) + jsonl
    )
    with IngestProgress(console, [str(examples_corpus)]) as progress:
        progress.document_done("a")
        progress.progress.refresh()
        assert f"1/{total}" in shown.getvalue() and DOCUMENTS in shown.getvalue()
        for _ in range(total - 1):
            progress.document_done("b")
        progress.progress.refresh()
        assert RESOLVING.split(";")[0] in shown.getvalue() and f"{total}/{total}" in shown.getvalue()
