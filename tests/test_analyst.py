"""Analyst judgements and reference entities, through the command line on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app

STORY_A = """Commander visits frontline post

Published: 2 June 2025

Tariq Hussein al-Ubaidi, the commander of the fictional Liwa al-Jabal al-Aswad, visited a frontline post near Tuz Khurmatu on Monday, the group said.
"""
STORY_B = """Brigade opens recruitment office

Published: 5 June 2025

The Black Mountain Brigade opened a recruitment office in Kirkuk on Wednesday. Its commander, Tariq al-Ubaidi, did not attend, officials said.
"""
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def entities(db: str, tmp_path: Path) -> list[dict]:
    target = tmp_path / "e.json"
    run("export", "--db", db, "-o", str(target))
    return json.loads(target.read_text())["entities"]


def named(found: list[dict], name: str) -> list[dict]:
    return [e for e in found if name == e["name"] or name in e["aliases"]]


@pytest.fixture
def db(tmp_path: Path) -> str:
    (tmp_path / "a.txt").write_text(STORY_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY_B, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 't.db'}"
    run("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", url)
    return url


def test_merge_joins_two_entities_and_survives_reingest(db, tmp_path):
    groups = [e for e in entities(db, tmp_path) if e["type"] == "organization"]
    black = next(e for e in groups if "Black Mountain" in e["name"])
    liwa = next(e for e in groups if "Liwa" in e["name"])
    assert black["id"] != liwa["id"]
    run("merge", black["id"], liwa["id"], "--note", "same brigade, translated name", "--db", db)
    assert len(named(entities(db, tmp_path), black["name"])) == 1
    assert named(entities(db, tmp_path), black["name"]) == named(entities(db, tmp_path), liwa["name"])
    (tmp_path / "c.txt").write_text(STORY_B.replace("Kirkuk", "Daquq"), encoding="utf-8")
    run("ingest", str(tmp_path / "c.txt"), "--db", db)
    merged = named(entities(db, tmp_path), liwa["name"])
    assert len(merged) == 1 and black["name"] in [merged[0]["name"], *merged[0]["aliases"]]


def test_split_keeps_an_alias_apart(db, tmp_path):
    person = next(e for e in entities(db, tmp_path) if e["type"] == "person" and "Ubaidi" in e["name"])
    alias = next(a for a in person["aliases"] if a != person["name"])
    run("split", person["id"], "--name", alias, "--db", db)
    after = entities(db, tmp_path)
    holders = named(after, alias)
    assert holders and all(person["name"] not in [h["name"], *h["aliases"]] for h in holders)


def test_rename_and_why(db, tmp_path):
    person = next(e for e in entities(db, tmp_path) if e["type"] == "person" and "Ubaidi" in e["name"])
    run("rename", person["id"], "Tariq H. al-Ubaidi", "--db", db)
    shown = run("entity", "Tariq H. al-Ubaidi", "--why", "--db", db)
    assert shown.startswith(person["id"]) and "Tariq H. al-Ubaidi" in shown
    assert "\n  - " in shown  # --why lists the resolver's reasons


def test_unknown_entity_is_one_clear_error(db):
    result = runner.invoke(app, ["merge", "Nobody At All", "Nobody Else", "--db", db])
    assert result.exit_code == 1 and "no entity is named 'Nobody At All'" in result.output


def test_kb_add_yaml_links_known_names(db, tmp_path):
    kb = tmp_path / "mine.yaml"
    kb.write_text(
        "entities:\n  - id: black-mountain-brigade\n    name: Black Mountain Brigade\n"
        "    type: organization\n    aliases: [Liwa al-Jabal al-Aswad]\n",
        encoding="utf-8",
    )
    run("kb", "add", str(kb), "--db", db)
    [brigade] = named(entities(db, tmp_path), "Black Mountain Brigade")
    assert "Liwa al-Jabal al-Aswad" in brigade["aliases"] and brigade["kb_id"] == "black-mountain-brigade"


def test_kb_add_followthemoney_entities(db, tmp_path):
    ftm = tmp_path / "list.ftm.json"
    record = {
        "id": "nk-1",
        "schema": "Person",
        "properties": {
            "name": ["Tariq Hussein al-Ubaidi"],
            "alias": ["Abu Zaid al-Ubaidi"],
            "country": ["iq"],
        },
    }
    ftm.write_text(json.dumps(record) + "\n", encoding="utf-8")
    run("kb", "add", str(ftm), "--db", db)
    [person] = named(entities(db, tmp_path), "Tariq Hussein al-Ubaidi")
    assert person["kb_id"] == "ftm-nk-1"


def test_kb_add_malformed_file_is_named(db, tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("entities: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["kb", "add", str(bad), "--db", db])
    assert result.exit_code == 1 and "broken.yaml" in result.output
