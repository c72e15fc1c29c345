"""Global steps by name: assembled from settings, a package's own step appended through
an entry point, and every run recorded with its version, claims generation and rows."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.graph import steps as global_steps
from threadline.registry import UnknownStage
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

STORY = """Gunmen storm a police station in Birnin Kudu

Published: 3 March 2025

Gunmen of the Northern Liberation Front attacked a police station in Birnin Kudu on Sunday, killing two officers, the state police said.

Musa Danjuma, the leader of the Northern Liberation Front, met elders of the Kano Emirate Council in Dutse in February.
"""

# A step of someone else's: it keeps only the facts two sources or more state, and says
# so in its own name and version (a search index would write its own table instead).
STEP_PACKAGE = """
from dataclasses import replace

from threadline.registry import Registered


def corroborated(inputs, derived):
    return replace(derived, facts=tuple(f for f in derived.facts if f.sources >= 2))


STEP = Registered("corroborated", "0.3", corroborated)


def broken(inputs, derived):
    raise RuntimeError("index server unreachable")


BROKEN = Registered("broken", "0.1", broken)
"""

runner = CliRunner()


@pytest.fixture
def step_package(tmp_path: Path) -> Iterator[None]:
    """A distribution `threadline-corroborated` installed into a folder on sys.path, as
    pip would (a dist-info with entry_points.txt; no network)."""
    folder = tmp_path / "site"
    info = folder / "threadline_corroborated-0.3.dist-info"
    info.mkdir(parents=True)
    (folder / "threadline_corroborated.py").write_text(STEP_PACKAGE)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: threadline-corroborated\nVersion: 0.3\n")
    (info / "entry_points.txt").write_text(
        "[threadline.global_steps]\ncorroborated = threadline_corroborated:STEP\n"
        "broken = threadline_corroborated:BROKEN\n"
    )
    sys.path.insert(0, str(folder))
    global_steps.STEPS.forget_plugins()
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop("threadline_corroborated", None)
        global_steps.STEPS.forget_plugins()


def stored(tmp_path: Path, settings: Settings) -> Store:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "raid.txt").write_text(STORY, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'steps.db'}")
    report = ingest([str(folder)], store, settings)
    assert not report.failed, report.errors
    return store


def test_a_plus_list_appends_steps_after_threadlines_own() -> None:
    names = [s.name for s in global_steps.assemble(("+facts",))]
    assert names == ["duplicates", "entities", "places", "events", "facts", "facts"]
    with pytest.raises(UnknownStage, match=r"threadline\.global_steps: no stage named 'search'"):
        global_steps.assemble(("+search",))


def test_an_unknown_step_fails_the_ingest_before_any_document_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "raid.txt").write_text(STORY, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'unknown.db'}"
    monkeypatch.setenv("THREADLINE_GLOBAL_STEPS", "+search")
    result = runner.invoke(app, ["ingest", str(folder), "--db", url])
    assert result.exit_code == 1
    assert "error: threadline.global_steps: no stage named 'search'" in result.output
    assert Store(url).counts()["documents"] == 0


def test_an_installed_package_appends_a_step_and_its_run_is_recorded(
    tmp_path: Path, step_package: None
) -> None:
    store = stored(tmp_path, Settings(global_steps=("+corroborated",)))
    runs = {r.step: r for r in store.last_step_runs()}
    assert list(runs) == ["duplicates", "entities", "places", "events", "facts", "corroborated"]
    added = runs["corroborated"]
    assert added.version == "0.3" and added.generation == store.claims_generation()
    assert added.rows == {"facts": len(store.facts())}
    assert runs["facts"].rows["facts"] > added.rows["facts"]  # one story: no fact has two sources
    assert added.started >= runs["facts"].finished


def test_every_run_is_recorded_and_steps_shows_the_last(tmp_path: Path) -> None:
    store = stored(tmp_path, Settings())
    first = {r.step: r for r in store.last_step_runs()}
    assert first["entities"].rows["entities"] == len(store.entities())
    locations = [e for e in store.entities() if e.type == "location"]  # each with its tally of countries
    assert first["places"].rows == {"places": len(store.places()), "place_tallies": len(locations)}
    assert set(first["events"].rows) == {"events", "responsibilities"}
    result = runner.invoke(app, ["rebuild", "--db", f"sqlite:///{tmp_path / 'steps.db'}"])
    assert result.exit_code == 0, result.output
    again = {r.step: r for r in store.last_step_runs()}
    assert all(again[name].started > first[name].started for name in first)
    listing = runner.invoke(app, ["steps", "--db", f"sqlite:///{tmp_path / 'steps.db'}"])
    assert listing.exit_code == 0, listing.output
    for name, run in again.items():
        line = next(line for line in listing.stdout.splitlines() if line.startswith(f"{name} "))
        assert line.startswith(f"{name} {run.version}: claims generation {run.generation}, ")
        assert run.started in line and run.finished in line


def test_a_package_step_that_fails_is_named_and_the_graph_is_written(
    tmp_path: Path, step_package: None
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "raid.txt").write_text(STORY, encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'broken.db'}")
    report = ingest([str(folder)], store, Settings(global_steps=("+broken",)))
    assert [(f.step, f.subject) for f in report.derived_failures] == [("broken", "the step broken 0.1")]
    assert "index server unreachable" in report.derived_failures[0].error
    assert store.entities() and store.facts() and not store.derived_stale()
    assert {r.step: r.rows for r in store.last_step_runs()}["broken"] == {}
