"""Analyst verdicts and entity judgements through the query layer, on a copy of the store."""

from __future__ import annotations

import pytest
from tests.query.store_fixture import corpus

from threadline.errors import ThreadlineError
from threadline.query import (
    Contradiction,
    UnknownRecord,
    entity_detail,
    list_events,
    merge_entities,
    network,
    one_entity,
    rename_entity,
    review,
)
from threadline.settings import Settings
from threadline.workflow import ingest


def test_a_rejected_fact_is_flagged_at_once_and_left_out_of_the_network(writable):
    ksr = one_entity(writable, "KSR").id
    fact = next(r for r in entity_detail(writable, ksr).relations if r.predicate == "part_of")
    made = review(writable, None, "fact", fact.id, "reject", author="ana", note="umbrella, not part")
    assert (made.verdict, made.author) == ("reject", "ana")
    after = entity_detail(writable, ksr)
    assert next(r for r in after.relations if r.id == fact.id).verdict == "reject"
    assert after.review_status == "reviewed"
    assert fact.id not in {e.id for e in network(writable, ksr).edges}
    assert fact.id in {e.id for e in network(writable, ksr, include_rejected=True).edges}
    review(writable, None, "fact", fact.id, "accept", author="bo")  # the latest verdict stands
    assert next(r for r in entity_detail(writable, ksr).relations if r.id == fact.id).verdict == "accept"


def test_a_verdict_on_an_event_survives_reingest(writable, tmp_path_factory):
    event = list_events(writable, type="attack").events[0]
    review(writable, None, "event", event.id, "reject", author="ana")
    assert event.id not in {e.id for e in list_events(writable, include_rejected=False, limit=500).events}
    folder = corpus(tmp_path_factory)
    changed = tmp_path_factory.mktemp("changed") / "extra.txt"
    changed.write_text(
        "Council meets in Najaf\n\nPublished: 3 April 2025\n\nMembers of the provincial council met in "
        "Najaf on Wednesday to discuss water shortages, the governor's office said.\n",
        encoding="utf-8",
    )
    report = ingest([str(folder), str(changed)], writable, Settings())
    assert report.written == 1  # the new article: everything derived is recomputed
    again = {e.id: e for e in list_events(writable, limit=500).events}
    assert again[event.id].verdict == "reject"


@pytest.mark.parametrize(
    ("kind", "target", "verdict", "says"),
    [
        ("claim", "f-1", "accept", "review a 'fact' or an 'event'"),
        ("fact", "f-nope", "accept", "no fact has the id 'f-nope'"),
        ("fact", "f-nope", "maybe", "give 'accept' or 'reject'"),
    ],
)
def test_a_bad_review_is_refused_by_name(writable, kind, target, verdict, says):
    with pytest.raises(ThreadlineError, match=says) as refused:
        review(writable, None, kind, target, verdict)
    assert isinstance(refused.value, UnknownRecord) == ("no fact" in says)  # the API's 404


def test_merge_and_rename_are_importable_and_applied(writable):
    settings = Settings()
    done = merge_entities(
        writable, settings, "Harakat Shabab al-Jabal", "Harakat Rijal al-Nahrawan", author="ana"
    )
    assert "merged" in done.description and not done.failures
    assert (
        one_entity(writable, "Harakat Shabab al-Jabal").id
        == one_entity(writable, "Harakat Rijal al-Nahrawan").id
    )
    with pytest.raises(Contradiction, match="one entity already"):
        merge_entities(writable, settings, "Iraqi Security Forces", "Iraqi army")
    ksr = one_entity(writable, "KSR")
    rename_entity(writable, settings, ksr.id, "Sayf al-Rafidayn Brigades", author="ana")
    shown = entity_detail(writable, one_entity(writable, "Sayf al-Rafidayn Brigades").id)
    assert shown.name == "Sayf al-Rafidayn Brigades" and shown.judgements[-1].kind == "rename"
    with pytest.raises(Contradiction, match="a person"):
        merge_entities(writable, settings, "Abu Haidar al-Saadi", "Baghdad")
