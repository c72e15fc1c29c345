"""PostgreSQL full text that folds accents, as SQLite's FTS5 does (remove_diacritics).

The `simple` configuration keeps "Saadī" and "Saadi" apart, so a name typed without its
accents missed the stories that spell it with them. `tl_folded` is `simple` with the
`unaccent` dictionary (shipped in Debian's postgresql package, a trusted extension since
PostgreSQL 13, so a database owner may create it) ahead of it for every word: documents
and queries alike pass through it, and ts_headline marks the accented spelling.

Where the extension cannot be created (not installed, no privilege), search keeps
`simple`, as before: one line on the server's log, no error for the reader.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

FOLDED, PLAIN = "tl_folded", "simple"
_WORDS = "word, hword, hword_part, asciiword, asciihword, hword_asciipart"  # numbers stay as they are

log = logging.getLogger(__name__)


def search_config(conn: Connection) -> str:
    """The text search configuration the index was built with: tl_folded where it exists."""
    found = conn.execute(text("SELECT 1 FROM pg_ts_config WHERE cfgname = :name"), {"name": FOLDED})
    return FOLDED if found.first() is not None else PLAIN


def ensure_folding(conn: Connection) -> str:
    """Create `unaccent` and `tl_folded` where missing; the configuration to index with."""
    if search_config(conn) == FOLDED:
        return FOLDED
    try:
        with conn.begin_nested():  # a failed CREATE must not abort the index's transaction
            conn.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
            conn.exec_driver_sql(f"CREATE TEXT SEARCH CONFIGURATION {FOLDED} (COPY = {PLAIN})")
            conn.exec_driver_sql(
                f"ALTER TEXT SEARCH CONFIGURATION {FOLDED} ALTER MAPPING FOR {_WORDS} WITH unaccent, {PLAIN}"
            )
    except DBAPIError as exc:
        log.warning("search: accents are not folded (unaccent unavailable: %s)", str(exc).splitlines()[0])
        return PLAIN
    return FOLDED
