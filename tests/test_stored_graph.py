"""The graph as a stored layer: the global steps write events and facts with ids from
their content; export and stats read those rows and recompute nothing; an old store
and `threadline rebuild` fill them. Articles written for these tests, real SQLite."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pytest
from alembic import command
from sqlalchemy import delete
from typer.testing import CliRunner

import threadline.export as export_stage
from threadline.cli.main import app
from threadline.export.json_export import JsonExporter
from threadline.export.protocol import Item
from threadline.graph.steps import assemble
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.db import STALE
from threadline.store.migrate import alembic_config
from threadline.workflow import ingest

RAID = """Militants attack army post in Menaka

Published: 14 May 2024

Fighters of the Sahel Liberation Front attacked an army post in Menaka on Monday, killing four soldiers, the Malian army said.

Abdou Karimi, the leader of the Sahel Liberation Front, met envoys of the Azawad Movement in Kidal in April.
"""

RAID_RETOLD = """Four soldiers killed in Menaka raid

Published: 15 May 2024

The Sahel Liberation Front claimed responsibility for Monday's attack on the army post in Menaka, in which four soldiers died.

Abdou Karimi is the leader of the Sahel Liberation Front, officials told the Sahara Wire.
"""

ARRESTS = """Police detain protesters in Nairobi

Published: 20 June 2024

Kenyan police arrested thirty protesters in Nairobi on Thursday, the Kenya Human Rights Commission said.

Amina Wanjiru, a spokeswoman for the Kenya Human Rights Commission, condemned the arrests.
"""

runner = CliRunner()


def write(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def graph(store: Store) -> dict[str, dict[str, Any]]:
    """Each stored id with what it stands for."""
    with store.snapshot():
        return {
            "entities": {e.id: e.name for e in store.entities()},
            "events": {e.id: frozenset(e.mentions) for e in store.events()},
            "facts": {f.id: (f.subject, f.predicate, f.object) for f in store.facts()},
        }


def test_ids_survive_unrelated_stories(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'g.db'}")
    ingest([str(write(tmp_path / "sahel", raid=RAID, retold=RAID_RETOLD))], store, Settings())
    before = graph(store)
    assert before["events"] and before["facts"]
    ingest([str(write(tmp_path / "kenya", arrests=ARRESTS))], store, Settings())
    after = graph(store)
    for kind in ("entities", "events", "facts"):
        assert before[kind].items() <= after[kind].items(), kind
        assert len(after[kind]) > len(before[kind]), f"the unrelated story added no {kind}"


def test_ids_do_not_depend_on_which_story_came_first(tmp_path: Path) -> None:
    one, two = Store(f"sqlite:///{tmp_path / 'one.db'}"), Store(f"sqlite:///{tmp_path / 'two.db'}")
    for store, order in ((one, ("raid", "retold")), (two, ("retold", "raid"))):
        for name in order:
            folder = write(tmp_path / name, **{name: RAID if name == "raid" else RAID_RETOLD})
            ingest([str(folder)], store, Settings())
    assert graph(one)["events"].keys() == graph(two)["events"].keys()


@pytest.fixture
def stored(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    folder = write(tmp_path / "news", raid=RAID, retold=RAID_RETOLD, arrests=ARRESTS)
    assert runner.invoke(app, ["ingest", str(folder), "--db", url]).exit_code == 0
    return url


def exported(url: str) -> str:
    result = runner.invoke(app, ["export", "--db", url])
    assert result.exit_code == 0, result.output
    return result.stdout


def refuse(*args: Any) -> None:
    raise AssertionError("a reader recomputed the derived layer")


def test_export_and_stats_recompute_nothing(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = exported(stored)
    for module, name in (
        ("threadline.graph.events", "merge_events"),
        ("threadline.graph.steps", "graph_events"),
        ("threadline.graph.steps", "facts_of"),
        ("threadline.graph.steps", "resolve_entities"),
        ("threadline.workflow", "refresh_derived"),
    ):
        monkeypatch.setattr(f"{module}.{name}", refuse)
    assert exported(stored) == expected
    stats = runner.invoke(app, ["stats", "--db", stored])
    assert stats.exit_code == 0 and "events: " in stats.stdout, stats.output
    export = json.loads(expected)
    assert {c["event"] for c in export["claims"]} <= {e["id"] for e in export["events"]}


def test_a_store_from_before_the_stored_graph_is_filled_by_the_next_reader(stored: str) -> None:
    expected = exported(stored)
    store = Store(stored)
    config = alembic_config(store.engine)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")  # as threadline left it before 0004
        conn.execute(delete(t.meta).where(t.meta.c.key == STALE))  # its derived rows were current
    store.close()
    result = runner.invoke(app, ["export", "--db", stored])
    assert result.exit_code == 0 and "brought them up to date" in result.stderr
    assert result.stdout == expected


def test_rebuild_recomputes_the_derived_layer_in_one_line(stored: str) -> None:
    expected = exported(stored)
    store = Store(stored)
    with store.transaction() as conn:  # rows lost or left by an older threadline
        for table in (t.events, t.facts, t.responsibilities):
            conn.execute(delete(table))
    store.close()
    result = runner.invoke(app, ["rebuild", "--db", stored])
    assert result.exit_code == 0, result.output
    [line] = result.stderr.splitlines()
    assert (
        line.startswith("rebuilt the derived layer: duplicates 0, entities ") and "; 0 units failed" in line
    )
    assert exported(stored) == expected


class Sections:
    """An exporter as a user might add one: one line per item, its section and id."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.lines: list[str] = []

    def write(self, item: Item) -> None:
        self.lines.append(f"{item.section} {item.data.get('id', '-')}")

    def finalize(self) -> None:
        self.stream.write("\n".join(self.lines) + "\n")


SECTIONS_PACKAGE = """
from threadline.registry import Registered


class Sections:
    def __init__(self, stream):
        self.stream, self.lines = stream, []

    def write(self, item):
        self.lines.append(f"{item.section} {item.data.get('id', '-')}")

    def finalize(self):
        self.stream.write("\\n".join(self.lines) + "\\n")


EXPORTER = Registered("sections", "0.1", Sections)
"""


@pytest.fixture
def sections_package(tmp_path: Path) -> Iterator[None]:
    """A distribution `threadline-sections` installed into a folder on sys.path, as pip
    would (a dist-info with entry_points.txt; no network)."""
    folder = tmp_path / "site"
    info = folder / "threadline_sections-0.1.dist-info"
    info.mkdir(parents=True)
    (folder / "threadline_sections.py").write_text(SECTIONS_PACKAGE)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: threadline-sections\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[threadline.exporters]\nsections = threadline_sections:EXPORTER\n"
    )
    sys.path.insert(0, str(folder))
    export_stage.EXPORTERS.forget_plugins()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("threadline_sections", None)
        export_stage.EXPORTERS.forget_plugins()


def test_a_new_format_is_one_exporter(stored: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export_stage, "EXPORTERS", export_stage.Registry("threadline.exporters.test"))
    export_stage.EXPORTERS.add("json", "1", JsonExporter)
    export_stage.EXPORTERS.add("sections", "1", Sections)
    monkeypatch.setattr("threadline.cli.main.EXPORTERS", export_stage.EXPORTERS)
    result = runner.invoke(app, ["export", "--db", stored, "--format", "sections"])
    assert result.exit_code == 0, result.output
    events = {e["id"] for e in json.loads(exported(stored))["events"]}
    assert {line.split()[1] for line in result.stdout.splitlines() if line.startswith("events ")} == events
    unknown = runner.invoke(app, ["export", "--db", stored, "--format", "csv"])
    assert unknown.exit_code == 1 and "available: json, sections" in unknown.output


def test_an_installed_package_adds_an_export_format(stored: str, sections_package: None) -> None:
    result = runner.invoke(app, ["export", "--db", stored, "--format", "sections"])
    assert result.exit_code == 0, result.output
    entities = {e["id"] for e in json.loads(exported(stored))["entities"]}
    assert {
        line.split()[1] for line in result.stdout.splitlines() if line.startswith("entities ")
    } == entities


def test_without_the_package_the_format_is_unknown(stored: str) -> None:
    unknown = runner.invoke(app, ["export", "--db", stored, "--format", "sections"])
    assert unknown.exit_code == 1 and "--format sections: unknown format; available: " in unknown.output
    assert "sections" not in unknown.output.split("available: ")[1]


def test_the_global_steps_run_in_order_and_write_every_derived_table(tmp_path: Path) -> None:
    assert [s.name for s in assemble()] == ["duplicates", "entities", "places", "events", "facts"]
    store = Store(f"sqlite:///{tmp_path / 'r.db'}")
    ingest([str(write(tmp_path / "sahel", raid=RAID, retold=RAID_RETOLD))], store, Settings())
    runs = store.last_step_runs()
    assert [r.step for r in runs] == ["duplicates", "entities", "places", "events", "facts"]
    written = [table for run in runs for table in run.rows]
    assert sorted(written) == sorted(table.name for table in t.DERIVED)


def test_a_failing_step_is_named_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("threadline.graph.steps.graph_events", refuse)
    store = Store(f"sqlite:///{tmp_path / 'f.db'}")
    report = ingest([str(write(tmp_path / "sahel", raid=RAID, retold=RAID_RETOLD))], store, Settings())
    assert [f.step for f in report.derived_failures] == ["events"]
    assert store.entities() and store.facts() and not store.events()
    assert not store.derived_stale()  # written, with the failure reported, as the other steps' units are
