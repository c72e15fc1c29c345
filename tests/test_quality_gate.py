"""Quality gate: ingest the shared sample corpora, export, and score against their gold.

Floors are pinned at what threadline reaches (F1 rounded down to two places);
raise one when you improve it, never lower one silently. Skips only where ../shared is absent (a user's clone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app

SHARED = Path(__file__).resolve().parents[2] / "shared"

COMMON_FLOORS = {
    "stories.segmentation_accuracy": 1.0,
    "stories.cleaning_accuracy": 1.0,
    "stories.title_accuracy": 1.0,
    "stories.published_accuracy": 1.0,
    "duplicates.f1": 1.0,
    "entities.type_accuracy": 1.0,
    "relations.corroboration_accuracy": 1.0,
    "events.date_accuracy": 1.0,
    "evidence.quote_accuracy": 1.0,
    "mentions.offset_accuracy": 1.0,
}
SEED_FLOORS = {
    **COMMON_FLOORS,
    "entities.f1": 0.98,
    "relations.f1": 0.89,
    "events.f1": 0.92,
    "events.corroboration_accuracy": 0.92,
}
SEED_CEILINGS = {"entities.merges": 0, "entities.splits": 0, "events.duplicates": 2}
DOMAIN_FLOORS = {
    **COMMON_FLOORS,
    "entities.f1": 1.0,
    "relations.f1": 1.0,
    "events.f1": 0.96,
    "events.corroboration_accuracy": 1.0,
}
DOMAIN_CEILINGS = {"entities.merges": 0, "entities.splits": 0, "events.duplicates": 0}
CORPORA = {
    "seeds": (SHARED / "seeds", SHARED / "eval" / "seeds.gold.toml", SEED_FLOORS, SEED_CEILINGS),
    "domain-dev": (
        SHARED / "eval" / "domain-dev",
        SHARED / "eval" / "domain-dev" / "domain-dev.gold.toml",
        DOMAIN_FLOORS,
        DOMAIN_CEILINGS,
    ),
}

pytestmark = pytest.mark.gate


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_quality_floors_hold(corpus: str, tmp_path: Path) -> None:
    folder, gold, floors, ceilings = CORPORA[corpus]
    scorer = SHARED / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"{scorer} is absent: the quality gate needs ../shared beside the repo")
    db = f"sqlite:///{tmp_path / 'gate.db'}"
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    export = tmp_path / "export.json"
    exported = runner.invoke(app, ["export", "--format", "json", "--db", db, "-o", str(export)])
    assert exported.exit_code == 0, exported.output
    bars = [f"--min={k}={v}" for k, v in floors.items()] + [f"--max={k}={v}" for k, v in ceilings.items()]
    metrics = tmp_path / "metrics.json"
    result = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(export), "--json", str(metrics), *bars],
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(metrics.read_text())["stories"]
