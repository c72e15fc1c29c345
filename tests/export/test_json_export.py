"""The JSON export of facts that sources dispute, of claims, roles and attribution:
articles written for these tests, ingested into a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app

STRIKE = """Jets strike militia post near Tyre

Published: 12 March 2024

Israeli jets struck a Hezbollah position near Tyre on Tuesday, the Israeli army said.

Kataib Hezbollah is backed by Iran, officials told Al-Sabah.
"""

NO_STRIKE = """Hezbollah says no strike hit Tyre

Published: 13 March 2024

Hezbollah said no strike took place near Tyre on Tuesday.

A spokesman denied that Kataib Hezbollah is funded by Iran.
"""

CLAIMED = """Rockets hit base in Erbil; faction denies role

Published: 14 March 2024

Rockets struck a US base in Erbil on Wednesday, Kurdish officials said. Saraya Awliya al-Dam claimed responsibility for the attack. Kataib Hezbollah denied any role in the attack.

The army said no attack took place on its positions in Basra on Thursday.
"""


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("contested")
    for name, text in (("a.txt", STRIKE), ("b.txt", NO_STRIKE), ("c.txt", CLAIMED)):
        (folder / name).write_text(text, encoding="utf-8")
    db = f"sqlite:///{folder / 'store.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(folder), "--db", db]).exit_code == 0
    target = folder / "export.json"
    assert runner.invoke(app, ["export", "--db", db, "-o", str(target)]).exit_code == 0
    return json.loads(Path(target).read_text(encoding="utf-8"))


def names(export: dict[str, Any]) -> dict[str, str]:
    return {e["id"]: e["name"] for e in export["entities"]}


def source_of(export: dict[str, Any], item: dict[str, Any]) -> str:
    return next(s["source"] for s in export["stories"] if s["id"] == item["story"])


def test_a_strike_one_story_denies_is_one_contested_event_with_both_sides(export):
    [strike] = [e for e in export["events"] if e["contested"]]
    assert strike["type"] == "attack" and strike["date"] == "2024-03-12"
    assert names(export)[strike["location"]] == "Tyre"
    assert [(source_of(export, e), e["modality"]) for e in strike["evidence"]] == [("a.txt", "asserted")]
    assert [(source_of(export, e), e["modality"]) for e in strike["disputed_by"]] == [("b.txt", "negated")]
    assert strike["disputed_by"][0]["quote"] == "Hezbollah said no strike took place near Tyre on Tuesday."
    assert strike["sources"] == 1  # the story that denies it is no source for it
    assert strike["modality"] == "asserted"


def test_a_lone_denial_is_listed_under_denials_not_events(export):
    quote = "The army said no attack took place on its positions in Basra on Thursday."
    assert not [
        e for e in export["events"] if quote in [x["quote"] for x in e["evidence"] + e["disputed_by"]]
    ]
    [denial] = [d for d in export["denials"] if d["kind"] == "event"]
    assert denial["type"] == "attack" and denial["modality"] == "negated"
    assert [x["quote"] for x in denial["evidence"]] == [quote]


def test_a_denied_relation_asserted_elsewhere_is_contested(export):
    entity = names(export)
    [relation] = [r for r in export["relations"] if r["predicate"] == "backed_by"]
    assert (entity[relation["subject"]], entity[relation["object"]]) == ("Kata'ib Hezbollah", "Iran")
    assert relation["contested"] is True
    assert [e["modality"] for e in relation["evidence"]] == ["asserted"]
    assert [e["modality"] for e in relation["disputed_by"]] == ["denied"]
    assert relation["sources"] == 1
    assert not [d for d in export["denials"] if d["kind"] == "relation"]


def test_claims_of_responsibility_and_denials_link_claimant_and_attack(export):
    entity = names(export)
    [erbil] = [e for e in export["events"] if e["location"] and entity[e["location"]] == "Erbil"]
    found = {
        (entity[c["claimant"]], c["kind"], c["modality"])
        for c in export["claims"]
        if c["event"] == erbil["id"]
    }
    assert found == {
        ("Saraya Awliya al-Dam", "responsibility", "asserted"),
        ("Kata'ib Hezbollah", "denial", "denied"),
    }
    assert erbil["roles"][next(k for k, v in entity.items() if v == "Saraya Awliya al-Dam")] == "attacker"
    for claim in export["claims"]:
        assert claim["evidence"] and all(
            e["quote"] in {s["id"]: s["text"] for s in export["stories"]}[e["story"]]
            for e in claim["evidence"]
        )


def test_every_event_has_roles_for_its_participants(export):
    for event in export["events"] + [d for d in export["denials"] if d["kind"] == "event"]:
        assert set(event["roles"]) == set(event["participants"])


def test_every_evidence_item_says_who_asserts_it_and_through_what(export):
    entity_ids = set(names(export))
    items = [e for r in export["relations"] for e in r["evidence"] + r["disputed_by"]]
    items += [e for v in export["events"] for e in v["evidence"] + v["disputed_by"]]
    items += [e for c in export["claims"] + export["denials"] for e in c["evidence"]]
    assert items
    for item in items:
        attribution = item["attribution"]
        assert set(attribution) == {"kind", "text", "mention_id", "via", "entity"}
        assert attribution["kind"] in {"outlet", "named", "anonymous"}
        if attribution["kind"] == "named":
            assert attribution["mention_id"] and attribution["entity"] in entity_ids
        if attribution["kind"] == "anonymous":
            assert attribution["text"] and attribution["entity"] is None
    told = [e for r in export["relations"] for e in r["evidence"] if e["attribution"]["via"] == "Al-Sabah"]
    assert [e["attribution"]["text"] for e in told] == ["officials"]
