"""Analyst judgements and reference entities, through the command line on a real SQLite file."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.records import Mention
from threadline.resolve import Judgement, resolve_entities
from threadline.store import Store

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
    assert "try `threadline search Nobody At All`" in result.output  # the CLI's hint, not the API's


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


def refused(db: str, *args: str) -> str:
    """The one error line of a command the store must refuse, having recorded nothing."""
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("error: ")
    assert Store(db).judgements() == []
    return line


def test_merging_an_entity_with_itself_is_refused(db, tmp_path):
    person = next(e for e in entities(db, tmp_path) if e["type"] == "person")
    line = refused(db, "merge", person["id"], person["aliases"][0])
    assert "are one entity already" in line and person["id"] in line


def test_merging_a_person_into_a_place_needs_force(db, tmp_path):
    found = entities(db, tmp_path)
    person = next(e for e in found if e["type"] == "person")
    place = next(e for e in found if e["type"] == "location")
    line = refused(db, "merge", person["id"], place["id"])
    assert "is a person" in line and "a location" in line and "--force" in line
    run("merge", person["id"], place["id"], "--force", "--db", db)
    assert len(named(entities(db, tmp_path), place["name"])) == 1
    assert named(entities(db, tmp_path), place["name"]) == named(entities(db, tmp_path), person["name"])


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_rename_is_refused(db, tmp_path, blank):
    person = next(e for e in entities(db, tmp_path) if e["type"] == "person")
    assert "the new name is blank" in refused(db, "rename", person["id"], blank)


def test_a_split_that_would_change_nothing_is_refused(tmp_path):
    story = (
        "Commander tours border crossing\n\nPublished: 7 June 2025\n\n"
        "Tariq al-Ubaidi, a commander of the fictional Liwa al-Jabal al-Aswad, toured the Rabia border "
        "crossing on Saturday. Officials said Tariq Al Ubaidi met customs staff.\n"
    )
    (tmp_path / "tour.txt").write_text(story, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    run("ingest", str(tmp_path / "tour.txt"), "--db", db)
    [person] = [e for e in entities(db, tmp_path) if e["type"] == "person"]
    assert person["aliases"] == ["Tariq Al Ubaidi"]  # one name, spelled two ways
    line = refused(db, "split", person["id"], "--name", "Tariq Al Ubaidi")
    assert "would change nothing" in line and "nothing was recorded" in line
    assert "is not an alias" in refused(db, "split", person["id"], "--name", "  ")


def test_a_split_records_the_type_of_the_entity_split(db, tmp_path):
    person = next(e for e in entities(db, tmp_path) if e["type"] == "person" and "Ubaidi" in e["name"])
    alias = next(a for a in person["aliases"] if a != person["name"])
    run("split", person["id"], "--name", alias, "--db", db)
    [judgement] = Store(db).judgements()
    assert (judgement.kind, judgement.entity_type) == ("split", "person")


def test_a_surname_split_off_a_person_stays_a_person():
    """A lone surname the model calls an organization: split off the person, it keeps the
    person's type; a split that carries no type (recorded before types were) goes by votes."""
    first = "Karim Jaber Mansouri met the envoy in Basra. Mansouri said talks would continue."
    second = "Mansouri issued a statement on Friday."
    texts = {"s1": first, "s2": second}

    def mention(story: str, start: int, text: str, kind: str, label: str) -> Mention:
        return Mention(story, start, start + len(text), text, kind, label)  # type: ignore[arg-type]

    mentions = [
        mention("s1", 0, "Karim Jaber Mansouri", "person", "PERSON"),
        mention("s1", first.index("Basra"), "Basra", "location", "GPE"),
        mention("s1", first.rindex("Mansouri"), "Mansouri", "organization", "ORG"),
        mention("s2", 0, "Mansouri", "organization", "ORG"),
    ]
    subjects = ("Karim Jaber Mansouri", "Mansouri")

    def types_of_mansouri(judgement: Judgement) -> set[str]:
        found = resolve_entities(mentions, texts, (), [judgement]).entities
        return {e.type for e in found if e.name == "Mansouri"}

    assert types_of_mansouri(Judgement("split", subjects, "a", "2025-06-01", entity_type="person")) == {
        "person"
    }
    assert types_of_mansouri(Judgement("split", subjects, "a", "2025-06-01")) == {"organization"}


def test_a_merge_killed_after_recording_applies_at_the_next_command(db, tmp_path):
    """SIGKILL right after the judgement is written, before the derived rows are
    recomputed: the store says they are behind, and the next command that reads it (here
    `export`; `stats`, `entity` and `ingest` alike) applies the merge first."""
    groups = [e for e in entities(db, tmp_path) if e["type"] == "organization"]
    black = next(e for e in groups if "Black Mountain" in e["name"])
    liwa = next(e for e in groups if "Liwa" in e["name"])
    script = (
        "import os, signal, sys\n"
        "import threadline.cli.entities as entities\n"
        "entities.refresh_derived = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from threadline.cli.main import app\n"
        f"sys.argv = ['threadline', 'merge', {black['id']!r}, {liwa['id']!r}, '--db', {db!r}]\n"
        "app()\n"
    )
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    store = Store(db)
    assert [j.kind for j in store.judgements()] == ["merge"] and store.derived_stale()
    after = entities(db, tmp_path)
    assert named(after, black["name"]) == named(after, liwa["name"]) and not store.derived_stale()
    output = run("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db)
    assert "0 documents stored" in output and entities(db, tmp_path) == after
