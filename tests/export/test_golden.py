"""Each format's export of examples/ against its golden file, byte for byte.

A difference is either a regression or a deliberate change; after a deliberate one,
regenerate (THREADLINE_REGENERATE_GOLDEN=1 pytest tests/export/test_golden.py) and
review `git diff tests/export/golden/` (docs/exports.md)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.export.support import regenerating

GOLDEN = Path(__file__).parent / "golden"
FILES = {
    "json": "examples.json",
    "ftm": "examples.ftm.jsonl",
    "stix": "examples.stix.json",
    "gexf": "examples.gexf",
    "graphml": "examples.graphml",
    "csv-events": "examples.events.csv",
    "csv-links": "examples.links.csv",
}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_the_examples_export_matches_its_golden_file(fmt: str, exported: Callable[[str], str]) -> None:
    golden = GOLDEN / FILES[fmt]
    text = exported(fmt)
    if regenerating():
        golden.write_text(text, encoding="utf-8")
        pytest.skip(f"regenerated {golden.name}: review the diff")
    expected = golden.read_text(encoding="utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), "golden", "now", lineterm="", n=1
        )
        pytest.fail(
            f"{golden.name} differs (THREADLINE_REGENERATE_GOLDEN=1 if deliberate):\n"
            + "\n".join(list(diff)[:40])
        )


def test_every_registered_format_has_a_golden_file() -> None:
    from threadline.export import EXPORTERS

    assert set(EXPORTERS.names()) <= set(FILES)
