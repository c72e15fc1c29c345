"""Each format of the examples export read back by the library its users read it with:
followthemoney's model, `stix2.parse`, networkx, the `csv` module; and checked for what
those readers would show an analyst (provenance, confidence, links that resolve)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import stix2
from followthemoney import model

from threadline.extract.vocabulary import read_ontology

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"
Export = Callable[[str], str]


@pytest.fixture(scope="module")
def graph(exported: Export) -> dict[str, Any]:
    return json.loads(exported("json"))


def by_name(graph: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in graph["entities"] if e["name"] == name)


def documented_header(fmt: str) -> list[str]:
    """The header docs/exports.md gives for a CSV format (the indented line after its heading)."""
    section = DOCS.read_text(encoding="utf-8").split(f"## {fmt}\n", 1)[1]
    line = next(x for x in section.splitlines() if x.startswith("    ") and "," in x)
    return line.strip().split(",")


# ------------------------------------------------------------------ followthemoney


@pytest.fixture(scope="module")
def ftm(exported: Export) -> list[dict[str, Any]]:
    return [json.loads(line) for line in exported("ftm").splitlines()]


def test_every_ftm_entity_validates_against_the_model(ftm: list[dict[str, Any]]) -> None:
    ids = {e["id"] for e in ftm}
    assert len(ids) == len(ftm)
    for data in ftm:
        schema = model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        schema.validate(data)  # raises InvalidData on a bad value
        assert set(data["properties"]) <= set(schema.properties), data["id"]
        assert all(data["properties"].get(p) for p in schema.required), (data["id"], schema.required)
        proxy = model.get_proxy(data, cleaned=False)
        for prop, value in proxy.itervalues():
            assert prop.type.clean(value) is not None, (data["id"], prop.name, value)
            if prop.type.name == "entity":
                assert value in ids, f"{data['id']}.{prop.name} points to {value}, not in the file"


def test_ftm_links_and_events_cite_their_stories(ftm: list[dict[str, Any]], graph: dict[str, Any]) -> None:
    articles = {e["id"] for e in ftm if e["schema"] == "Article"}
    assert articles == {s["id"] for s in graph["stories"]}
    cited = [e for e in ftm if model.get(e["schema"]).is_a("Interval") or e["schema"] == "Event"]
    assert cited
    for entity in cited:
        assert entity["properties"]["proof"] and set(entity["properties"]["proof"]) <= articles
        assert entity["properties"]["summary"]


def test_ftm_roles_and_designations(ftm: list[dict[str, Any]], graph: dict[str, Any]) -> None:
    kinara = by_name(graph, "Hamid Sabri al-Kinani")["id"]
    [sanction] = [
        e
        for e in ftm
        if e["schema"] == "Sanction" and e["id"].startswith("f-") and e["properties"]["entity"] == [kinara]
    ]
    assert sanction["properties"]["authority"] == ["US Department of the Treasury"]
    assert len(sanction["properties"]["proof"]) == 2  # the original and its republished copy
    person = next(e for e in ftm if e["id"] == kinara)
    assert person["schema"] == "Person" and person["properties"]["topics"] == ["sanction"]
    leader = by_name(graph, "Karim Abd al-Sada")["id"]
    [directorship] = [
        e for e in ftm if e["schema"] == "Directorship" and e["properties"]["director"] == [leader]
    ]
    assert directorship["properties"]["organization"] == [by_name(graph, "Harakat Rijal al-Nahrawan")["id"]]


def test_ftm_entities_linked_to_knowledge_name_the_entry(ftm: list[dict[str, Any]]) -> None:
    baghdad = next(e for e in ftm if e["schema"] == "Address" and e["properties"]["name"] == ["Baghdad"])
    assert baghdad["referents"] == ["threadline-knowledge:baghdad"]
    assert baghdad["properties"]["country"] == ["iq"] and baghdad["properties"]["latitude"]


# ------------------------------------------------------------------ STIX


@pytest.fixture(scope="module")
def bundle(exported: Export) -> Any:
    return stix2.parse(exported("stix"), allow_custom=False)


def test_stix2_parses_the_bundle_and_every_reference_resolves(bundle: Any) -> None:
    ids = {o.id for o in bundle.objects}
    assert len(ids) == len(bundle.objects)
    for o in bundle.objects:
        if o.type == "relationship":
            assert o.source_ref in ids and o.target_ref in ids
        if o.type == "report":
            assert set(o.object_refs) <= ids


def test_stix_armed_groups_are_threat_actors_and_states_identities(bundle: Any) -> None:
    kinds = {o.name: o.type for o in bundle.objects if o.type in ("threat-actor", "identity", "location")}
    assert kinds["Kata'ib Sayf al-Rafidayn"] == "threat-actor"  # claimed the drone attack
    assert kinds["Iraqi Steadfastness Front"] == "threat-actor"  # umbrella of armed factions
    assert kinds["US Department of the Treasury"] == "identity"
    assert kinds["Hamid Sabri al-Kinani"] == "identity"
    assert kinds["Baghdad"] == "location"


def test_stix_confidence_and_sources_of_a_republished_designation(bundle: Any) -> None:
    [designation] = [
        o for o in bundle.objects if o.type == "relationship" and o.relationship_type == "designated-by"
    ]
    assert designation.confidence == 50  # two reports, one independent source: a copy adds nothing
    assert {r.source_name for r in designation.external_references} == {"Rafidayn Post", "Euphrates Herald"}
    reports = [o for o in bundle.objects if o.type == "report" and designation.id in o.object_refs]
    assert len(reports) == 2


def test_stix_reports_carry_the_story_date(bundle: Any, graph: dict[str, Any]) -> None:
    dated = {s["id"]: s["published"] for s in graph["stories"] if s["published"]}
    reports = {o.external_references[0].external_id: o for o in bundle.objects if o.type == "report"}
    assert reports.keys() & dated.keys()
    assert all(str(reports[s].published).startswith(dated[s]) for s in reports.keys() & dated.keys())


# ------------------------------------------------------------------ GEXF and GraphML


def expected_counts(graph: dict[str, Any]) -> tuple[int, int]:
    nodes = len(graph["entities"]) + len(graph["events"])
    ties = sum(len(set(e["participants"]) - {e["location"]}) + bool(e["location"]) for e in graph["events"])
    return nodes, len(graph["relations"]) + ties


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networkx_reads_the_graph_with_every_node_and_edge(
    fmt: str, exported: Export, graph: dict[str, Any]
) -> None:
    data = io.BytesIO(exported(fmt).encode("utf-8"))
    read = nx.read_gexf(data) if fmt == "gexf" else nx.read_graphml(data, force_multigraph=True)
    assert (read.number_of_nodes(), read.number_of_edges()) == expected_counts(graph)
    kinara, treasury = (
        by_name(graph, "Hamid Sabri al-Kinani")["id"],
        by_name(graph, "US Department of the Treasury")["id"],
    )
    found = read.get_edge_data(kinara, treasury)
    [edge] = found.values() if read.is_multigraph() else [found]
    assert edge["predicate"] == "designated_by" and edge["independent_sources"] == 1 and edge["sources"] == 2
    assert (
        edge["hedged"] is False and edge["first_date"] == "2025-03-20" and edge["last_date"] == "2025-03-21"
    )
    assert edge["quote"].startswith("Hamid Sabri al-Kinani was designated")
    assert read.nodes[kinara]["type"] == "person"


# ------------------------------------------------------------------ CSV


def test_csv_events_has_the_documented_header_and_the_ontology_codes(
    exported: Export, graph: dict[str, Any]
) -> None:
    reader = csv.DictReader(io.StringIO(exported("csv-events")))
    assert reader.fieldnames == documented_header("csv-events")
    rows = list(reader)
    assert [r["event_id"] for r in rows] == [e["id"] for e in graph["events"]]
    ontology = read_ontology().event_types
    for row in rows:
        kind = ontology[row["threadline_type"]]
        codes = {(code.event_type, code.sub_event_type) for code in kind.acled}
        assert (row["event_type"], row["sub_event_type"]) in codes | {("", "")}
        assert row["cameo"] == kind.cameo and row["plover"] == (kind.plover or "")
        assert row["notes"]
    [sanction] = [r for r in rows if r["actor1"] == "US Department of the Treasury"]
    assert sanction["actor2"] == "Hamid Sabri al-Kinani" and sanction["plover"] == "SANCTION"


def test_csv_events_place_columns_come_from_the_places_stage(exported: Export) -> None:
    rows = list(csv.DictReader(io.StringIO(exported("csv-events"))))
    [protest] = [r for r in rows if r["location"] == "Diwaniyah"]
    assert (protest["country"], protest["geo_precision"], protest["time_precision"]) == ("IQ", "1", "1")
    assert float(protest["latitude"]) == pytest.approx(31.99) and protest["event_type"] == "Protests"


def test_csv_links_has_the_documented_header_and_one_row_per_relation(
    exported: Export, graph: dict[str, Any]
) -> None:
    reader = csv.DictReader(io.StringIO(exported("csv-links")))
    assert reader.fieldnames == documented_header("csv-links")
    rows = list(reader)
    assert [r["relation_id"] for r in rows] == [r["id"] for r in graph["relations"]]
    [designation] = [r for r in rows if r["predicate"] == "designated_by"]
    assert designation["sources"] == "03_sanctions_original.txt; 04_sanctions_republished.txt"
    assert (designation["source_count"], designation["independent_sources"]) == ("2", "1")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", designation["first_date"])


# ------------------------------------------------------------------ JSON


def test_json_carries_fact_ids_and_the_decisions_about_its_entities(graph: dict[str, Any]) -> None:
    ids = [r["id"] for r in graph["relations"]]
    assert len(set(ids)) == len(ids) and all(i.startswith("f-") for i in ids)
    entities = {e["id"] for e in graph["entities"]}
    assert graph["decisions"]
    for decision in graph["decisions"]:
        sides = {decision["left"]["entity"], decision["right"]["entity"]} - {None}
        assert sides and sides <= entities
        assert decision["verdict"] in ("merged", "refused", "ambiguous") and decision["reason"]
