"""The JSON API over a real store built from examples/: reads, paging, errors."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

KINANI = "Hamid Sabri al-Kinani"


def entity_id(client: TestClient, name: str) -> str:
    found = client.get("/api/entities", params={"q": name}).json()["entities"]
    assert found, f"no entity matches {name!r}"
    return str(found[0]["id"])


def assert_error(response: Any, status: int) -> dict[str, Any]:
    """The one error shape, with the status it answers."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] and error["message"]
    return dict(error)


def test_entities_are_paged_without_overlap(client: TestClient) -> None:
    first = client.get("/api/entities", params={"limit": 5}).json()
    second = client.get("/api/entities", params={"limit": 5, "offset": 5}).json()
    assert len(first["entities"]) == 5 and first["total"] > 10
    assert first["total"] == second["total"]
    assert not {e["id"] for e in first["entities"]} & {e["id"] for e in second["entities"]}


def test_entity_search_finds_a_name_as_typed(client: TestClient) -> None:
    for typed in ("kinani", "KINANI", "Hamid Sabri"):
        found = client.get("/api/entities", params={"q": typed}).json()["entities"]
        assert found[0]["name"] == KINANI, typed
    people = client.get("/api/entities", params={"q": "kinani", "type": "location"}).json()
    assert people["entities"] == []


def test_entity_detail_gives_facts_with_corroboration_hedging_and_quotes(client: TestClient) -> None:
    detail = client.get(f"/api/entities/{entity_id(client, KINANI)}").json()
    assert detail["name"] == KINANI and "Kinani" in detail["aliases"]
    designated = next(r for r in detail["relations"] if r["predicate"] == "designated_by")
    assert designated["object"]["name"] == "US Department of the Treasury"
    assert designated["sources"] >= designated["independent_sources"] >= 1
    assert designated["modality"] and designated["contested"] in (True, False)
    quote = designated["quotes"][0]
    story = client.get(f"/api/stories/{quote['story_id']}").json()
    assert story["text"][quote["start"] : quote["end"]] == quote["quote"]
    assert any(s["start"] == quote["start"] and s["end"] == quote["end"] for s in story["evidence"])


def test_facts_of_an_entity_filter_by_predicate_and_sources(client: TestClient) -> None:
    ident = entity_id(client, KINANI)
    every = client.get("/api/facts", params={"entity": ident}).json()
    assert every["total"] >= 1
    none = client.get("/api/facts", params={"entity": ident, "predicate": "no_such_predicate"}).json()
    assert none["total"] == 0 and none["facts"] == []
    many = client.get("/api/facts", params={"entity": ident, "min_sources": 99}).json()
    assert many["facts"] == []
    one = every["facts"][0]
    alone = client.get(f"/api/facts/{one['id']}").json()
    assert {k: v for k, v in alone.items() if k != "direction"} == {
        k: v for k, v in one.items() if k != "direction"
    }
    every_fact = client.get("/api/facts", params={"limit": 200}).json()
    assert every_fact["total"] >= every["total"] and len(every_fact["facts"]) == every_fact["total"]


def test_one_event_by_id_is_the_one_listed(client: TestClient) -> None:
    listed = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    assert client.get(f"/api/events/{listed['id']}").json() == listed


def test_search_ranks_stories_quotes_and_names_with_marked_words(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Treasury", "limit": 10}).json()["hits"]
    assert {h["kind"] for h in hits} >= {"entity", "quote"}
    assert all(h["matches"] for h in hits)
    assert {h["snippet"][a:b].casefold() for h in hits for a, b in h["matches"]} == {"treasury"}
    assert len(client.get("/api/search", params={"q": "Treasury", "limit": 1}).json()["hits"]) == 1


def test_the_search_page_marks_exactly_the_matched_words(client: TestClient) -> None:
    page = client.get("/", params={"q": "Treasury"}).text
    marked = re.findall(r"<mark>(.*?)</mark>", page)
    assert marked and {m.casefold() for m in marked} == {"treasury"}


def test_events_filter_by_date_and_page(client: TestClient) -> None:
    every = client.get("/api/events", params={"limit": 200}).json()
    dated = [e["date"] for e in every["events"] if e["date"]]
    assert every["total"] == len(every["events"]) and dated
    march = client.get("/api/events", params={"since": "2025-03-01", "until": "2025-03-31"}).json()
    assert march["events"] and all(e["date"].startswith("2025-03") for e in march["events"])
    page = client.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert [e["id"] for e in page["events"]] == [e["id"] for e in every["events"][3:6]]


def test_events_of_an_entity_name_it(client: TestClient) -> None:
    ident = entity_id(client, "Kataib Sayf al-Rafidayn")
    found = client.get("/api/events", params={"entity": ident}).json()["events"]
    assert found
    for event in found:
        named = {p["entity"]["id"] for p in event["participants"]}
        assert ident in named | ({event["location"]["id"]} if event["location"] else set())


def test_graph_joins_only_nodes_it_lists_and_filters(client: TestClient) -> None:
    graph = client.get("/api/graph", params={"entity": KINANI, "depth": 2}).json()
    ids = {n["id"] for n in graph["nodes"]}
    assert graph["center"] in ids and graph["edges"]
    assert all(e["source"] in ids and e["target"] in ids for e in graph["edges"])
    people_only = client.get("/api/graph", params={"entity": KINANI, "type": "person"}).json()
    assert [n["id"] for n in people_only["nodes"]] == [graph["center"]] and not people_only["edges"]
    strict = client.get("/api/graph", params={"entity": KINANI, "min_sources": 50}).json()
    assert strict["edges"] == []
    future = client.get("/api/graph", params={"entity": KINANI, "since": "2099"}).json()
    assert future["edges"] == []


def test_story_lists_removed_boilerplate_apart_from_its_text(client: TestClient) -> None:
    hit = client.get("/api/search", params={"q": "Diwaniyah irrigation"}).json()["hits"][0]
    story = client.get(f"/api/stories/{hit['story_id']}").json()
    assert story["removed"]
    assert all(line not in story["text"] for line in story["removed"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/entities/e-0000000000000000",
        "/api/stories/s-0000000000000000",
        "/api/facts/f-0000000000000000",
        "/api/events/v-0000000000000000",
        "/api/facts?entity=e-0000000000000000",
        "/api/graph?entity=Nobody+Atall",
    ],
)
def test_unknown_ids_are_404(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 404)


def test_unknown_route_and_method_answer_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404)
    assert_error(client.delete("/api/entities"), 405)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/entities", {"limit": 0}, "limit"),
        ("/api/entities", {"limit": 201}, "limit"),
        ("/api/entities", {"offset": -1}, "offset"),
        ("/api/entities", {"type": "planet"}, "type"),
        ("/api/events", {"since": "March 2025"}, "since"),
        ("/api/search", {}, "q"),
        ("/api/graph", {"entity": KINANI, "depth": 9}, "depth"),
        ("/api/facts", {"min_sources": -1}, "min_sources"),
    ],
)
def test_validation_errors_name_the_field(client: TestClient, path: str, params: dict, field: str) -> None:
    error = assert_error(client.get(path, params=params), 422)
    assert [f["field"] for f in error["fields"]] == [field]
    assert field in error["message"]


def test_pages_are_bounded(client: TestClient) -> None:
    assert_error(client.get("/api/events", params={"limit": 100_000}), 422)
    assert len(client.get("/api/entities", params={"limit": 200}).json()["entities"]) <= 200


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/search",
        "/api/facts",
        "/api/facts/{fact_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories/{story_id}",
        "/api/graph",
        "/api/judgements",
        "/api/judgements/merge",
        "/api/judgements/split",
        "/api/judgements/rename",
        "/api/judgements/review",
    ):
        assert path in paths, path
    assert "ErrorResponse" in schema["components"]["schemas"]
    assert all(op.get("description") for p in schema["paths"].values() for op in p.values())
