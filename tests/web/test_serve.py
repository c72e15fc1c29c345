"""`threadline serve` as a user starts it: a real process answering on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from tests.web.conftest import free_port

from threadline.web.security import CONTENT_SECURITY_POLICY


def wait_until_up(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited: {process.stderr.read() if process.stderr else ''}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise AssertionError("serve did not answer within 120 s")


def test_serve_answers_the_ui_and_the_api_with_its_token(db_copy: Path) -> None:
    port = free_port()
    env = {**os.environ, "THREADLINE_TOKEN": "from-the-environment"}
    command = [
        sys.executable,
        "-m",
        "threadline.cli.main",
        "serve",
        "--port",
        str(port),
        "--db",
        f"sqlite:///{db_copy}",
    ]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process)
        page = httpx.get(f"{base}/")
        assert page.status_code == 200 and "threadline" in page.text
        assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "server" not in page.headers  # no version banner
        assert httpx.get(f"{base}/api/entities").json()["total"] > 10
        body = {"target_kind": "fact", "target_id": "f-0", "verdict": "accept"}
        assert httpx.post(f"{base}/api/judgements/review", json=body).status_code == 401
        authorised = {"Authorization": "Bearer from-the-environment"}
        assert httpx.post(f"{base}/api/judgements/review", json=body, headers=authorised).status_code == 404
    finally:
        process.terminate()
        process.wait(timeout=30)
