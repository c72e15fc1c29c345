"""The STIX bundle written object by object is the bytes stix2 gives for the whole
bundle (`Bundle.serialize(pretty=True)`), whose key order depends on where each key
and value was first met: objects that share quotes, confidences and references,
with and without URLs, in either order; and objects made without stix2 (`sdo`) are
what stix2 makes of the same values."""

from __future__ import annotations

import io
import json
import uuid
from itertools import permutations
from typing import Any

import stix2

from threadline.export.stix_bundle import BundleWriter, Plain, plain, pretty, reference, sdo

NAMESPACE = uuid.UUID("12345678-1234-5678-1234-567812345678")
WHEN = "2025-04-08T00:00:00Z"
CLASSES = {
    "identity": stix2.Identity,
    "location": stix2.Location,
    "threat-actor": stix2.ThreatActor,
    "incident": stix2.Incident,
    "relationship": stix2.Relationship,
    "report": stix2.Report,
}


def made(kind: str, **values: Any) -> tuple[Any, Plain]:
    """The object stix2 makes, and the one `sdo` makes, of the same values (external
    references given as dicts)."""
    refs = values.pop("refs", [])
    whole = CLASSES[kind](external_references=[stix2.ExternalReference(**r) for r in refs], **values)
    return whole, sdo(kind, external_references=[reference(**r) for r in refs], **values)


def objects() -> list[tuple[Any, Plain]]:
    author = made(
        "identity",
        id=f"identity--{uuid.uuid4()}",
        name="t",
        identity_class="system",
        created=WHEN,
        modified=WHEN,
    )
    common = {"created": WHEN, "modified": WHEN, "created_by_ref": author[0].id}
    quoted = {"source_name": "Outlet", "external_id": "s-1", "description": "They attacked."}
    linked = {"source_name": "Wire", "external_id": "s-2", "description": "Said so.", "url": "https://w/2"}
    place = made(
        "location", id=f"location--{uuid.uuid4()}", name="Town", latitude=1.5, longitude=2.5, **common
    )
    group = made(
        "threat-actor", id=f"threat-actor--{uuid.uuid4()}", name="G", aliases=["g"], refs=[quoted], **common
    )
    incident_id = f"incident--{uuid.uuid4()}"
    incident = made(
        "incident",
        id=incident_id,
        name="attack",
        description="They attacked.",
        confidence=70,
        refs=[quoted, linked],
        **common,
    )
    tie = made(
        "relationship",
        id=f"relationship--{uuid.uuid4()}",
        relationship_type="located-at",
        source_ref=incident_id,
        target_ref=place[0].id,
        description="Said so.",
        confidence=70,
        refs=[linked, quoted],
        **common,
    )
    source = {"source_name": "Wire", "external_id": "s-2", "url": "https://w/2"}
    report = made(
        "report",
        id=f"report--{uuid.uuid4()}",
        name="Wire story",
        published="2025-03-09T00:00:00Z",
        report_types=["threat-report"],
        object_refs=[incident_id],
        refs=[source],
        **common,
    )
    return [author, place, group, incident, tie, report]


def test_objects_made_without_stix2_are_what_stix2_makes() -> None:
    for whole, fast in objects():
        assert plain(whole) == fast


def test_the_bundle_written_object_by_object_is_stix2s_whole_bundle() -> None:
    pairs = objects()
    for middle in permutations(pairs[1:-1]):
        ordered = [pairs[0], *middle, pairs[-1]]
        ids = sorted(whole.id for whole, _ in ordered)
        bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, '|'.join(('bundle', *ids)))}"
        expected = stix2.Bundle(objects=[w for w, _ in ordered], id=bundle_id).serialize(pretty=True) + "\n"
        for written in ([w for w, _ in ordered], [f for _, f in ordered]):
            out = io.StringIO()
            writer = BundleWriter(out, NAMESPACE)
            for obj in written:
                writer.add(obj)
            writer.close()
            assert out.getvalue() == expected


def test_the_fast_indented_json_is_pythons() -> None:
    value = {
        "text": 'Kata\u2019ib "quoted" \\ tab\t \U0001f600',
        "numbers": [1, 2.5, -0.0, 31.99, 1e16, True, False, None],
        "empty": [],
        "nothing": {},
        "nested": [{"a": [{"b": []}]}, "x"],
    }
    for indent in ("", " " * 8):
        expected = json.dumps(value, indent=4, separators=(",", ": ")).replace("\n", "\n" + indent)
        assert pretty(value, indent) == expected
