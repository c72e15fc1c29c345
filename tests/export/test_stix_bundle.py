"""The STIX bundle written object by object is the bytes stix2 gives for the whole
bundle (`Bundle.serialize(pretty=True)`), whose key order depends on where each key
and value was first met: objects that share quotes, confidences and references,
with and without URLs, in either order."""

from __future__ import annotations

import io
import uuid
from itertools import permutations
from typing import Any

import stix2

from threadline.export.stix_bundle import BundleWriter

NAMESPACE = uuid.UUID("12345678-1234-5678-1234-567812345678")
WHEN = "2025-04-08T00:00:00Z"


def objects() -> list[Any]:
    author = stix2.Identity(name="tester", identity_class="system", created=WHEN, modified=WHEN)
    common = {"created": WHEN, "modified": WHEN, "created_by_ref": author.id}
    quoted = stix2.ExternalReference(source_name="Outlet", external_id="s-1", description="They attacked.")
    linked = stix2.ExternalReference(
        source_name="Wire", external_id="s-2", description="Said so.", url="https://w/2"
    )
    place = stix2.Location(name="Town", latitude=1.5, longitude=2.5, **common)
    group = stix2.ThreatActor(name="Group", aliases=["G"], external_references=[quoted], **common)
    incident = stix2.Incident(
        name="attack",
        description="They attacked.",
        confidence=70,
        external_references=[quoted, linked],
        **common,
    )
    tie = stix2.Relationship(
        relationship_type="located-at",
        source_ref=incident.id,
        target_ref=place.id,
        description="Said so.",
        confidence=70,
        external_references=[linked, quoted],
        **common,
    )
    source = stix2.ExternalReference(source_name="Wire", external_id="s-2", url="https://w/2")
    report = stix2.Report(
        name="Wire story",
        published=WHEN,
        report_types=["threat-report"],
        object_refs=[incident.id],
        external_references=[source],
        **common,
    )
    return [author, place, group, incident, tie, report]


def test_the_bundle_written_object_by_object_is_stix2s_whole_bundle() -> None:
    made = objects()
    for middle in permutations(made[1:-1]):
        ordered = [made[0], *middle, made[-1]]
        out = io.StringIO()
        writer = BundleWriter(out, NAMESPACE)
        for obj in ordered:
            writer.add(obj)
        writer.close()
        bundle_id = f"bundle--{uuid.uuid5(NAMESPACE, '|'.join(('bundle', *sorted(o.id for o in ordered))))}"
        whole = stix2.Bundle(objects=ordered, id=bundle_id).serialize(pretty=True) + "\n"
        assert out.getvalue() == whole
