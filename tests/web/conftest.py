"""Fixtures for the web tests: one real SQLite store built from examples/ per test session
(tests that write get a copy of the file), apps over it, and a live server on 127.0.0.1."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from threadline.settings import Settings
from threadline.store import Store
from threadline.web import WebConfig, create_app
from threadline.workflow import ingest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
TOKEN = "test-token-3f9a"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples ingested once; never written by a test (copy it first)."""
    path = tmp_path_factory.mktemp("web-store") / "examples.db"
    store = Store(sqlite_url(path))
    report = ingest([str(EXAMPLES)], store, Settings(db_url=sqlite_url(path)))
    store.close()
    assert not report.failed, report.errors
    return path


@pytest.fixture
def db_copy(examples_db: Path, tmp_path: Path) -> Path:
    """A copy of the examples store this test may write to."""
    target = tmp_path / "copy.db"
    shutil.copy(examples_db, target)
    return target


def app_over(path: Path, token: str | None = None, read_only: bool = False) -> FastAPI:
    config = WebConfig(Settings(db_url=sqlite_url(path)), token=token, read_only=read_only)
    # TestClient sends "Host: testserver"
    return create_app(replace(config, allowed_hosts=(*config.allowed_hosts, "testserver")))


@pytest.fixture(scope="session")
def client(examples_db: Path) -> Iterator[TestClient]:
    """Reads only, over the shared store."""
    with TestClient(app_over(examples_db), raise_server_exceptions=False) as reader:
        yield reader


@pytest.fixture
def writer(db_copy: Path) -> Iterator[TestClient]:
    """A server with a token over a copy of the store."""
    with TestClient(app_over(db_copy, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a thread, for the browser."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
