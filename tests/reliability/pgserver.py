"""A PostgreSQL to test against: $THREADLINE_TEST_PG, else a throwaway server started
here as `.ci/run` starts one (initdb and pg_ctl from /usr/lib/postgresql, on 127.0.0.1),
and a fresh database per use."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url


@contextmanager
def postgres_server() -> Iterator[str | None]:
    """A server URL; None (and a line on stderr) where none can be had."""
    if url := os.environ.get("THREADLINE_TEST_PG"):
        yield url
        return
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not binaries:
        print("no PostgreSQL: set THREADLINE_TEST_PG or install postgresql", flush=True)
        yield None
        return
    with _throwaway(binaries[-1]) as url:
        yield url


@contextmanager
def _throwaway(bin_dir: Path) -> Iterator[str]:
    data = Path(tempfile.mkdtemp(prefix="threadline-pg-"))
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root
    if as_user:
        shutil.chown(data, "postgres")
    port = _free_port()
    run = {"check": True, "stdout": subprocess.DEVNULL}
    subprocess.run(
        [*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"], **run
    )
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1"
    pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w"]
    subprocess.run([*pg_ctl, "-o", options, "start"], **run)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(server_url: str, name: str) -> str:
    """CREATE DATABASE `name` (dropped first if it exists); its URL."""
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_databases(server_url: str, *names: str) -> None:
    engine = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in names:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    engine.dispose()
