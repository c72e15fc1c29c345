"""Claims of responsibility in STIX, read a batch at a time, as the whole bundle kept
them: one relationship per id, `attributed-to` the claimant, placed with the claims;
where the event's own link already ties it to the claimant, that link (the event's
quote), where not, the first claim's; none for an event that is not a fact."""

from __future__ import annotations

import io
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from tests.export.support import sqlite_url

from threadline.export import export, reader
from threadline.export.stix_export import stix_id
from threadline.store import Store, stream


def add_claims(db: Path) -> tuple[str, str, str]:
    """A second claim for the examples' claimed event by the same claimant, a claim on
    it by an organization that takes no part in it, and one on no stored event:
    (the event, its claimant, the other organization)."""
    with closing(sqlite3.connect(db)) as conn, conn:
        claimant, event = conn.execute("SELECT claimant, event FROM responsibilities").fetchone()
        participants = json.loads(
            conn.execute("SELECT participants FROM events WHERE id = ?", (event,)).fetchone()[0]
        )
        other = conn.execute(
            "SELECT id FROM entities WHERE type = 'organization' AND id NOT IN (SELECT value FROM json_each(?))"
            " ORDER BY id LIMIT 1",
            (json.dumps(participants),),
        ).fetchone()[0]
        story = conn.execute("SELECT id FROM stories ORDER BY id LIMIT 1").fetchone()[0]
        for n, (who, what) in enumerate(((claimant, event), (other, event), (other, "v-none"))):
            evidence = json.dumps([{"story": story, "quote": f"claim {n}"}])
            conn.execute(
                "INSERT INTO responsibilities VALUES (?, ?, ?, 'responsibility', 'claimed', ?, 1, 1)",
                (f"cl-test{n}", who, what, evidence),
            )
    return event, claimant, other


@pytest.fixture
def bundle(
    examples_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[dict[str, Any]], tuple[str, ...]]:
    monkeypatch.setattr(reader, "BATCH", 2)
    monkeypatch.setattr(stream, "ROWS_PER_FETCH", 2)
    added = add_claims(examples_copy)
    out = io.StringIO()
    export(Store(sqlite_url(examples_copy)), "stix", out)
    return json.loads(out.getvalue())["objects"], added


def written_as(entity: str) -> set[str]:
    """The STIX ids an organization may be written under."""
    return {stix_id(kind, entity) for kind in ("identity", "threat-actor")}


def attributed(objects: list[dict[str, Any]], incident: str) -> list[tuple[int, dict[str, Any]]]:
    return [
        (i, o)
        for i, o in enumerate(objects)
        if o["type"] == "relationship"
        and o["relationship_type"] == "attributed-to"
        and o["source_ref"] == incident
    ]


def test_claims_are_written_once_each_with_the_claims(
    bundle: tuple[list[dict[str, Any]], tuple[str, ...]],
) -> None:
    objects, (event, claimant, other) = bundle
    assert len({o["id"] for o in objects}) == len(objects)
    incident = stix_id("incident", event)
    links = attributed(objects, incident)
    quote = next(o["description"] for o in objects if o["id"] == incident)
    described = sorted((o["target_ref"] in written_as(claimant), o["description"]) for _, o in links)
    assert described == [(False, "claim 1"), (True, quote)]  # the event's own link for its claimant
    assert all(o["target_ref"] in written_as(claimant) | written_as(other) for _, o in links)
    last_incident = max(i for i, o in enumerate(objects) if o["type"] == "incident")
    assert all(i > last_incident for i, _ in links)
    assert not any(o.get("description") == "claim 2" for o in objects)


def test_the_story_behind_a_claim_reports_it(bundle: tuple[list[dict[str, Any]], tuple[str, ...]]) -> None:
    objects, (event, _, _) = bundle
    claim = next(
        o for _, o in attributed(objects, stix_id("incident", event)) if o["description"] == "claim 1"
    )
    story = claim["external_references"][0]["external_id"]
    report = next(
        o for o in objects if o["type"] == "report" and o["external_references"][0]["external_id"] == story
    )
    assert claim["id"] in report["object_refs"]
