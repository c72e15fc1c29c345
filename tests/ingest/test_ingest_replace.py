"""The README's promise for JSONL feeds: a changed record replaces its old stories and
everything extracted from them; an unchanged record and the other records stay as they are."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from threadline.cli.main import app

LIVE_RECORD = """Protesters block the oil road near Nasiriyah

18:10 \u2014 Police fired tear gas at protesters who had blocked the road to the fictional Gharraf field, witnesses said.

15:45 \u2014 The governor said he would meet the protesters on Friday.

Share this post

Fictional militia frees two engineers in Maysan

19:40 \u2014 The fictional Saraya al-Hawr said it had freed two engineers kidnapped near Amarah.

17:05 \u2014 The Maysan police chief said he had no information about the operation.
"""

RECORDS = {
    "rec-1": {"id": "rec-1", "text": LIVE_RECORD},
    "rec-2": {
        "id": "rec-2",
        "text": "Police in Kirkuk arrested two men suspected of planting a roadside bomb",
    },
}

runner = CliRunner()


def _write(path: Path, records: dict[str, dict[str, str]]) -> None:
    path.write_text("\n".join(json.dumps(r) for r in records.values()) + "\n", encoding="utf-8")


def _ingest(path: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(path), "--db", db_url])
    assert result.exit_code == 0, result.output


def _stories(db_url: str, tmp_path: Path) -> dict[str, list[dict]]:
    target = tmp_path / "export.json"
    result = runner.invoke(app, ["export", "--format", "json", "--db", db_url, "-o", str(target)])
    assert result.exit_code == 0, result.output
    by_source: dict[str, list[dict]] = {}
    for story in json.loads(target.read_text(encoding="utf-8"))["stories"]:
        by_source.setdefault(story["source"], []).append(story)
    return by_source


def test_a_changed_record_replaces_its_old_stories_and_the_others_stay(db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write(feed, RECORDS)
    _ingest(feed, db_url)
    before = _stories(db_url, tmp_path)
    assert len(before["rec-1"]) == 2 and len(before["rec-2"]) == 1

    changed = dict(RECORDS, **{"rec-1": {"id": "rec-1", "text": LIVE_RECORD.split("Share this post")[0]}})
    _write(feed, changed)
    _ingest(feed, db_url)
    after = _stories(db_url, tmp_path)
    assert len(after["rec-1"]) == 1
    assert "Saraya al-Hawr" not in after["rec-1"][0]["text"]
    assert after["rec-2"] == before["rec-2"]


def test_a_record_changed_into_a_sentence_without_a_stop_replaces_its_story(
    db_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    _write(feed, RECORDS)
    _ingest(feed, db_url)
    sentence = "Gunmen freed the two engineers near Amarah after a ransom was paid"
    _write(feed, dict(RECORDS, **{"rec-1": {"id": "rec-1", "text": sentence}}))
    _ingest(feed, db_url)
    [story] = _stories(db_url, tmp_path)["rec-1"]
    assert story["text"] == sentence
