"""FtM out, reference in: the examples' FtM export loaded (`kb add`) into a fresh store,
the examples ingested again, and nothing is listed twice: the same entities, each
linked to the reference entry it came from, which every format then names."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.export.support import ingest_examples, runner, sqlite_url

from threadline.cli.main import app


@pytest.fixture(scope="module")
def round_trip(exported: Callable[[str], str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("round-trip")
    reference = folder / "examples.ftm.json"
    reference.write_text(exported("ftm"), encoding="utf-8")
    db = sqlite_url(folder / "fresh.db")
    loaded = runner.invoke(app, ["kb", "add", str(reference), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    ingest_examples(folder / "fresh.db")
    out = runner.invoke(app, ["export", "--db", db])
    assert out.exit_code == 0, out.output
    return {"db": db, "export": json.loads(out.stdout)}


def test_reingesting_with_the_export_as_reference_duplicates_nothing(
    round_trip: dict[str, Any], exported: Callable[[str], str]
) -> None:
    before, after = json.loads(exported("json")), round_trip["export"]
    names = Counter((e["name"], e["type"]) for e in before["entities"])
    assert Counter((e["name"], e["type"]) for e in after["entities"]) == names
    assert len(after["relations"]) == len(before["relations"]) and len(after["events"]) == len(
        before["events"]
    )
    references = [e["reference"] for e in after["entities"] if e["reference"]]
    assert references and len(set(references)) == len(references)


def test_each_linked_entity_names_the_reference_entry_it_came_from(
    round_trip: dict[str, Any], exported: Callable[[str], str]
) -> None:
    before = {e["id"]: e for e in json.loads(exported("json"))["entities"]}
    for entity in round_trip["export"]["entities"]:
        if entity["reference"]:
            assert before[entity["reference"]]["name"] == entity["name"]
        else:  # not linked to the reference: linked to the knowledge files, as before
            assert entity["kb_id"] and not entity["kb_id"].startswith("ftm-")


@pytest.mark.parametrize("fmt", ["ftm", "stix", "csv-links", "graphml"])
def test_every_format_carries_the_reference_id(round_trip: dict[str, Any], fmt: str) -> None:
    person = next(e for e in round_trip["export"]["entities"] if e["name"] == "Hamid Sabri al-Kinani")
    out = runner.invoke(app, ["export", "--db", round_trip["db"], "--format", fmt])
    assert out.exit_code == 0 and person["reference"] in out.stdout


SANCTIONS_LIST = [  # a sanctions list's FtM export, as OpenSanctions writes one (written for this test)
    {
        "id": "NK-7f3kq2b9",
        "schema": "Person",
        "properties": {"name": ["Hamid Sabri al-Kinani"], "topics": ["sanction"], "country": ["iq"]},
        "datasets": ["us_ofac_sdn"],
    },
    {
        "id": "NK-7f3kq2b9-sanction",
        "schema": "Sanction",
        "properties": {"entity": ["NK-7f3kq2b9"], "authority": ["Office of Foreign Assets Control"]},
    },
    {"id": "NK-0000", "schema": "Person", "properties": {"name": ["Someone Nobody Mentions"]}},
]


def test_a_sanctions_list_links_the_person_the_news_names(examples_copy: Path) -> None:
    listing = examples_copy.parent / "sanctions.ftm.json"
    listing.write_text("\n".join(json.dumps(e) for e in SANCTIONS_LIST) + "\n", encoding="utf-8")
    db = sqlite_url(examples_copy)
    loaded = runner.invoke(app, ["kb", "add", str(listing), "--db", db])
    assert loaded.exit_code == 0, loaded.output
    assert "2 reference entities loaded" in loaded.stdout  # the Sanction is no named entity
    graph = json.loads(runner.invoke(app, ["export", "--db", db]).stdout)
    [person] = [e for e in graph["entities"] if e["name"] == "Hamid Sabri al-Kinani"]
    assert person["reference"] == "NK-7f3kq2b9"
    assert not [e for e in graph["entities"] if e["name"] == "Someone Nobody Mentions"]
    ftm = [
        json.loads(line)
        for line in runner.invoke(app, ["export", "--db", db, "--format", "ftm"]).stdout.splitlines()
    ]
    [exported] = [e for e in ftm if e["id"] == person["id"]]
    assert exported["referents"] == ["NK-7f3kq2b9"]
