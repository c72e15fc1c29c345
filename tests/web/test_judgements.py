"""Judgements through the API: stored, shown at once, and refused when they make no sense."""

from __future__ import annotations

from fastapi.testclient import TestClient
from tests.web.conftest import TOKEN
from tests.web.test_api import KINANI, assert_error, entity_id

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def post(client: TestClient, what: str, body: dict) -> dict:
    response = client.post(f"/api/judgements/{what}", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_rejected_fact_is_marked_and_leaves_the_network(writer: TestClient) -> None:
    ident = entity_id(writer, KINANI)
    fact = writer.get(f"/api/entities/{ident}").json()["relations"][0]
    before = writer.get("/api/graph", params={"entity": ident}).json()
    assert fact["id"] in {e["id"] for e in before["edges"]}
    post(writer, "review", {"target_kind": "fact", "target_id": fact["id"], "verdict": "accept"})
    made = post(writer, "review", {"target_kind": "fact", "target_id": fact["id"], "verdict": "reject"})
    assert made["verdict"] == "reject" and made["author"] == "web analyst"
    shown = writer.get(f"/api/entities/{ident}").json()
    assert next(r for r in shown["relations"] if r["id"] == fact["id"])["verdict"] == "reject"
    after = writer.get("/api/graph", params={"entity": ident}).json()
    assert fact["id"] not in {e["id"] for e in after["edges"]}
    assert [j["kind"] for j in writer.get("/api/judgements").json()] == ["review", "review"]


def test_a_rejected_event_is_marked(writer: TestClient) -> None:
    event = writer.get("/api/events", params={"limit": 1}).json()["events"][0]
    post(
        writer,
        "review",
        {"target_kind": "event", "target_id": event["id"], "verdict": "reject", "note": "dup"},
    )
    again = writer.get("/api/events", params={"limit": 200}).json()["events"]
    assert next(e for e in again if e["id"] == event["id"])["verdict"] == "reject"


def test_merge_joins_two_entities_and_the_second_id_is_gone(writer: TestClient) -> None:
    first, second = entity_id(writer, "Wissam Haidar"), entity_id(writer, "Abu Haidar al-Saadi")
    made = post(writer, "merge", {"first": first, "second": second, "note": "one man"})
    assert "merged" in made["description"] and made["failures"] == []
    people = [
        writer.get("/api/entities", params={"q": name}).json()["entities"][0]
        for name in ("Wissam Haidar", "Abu Haidar al-Saadi")
    ]
    assert people[0]["id"] == people[1]["id"]
    names = {people[0]["name"], *people[0]["aliases"]}
    assert {"Wissam Haidar", "Abu Haidar al-Saadi"} <= names


def test_merge_refuses_one_entity_twice_and_two_types_without_force(writer: TestClient) -> None:
    person, place = entity_id(writer, KINANI), entity_id(writer, "Diwaniyah")
    same = writer.post("/api/judgements/merge", json={"first": person, "second": person}, headers=AUTH)
    assert "one entity already" in assert_error(same, 409)["message"]
    kinds = writer.post("/api/judgements/merge", json={"first": person, "second": place}, headers=AUTH)
    assert "force" in assert_error(kinds, 409)["message"]
    assert writer.get("/api/judgements").json() == []


def test_split_takes_an_alias_off_and_unknown_aliases_are_refused(writer: TestClient) -> None:
    ident = entity_id(writer, KINANI)
    wrong = writer.post("/api/judgements/split", json={"entity": ident, "alias": "Nobody"}, headers=AUTH)
    assert "not an alias" in assert_error(wrong, 409)["message"]
    missing = writer.post(
        "/api/judgements/split", json={"entity": "e-0000000000000000", "alias": "x"}, headers=AUTH
    )
    assert_error(missing, 404)


def test_a_split_that_no_longer_applies_is_a_conflict(writer: TestClient) -> None:
    ident = entity_id(writer, KINANI)
    post(writer, "split", {"entity": ident, "alias": "Kinani"})
    again = writer.post("/api/judgements/split", json={"entity": ident, "alias": "Kinani"}, headers=AUTH)
    assert "not an alias" in assert_error(again, 409)["message"]
    assert [j["kind"] for j in writer.get("/api/judgements").json()] == ["split"]


def test_an_unknown_name_or_target_in_a_judgement_is_404(writer: TestClient) -> None:
    person = entity_id(writer, KINANI)
    unknown = writer.post(
        "/api/judgements/merge", json={"first": person, "second": "Zzyzx Quorble"}, headers=AUTH
    )
    message = assert_error(unknown, 404)["message"]
    assert "Zzyzx Quorble" in message and "threadline" not in message  # no CLI advice over HTTP
    no_fact = writer.post(
        "/api/judgements/review",
        json={"target_kind": "fact", "target_id": "f-0000000000000000", "verdict": "accept"},
        headers=AUTH,
    )
    assert "f-0000000000000000" in assert_error(no_fact, 404)["message"]


def test_409_is_documented_on_the_routes_that_answer_it_and_only_there(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    documented = {
        (path, method)
        for path, item in paths.items()
        for method, op in item.items()
        if "409" in op["responses"]
    }
    assert documented == {("/api/judgements/merge", "post"), ("/api/judgements/split", "post")}
