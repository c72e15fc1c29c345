"""How a store is opened and locked, so that many processes can share it safely.

SQLite runs in WAL mode: readers never wait for the writer and always see whole
transactions. Every transaction begins explicitly (pysqlite alone would begin one
only before a write, so a reader's queries straddled other processes' commits and
migrations ran outside any transaction): a read is one snapshot, and a write takes
the write lock up front (BEGIN IMMEDIATE), so a second writer waits its turn, up to
the busy timeout, instead of failing when it upgrades a read to a write. On
PostgreSQL an advisory lock gives the same one-writer-at-a-time order, and reads
that must agree with each other run in one REPEATABLE READ transaction.

A running ingest also holds a shared "ingesting" lock that the operating system or
the server drops when the process dies, so a reader can tell "an ingest is writing
now" from "an earlier run was killed".
"""

from __future__ import annotations

import fcntl
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError

from threadline.errors import StoreError

BUSY_TIMEOUT_S = 60  # how long a writer waits for another one before it gives up
WRITE_OPTION = "threadline_write"  # execution option: this transaction writes
WRITE_LOCK = 0x7468_7201  # PostgreSQL advisory lock keys ("thr" + n): one writer at a time
INGEST_LOCK = 0x7468_7202  # held shared by every running ingest
BUSY_SQLSTATES = {"55P03"}  # PostgreSQL lock_not_available (lock_timeout)


def open_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")  # first: the next ones may wait
    cursor.execute("PRAGMA foreign_keys=ON")
    _into_wal(cursor)
    cursor.close()


def _into_wal(cursor: Any) -> None:
    """Switch the file to WAL. Two connections switching a new file at once can deadlock on
    the lock the switch takes, and SQLite then answers one of them "database is locked" at
    once, without the busy timeout: that one tries again (the file is WAL by then)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if ("locked" not in str(exc) and "busy" not in str(exc)) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_begin(conn: Connection) -> None:
    writes = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def write_transaction(engine: Engine, url: str) -> Iterator[Connection]:
    """A transaction that writes: the store's only writer until it ends."""
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if is_postgres(engine):
                    conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{BUSY_TIMEOUT_S}s'")
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
                yield conn
    except OperationalError as exc:
        raise store_error(url, exc) from exc


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction whose reads all see one state of the store."""
    with engine.connect() as conn:
        if is_postgres(engine):
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def store_error(url: str, exc: OperationalError) -> StoreError:
    """One line for a database that refused: busy (another writer), or why not."""
    if is_busy(exc):
        return StoreError(
            f"{url}: the store is busy: another threadline process has held its write lock for "
            f"{BUSY_TIMEOUT_S} s; try again when it has finished"
        )
    first_line = (str(exc.orig).splitlines() or [""])[0]
    return StoreError(f"{url}: the database refused: {first_line}")


def is_busy(exc: OperationalError) -> bool:
    return "database is locked" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) in BUSY_SQLSTATES


# ---------------------------------------------------------------- "an ingest is running"
@contextmanager
def ingest_lock(engine: Engine) -> Iterator[None]:
    """Held (shared: ingests may overlap) for as long as this process ingests."""
    if is_postgres(engine):
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            conn.execute(text("SELECT pg_advisory_lock_shared(:key)"), {"key": INGEST_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock_shared(:key)"), {"key": INGEST_LOCK})
        return
    marker = _marker_path(engine)
    try:  # never the database file itself: closing it would drop SQLite's own locks
        handle = marker.open("a") if marker else None
    except OSError:  # a folder we may not write to: reading still works, no one is told
        handle = None
    if handle is None:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        yield


def ingest_running(engine: Engine) -> bool:
    """True while some process holds the ingest lock (a killed one holds nothing)."""
    if is_postgres(engine):
        with engine.connect() as conn:
            return bool(conn.execute(text(INGEST_HOLDERS), {"key": INGEST_LOCK}).scalar())
    marker = _marker_path(engine)
    try:
        handle = marker.open("r") if marker and marker.exists() else None
    except OSError:
        handle = None
    if handle is None:
        return False
    with handle:
        return not any(_probe(handle) for _ in range(PROBES))


# A bigint advisory key shows in pg_locks as classid (high half), objid (low half), objsubid 1.
INGEST_HOLDERS = """
SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND classid = 0 AND objid = :key AND objsubid = 1)
"""
PROBES = 3  # another reader's probe holds the marker for microseconds; an ingest, for its whole run


def _probe(handle: IO[str]) -> bool:
    """Whether no one holds the marker: take it exclusively for an instant, or wait a little."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        time.sleep(0.05)
        return False
    fcntl.flock(handle, fcntl.LOCK_UN)
    return True


def _marker_path(engine: Engine) -> Path | None:
    """`<database>-ingest` beside a SQLite file (as SQLite keeps `-wal` and `-shm`)."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(f"{database}-ingest")
