"""A shared server stays safe: writes need the token, bodies and pages are bounded, every
response carries the CSP, errors leak nothing, SQL metacharacters are only text."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import TOKEN, app_over
from tests.web.test_api import KINANI, assert_error, entity_id

from threadline.web.config import ServeError, check_exposure
from threadline.web.security import CONTENT_SECURITY_POLICY

REVIEW = "/api/judgements/review"


def a_fact(client: TestClient) -> str:
    detail = client.get(f"/api/entities/{entity_id(client, KINANI)}").json()
    return str(detail["relations"][0]["id"])


def test_writes_need_the_token_when_one_is_set(writer: TestClient) -> None:
    body = {"target_kind": "fact", "target_id": a_fact(writer), "verdict": "reject"}
    assert_error(writer.post(REVIEW, json=body), 401)
    assert_error(writer.post(REVIEW, json=body, headers={"Authorization": "Bearer wrong"}), 403)
    assert_error(writer.post(REVIEW, json=body, headers={"Authorization": f"Basic {TOKEN}"}), 401)
    assert writer.get("/api/judgements").json() == []  # nothing was stored
    done = writer.post(REVIEW, json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert done.status_code == 200, done.text
    assert [j["kind"] for j in writer.get("/api/judgements").json()] == ["review"]


def test_reads_need_no_token(writer: TestClient) -> None:
    assert writer.get("/api/entities").status_code == 200


def test_a_read_only_server_takes_no_judgement(db_copy: Path) -> None:
    with TestClient(app_over(db_copy, read_only=True)) as reader:
        body = {"target_kind": "fact", "target_id": a_fact(reader), "verdict": "accept"}
        assert_error(reader.post(REVIEW, json=body), 403)
        assert reader.get("/api/judgements").json() == []


def test_exposed_addresses_need_a_token_or_read_only() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        check_exposure(host, None, False)
    for host in ("0.0.0.0", "192.168.1.20", "::", "example.org"):
        with pytest.raises(ServeError, match="token"):
            check_exposure(host, None, False)
        check_exposure(host, "secret", False)
        check_exposure(host, None, True)


def test_serve_refuses_an_exposed_address_without_a_token(examples_db: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "threadline.cli.main",
            "serve",
            "--host",
            "0.0.0.0",
            "--db",
            f"sqlite:///{examples_db}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "THREADLINE_TOKEN": ""},
    )
    assert done.returncode != 0
    assert "--host 0.0.0.0" in done.stderr and "THREADLINE_TOKEN" in done.stderr


def test_the_cli_loads_no_web_stack_unless_serving() -> None:
    probe = "import sys, threadline.cli.main; print(any(m.split('.')[0] in ('fastapi', 'uvicorn', 'starlette') for m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_bodies_over_the_limit_are_refused(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    huge = {"target_kind": "fact", "target_id": "f-1", "verdict": "accept", "note": "x" * 100_000}
    assert_error(writer.post(REVIEW, json=huge, headers=auth), 413)

    def streamed() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield b'{"note": "'
        for _ in range(100):
            yield b"y" * 1024
        yield b'"}'

    assert_error(
        writer.post(REVIEW, content=streamed(), headers={**auth, "Content-Type": "application/json"}), 413
    )


def test_validation_names_the_body_field(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    body = {"target_kind": "fact", "target_id": a_fact(writer), "verdict": "maybe"}
    error = assert_error(writer.post(REVIEW, json=body, headers=auth), 422)
    assert [f["field"] for f in error["fields"]] == ["verdict"]
    unknown = {**body, "verdict": "accept", "sql": "1"}
    assert [
        f["field"] for f in assert_error(writer.post(REVIEW, json=unknown, headers=auth), 422)["fields"]
    ] == ["sql"]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/api/entities",
        "/api/entities/nope",
        "/api/events?limit=0",
        "/vendor/leaflet.js",
        "/static/app.css",
        "/no/such/page",
    ],
)
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert (
        "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY and "script-src 'self'" in CONTENT_SECURITY_POLICY
    )
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_vendor_files_come_from_the_allow_list_only(client: TestClient) -> None:
    assert client.get("/vendor/cytoscape.min.js").status_code == 200
    for path in (
        "/vendor/package.json",
        "/vendor/..%2F..%2F..%2Fstore%2Fdb.py",
        "/vendor/%2Fetc%2Fpasswd",
        "/static/..%2Fapp.py",
        "/static/%2Fetc%2Fpasswd",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "import" not in response.text and "root:" not in response.text


def test_a_failure_is_500_without_a_traceback(db_copy: Path) -> None:
    with TestClient(app_over(db_copy), raise_server_exceptions=False) as broken:
        with sqlite3.connect(db_copy) as conn:
            conn.execute("DROP TABLE facts")
        response = broken.get(f"/api/entities/{entity_id(broken, KINANI)}")
        error = assert_error(response, 500)
        assert "Traceback" not in response.text and "facts" not in error["message"]
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY


SQL_TEXTS = [
    "' OR '1'='1",
    "'; DROP TABLE entities; --",
    '" OR ""="',
    "%",
    "_",
    "*",
    "kinani' --",
    'NEAR("a" "b")',
    "a OR b AND NOT c",
    ")(",
    "\\",
    "e-%",
]


@pytest.mark.parametrize("text", SQL_TEXTS)
def test_sql_metacharacters_are_only_text(client: TestClient, text: str) -> None:
    total = client.get("/api/entities").json()["total"]
    calls = [
        ("/api/entities", {"q": text}),
        ("/api/entities", {"q": text, "type": "person"}),
        ("/api/search", {"q": text}),
        ("/api/facts", {"entity": text, "predicate": text}),
        ("/api/events", {"type": text}),
        ("/api/events", {"actor": text}),
        ("/api/events", {"place": text}),
        ("/api/events", {"entity": text}),
        ("/api/graph", {"entity": text}),
        ("/api/graph", {"entity": KINANI, "predicate": text}),
        (f"/api/entities/{text}", {}),
        (f"/api/stories/{text}", {}),
        (f"/api/facts/{text}", {}),
        (f"/api/events/{text}", {}),
        ("/", {"q": text}),
        (f"/entity/{text}", {}),
        (f"/story/{text}", {}),
        ("/network", {"entity": text}),
    ]
    for path, params in calls:
        response = client.get(path, params=params)
        assert response.status_code in (200, 400, 404, 422), (path, params, response.text)
        if path == "/api/entities" and text in ("%", "_", "*"):
            assert response.json()["total"] < total  # a wildcard is a character, not "everything"
    assert client.get("/api/entities").json()["total"] == total


def test_sql_metacharacters_in_a_judgement_are_only_text(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    total = writer.get("/api/entities").json()["total"]
    for text in SQL_TEXTS:
        body = {"target_kind": "event", "target_id": text, "verdict": "reject"}
        assert_error(writer.post(REVIEW, json=body, headers=auth), 404)
    assert writer.get("/api/judgements").json() == []
    ident = entity_id(writer, KINANI)
    shown = "'; DROP TABLE entities; --"
    done = writer.post("/api/judgements/rename", json={"entity": ident, "name": shown}, headers=auth)
    assert done.status_code == 200, done.text
    assert writer.get(f"/api/entities/{ident}").json()["name"] == shown
    assert writer.get("/api/entities").json()["total"] == total


def test_a_host_the_server_does_not_answer_to_is_refused(db_copy: Path) -> None:
    # DNS rebinding: another site's page, its name pointed at 127.0.0.1, sends its own Host
    with TestClient(app_over(db_copy), raise_server_exceptions=False) as local:
        assert local.get("/api/entities", headers={"Host": "127.0.0.1:8000"}).status_code == 200
        assert local.get("/api/entities", headers={"Host": "[::1]:8000"}).status_code == 200
        assert_error(local.get("/api/entities", headers={"Host": "evil.example:8000"}), 400)
        assert_error(local.get("/", headers={"Host": "evil.example"}), 400)


def test_a_write_from_another_sites_page_is_refused(db_copy: Path) -> None:
    with TestClient(app_over(db_copy), raise_server_exceptions=False) as local:
        body = {"target_kind": "fact", "target_id": a_fact(local), "verdict": "reject"}
        host = {"Host": "127.0.0.1:8000"}
        assert_error(local.post(REVIEW, json=body, headers={**host, "Origin": "http://evil.example"}), 403)
        assert_error(local.post(REVIEW, json=body, headers={**host, "Sec-Fetch-Site": "cross-site"}), 403)
        assert local.get("/api/judgements").json() == []
        same = {**host, "Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"}
        assert local.post(REVIEW, json=body, headers=same).status_code == 200
