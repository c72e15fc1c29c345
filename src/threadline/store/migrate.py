"""Bring a database to the current schema with Alembic: new or old, the same path.

A store opened by a newer threadline is upgraded in place, so what was stored
before is kept; `make migration MESSAGE=...` writes a new revision.

Many processes may open one new store at once (two commands started together, a
team's first ingests): the schema is checked with a plain read, and only a store
behind the newest revision is upgraded, in one transaction that holds the store's
write lock. A second opener waits for that lock, then finds the schema current
and changes nothing; a killed upgrade leaves the store as it was.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from threadline.store.connect import WRITE_LOCK, WRITE_OPTION, is_postgres

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    config = alembic_config(engine)
    if current_revision(engine) == ScriptDirectory.from_config(config).get_current_head():
        return  # the usual case: no lock taken, so opening never waits for a writer
    with engine.connect() as connection:
        connection.execution_options(**{WRITE_OPTION: True})  # SQLite: BEGIN IMMEDIATE
        with connection.begin():
            if is_postgres(engine):
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")  # reads the revision again, now under the lock


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def new_revision(engine: Engine, message: str) -> None:
    """Autogenerate a revision from the difference between the database and schema.py."""
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.revision(config, message=message, autogenerate=True)
