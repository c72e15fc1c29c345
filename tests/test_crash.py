"""Crash safety, bounded for CI: real ingest and merge processes killed with SIGKILL at
chosen moments, then the store is checked and the run finished (tests/reliability/).
`make crashtest` runs the full counts at random moments."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.reliability.corpus import write_corpus
from tests.reliability.crashtest import (
    MergeCase,
    Reference,
    ingest_trial,
    merge_case,
    merge_trial,
    reference_run,
)
from tests.reliability.pgserver import drop_databases, fresh_database

STORIES = 40
# Where the kill lands: a share of the way to the first stored document, or of the way from it to the end.
KILLS = {"starting up": (0.5, None), "among the documents": (None, 0.3), "in the derived step": (None, 0.9)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def reference(folder: Path) -> Reference:
    corpus = [str(p) for p in write_corpus(folder / "corpus", STORIES)]
    return reference_run(corpus, f"sqlite:///{folder / 'reference.db'}", folder)


def moment(reference: Reference, when: str) -> float:
    before, after = KILLS[when]
    timeline = reference.timeline
    if before is not None:
        return before * timeline.first_write
    return timeline.first_write + (after or 0) * (timeline.seconds - timeline.first_write)


@pytest.mark.parametrize("when", list(KILLS))
def test_an_ingest_killed_loses_nothing_and_a_rerun_gives_the_same_export(
    reference: Reference, folder: Path, when: str
) -> None:
    name = when.replace(" ", "-")
    url = f"sqlite:///{folder / f'killed-{name}.db'}"
    trial = ingest_trial(
        reference, url, moment(reference, when), ask_stats=when != "starting up", folder=folder
    )
    assert trial.problems == [], trial


@pytest.mark.postgres
def test_an_ingest_killed_on_postgres_loses_nothing(reference: Reference, folder: Path, pg_url: str) -> None:
    url = fresh_database(pg_url, "threadline_crash")
    try:
        trial = ingest_trial(reference, url, moment(reference, "among the documents"), True, folder)
    finally:
        drop_databases(pg_url, "threadline_crash")
    assert trial.problems == [], trial


@pytest.fixture(scope="module")
def merged(reference: Reference, folder: Path) -> MergeCase:
    return merge_case(reference, folder / "reference.db", folder)


def test_a_merge_killed_after_recording_its_judgement_still_takes_effect(
    reference: Reference, merged: MergeCase, folder: Path
) -> None:
    timeline = merged.timeline
    delay = timeline.first_write + 0.5 * (timeline.seconds - timeline.first_write)
    trial = merge_trial(reference, merged, delay, folder)
    assert trial.problems == [], trial
