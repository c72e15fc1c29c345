"""The workbench commands on the examples store, through the command line."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app

runner = CliRunner()
STORY_ID = re.compile(r"\bs-[0-9a-f]{16}\b")


def run(*args: str, status: int = 0) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == status, result.output
    return result.stdout


@pytest.mark.parametrize(
    "command",
    ["search", "entity", "events", "network", "brief", "review", "ingest", "rebuild", "export", "stats"],
)
def test_every_command_answers_help(command):
    assert "Usage" in run(command, "--help")


def test_importing_the_cli_imports_no_pipeline_or_web_stack():
    probe = (
        "import sys, threadline.cli.main\n"
        "heavy = [m for m in ('spacy', 'followthemoney', 'fastapi', 'uvicorn', 'playwright', 'threadline.workflow') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_search_in_three_formats(db):
    table = run("search", "Saadi", "--db", db)
    assert "Abu Haidar al-Saadi" in table and "[Saadi]" not in table  # styled, not bracketed
    found = json.loads(run("search", "Saadi", "--format", "json", "--db", db))
    first = found["hits"][0]
    assert first["kind"] == "entity" and first["title"] == "Abu Haidar al-Saadi"
    assert [first["snippet"][a:b] for a, b in first["matches"]] == ["Saadi"]
    rows = list(csv.DictReader(io.StringIO(run("search", "Saadi", "--format", "csv", "--db", db))))
    assert rows[0]["title"] == "Abu Haidar al-Saadi"
    assert set(rows[0]) == {"kind", "id", "title", "snippet", "matches"}
    a, b = (int(n) for n in rows[0]["matches"].split()[0].split("-"))
    assert rows[0]["snippet"][a:b] == "Saadi"


def test_a_lowercase_match_shows_in_the_table(db):
    # a cell is text, never console markup: a snippet's words all show, as written
    found = json.loads(run("search", "video", "--format", "json", "--db", db))["hits"][0]
    assert found["snippet"][:40] in run("search", "video", "--db", db)


@pytest.mark.parametrize("query", ["'", '"', "%", "--", ";", "NEAR(", "*", "x'); DROP TABLE stories; --"])
def test_search_metacharacters_are_harmless(db, query):
    run("search", "--db", db, "--", query)
    assert "Abu Haidar" in run("search", "Saadi", "--db", db)


def test_entity_shows_relations_events_quotes_and_sources(db):
    shown = run("entity", "kataib sayf", "--db", db)
    assert shown.startswith("e-") and "Kata'ib Sayf al-Rafidayn" in shown.splitlines()[0]
    assert "aliases: KSR" in shown and "leader_of of Muhammad Jawad al-Darraji" in shown
    assert "independent source" in shown and "\u201cSheikh Muhammad Jawad al-Darraji" in shown
    assert "2025-03-11  attack in Ain al-Asad Air Base" in shown
    detail = json.loads(run("entity", "KSR", "--format", "json", "--db", db))
    assert detail["relations"] and detail["events"] and detail["first_seen"]
    rows = list(csv.DictReader(io.StringIO(run("entity", "KSR", "--format", "csv", "--db", db))))
    assert {r["fact"] for r in rows} == {r["id"] for r in detail["relations"]} and all(
        r["quote"] for r in rows
    )


def test_a_name_of_several_entities_gives_a_choice_list(db):
    shown = run("entity", "iraqi", "--db", db, status=1)
    assert "names" in shown and "Iraqi Security Forces" in shown and "Iraqi Steadfastness Front" in shown
    assert len([line for line in shown.splitlines() if line.strip().startswith("e-")]) >= 2


def test_why_groups_reasons_by_story_titles_not_ids(db):
    shown = run("entity", "KSR", "--why", "--db", db)
    assert "in \u201cDrones target Ain al-Asad base as new faction claims attack\u201d" in shown
    why_part = shown.split("events (")[1]
    assert not STORY_ID.search(why_part.split("\n", 1)[1])


def test_events_filters_and_formats(db):
    rows = list(csv.DictReader(io.StringIO(run("events", "--type", "attack", "--format", "csv", "--db", db))))
    assert rows and {r["type"] for r in rows} == {"attack"}
    march = json.loads(
        run("events", "--since", "2025-03-10", "--until", "2025-03-20", "--format", "json", "--db", db)
    )
    assert march["events"] and all("2025-03-10" <= e["date"] <= "2025-03-20" for e in march["events"])
    near = json.loads(run("events", "--near", "Baghdad", "--km", "60", "--format", "json", "--db", db))
    assert near["events"] and all(e["place"]["name"] != "Tyre" for e in near["events"] if e["place"])
    by_actor = run("events", "--actor", "KSR", "--db", db)
    assert "attack" in by_actor


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--since", "last week"), "--since last week: not a date"),
        (("--km", "5"), "--km needs --near"),
        (("--near", "Atlantis"), "no entity is named 'Atlantis'"),
        (("--format", "xml"), "--format xml: unknown"),
    ],
)
def test_a_bad_filter_is_one_line_naming_it(db, args, says):
    result = runner.invoke(app, ["events", *args, "--db", db])
    assert result.exit_code != 0
    assert says in result.output and "Traceback" not in result.output


def test_network_depth_and_predicate(db):
    one = json.loads(run("network", "KSR", "--format", "json", "--db", db))
    two = json.loads(run("network", "KSR", "--depth", "2", "--format", "json", "--db", db))
    assert len(two["nodes"]) >= len(one["nodes"]) >= 2
    edge = one["edges"][0]
    assert {"id", "source", "target", "predicate", "independent_sources", "dates", "quote"} <= set(edge)
    only = json.loads(run("network", "KSR", "--predicate", "part_of", "--format", "json", "--db", db))
    assert {e["predicate"] for e in only["edges"]} == {"part_of"}
    assert "part_of" in run("network", "KSR", "--db", db)


def test_the_table_styles_exactly_the_matched_words_whatever_brackets_the_text_holds():
    from threadline.cli.render import highlighted, spans_cell

    shown = highlighted("the report [of a raid] was false", [(16, 20)])
    assert shown.plain == "the report [of a raid] was false"
    assert [(s.start, s.end, str(s.style)) for s in shown.spans] == [(16, 20, "bold reverse")]
    assert spans_cell([(16, 20), (30, 35)]) == "16-20 30-35"
