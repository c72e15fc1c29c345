"""The geocoder's records, its name keys and the word lists of data/places_extra.yaml.

A place name is looked up by its key: ascii (anyascii), lower case, no apostrophes
or dots, hyphens and other punctuation as spaces, a hyphenated Arabic article
("al-", "ar-", "ash-") dropped and a leading "the" dropped. So "Al-Qa'im",
"al Qaim" (through the loose key) and "Qaim" meet, as do "U.S." and "US".
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from anyascii import anyascii

from threadline.errors import DataFileError
from threadline.vocab import KnownEntity, load_yaml

EXTRA_FILE = "places_extra.yaml"

# Arabic article forms as English news and GeoNames spell them ("al-Anbar", "An Najaf", "Ash Shaykhan").
ARTICLES = frozenset("al el ad ar as ash at ath adh az an ed er es et ez en ul ud".split())
_HYPHENATED_ARTICLE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(ARTICLES)) + r")-(?=[a-z])")
_ARTICLE_TOKEN = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(ARTICLES)) + r")(?![a-z0-9])")
_DROPPED = re.compile(r"['`.]")
_SEPARATOR = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a location entity is: a point, how exact it is, and the entry it came from."""

    name: str  # the gazetteer's name
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    precision: int  # ACLED-style: 1 town or site, 2 part of or near one, 3 region or country
    kind: str  # city, country, region, base, airport, neighbourhood, border_post, ...
    source: str  # "knowledge:<id>" or "geonames:<geonameid>"


class Site(NamedTuple):
    """A gazetteer entry with what ranking needs and Place does not carry."""

    place: Place
    population: int  # 0 where unknown
    admin1: str | None = None  # GeoNames admin-1 code ("CA" for US states)


class Hit(NamedTuple):
    site: Site
    primary: bool  # matched the entry's own name, not one of its alternate names


def place_key(name: str) -> str:
    """The lookup key of a place name; idempotent: place_key(place_key(x)) == place_key(x)."""
    text = (name if name.isascii() else anyascii(name)).lower().replace("&", " and ")
    text = _DROPPED.sub("", text)
    if "-" in text:
        text = _HYPHENATED_ARTICLE.sub("", text)
    tokens = _SEPARATOR.sub(" ", text).split()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    if "saint" in tokens:
        tokens = ["st" if t == "saint" else t for t in tokens]
    return " ".join(tokens)


def loose_key(key: str) -> str:
    """A key without its standalone articles: "al anbar" -> "anbar"."""
    if not _ARTICLE_TOKEN.search(key):
        return key
    return " ".join(t for t in key.split() if t not in ARTICLES)


@dataclass(frozen=True, slots=True)
class Extras:
    """data/places_extra.yaml, keyed."""

    default_precision: int
    precision: dict[str, int]  # kind -> precision
    country_aliases: dict[str, str]  # key -> ISO code
    near_words: tuple[str, ...]  # keys, longest first, as are the three suffix lists
    region_words: tuple[str, ...]
    district_words: tuple[str, ...]
    city_words: tuple[str, ...]
    common_words: frozenset[str]
    places: tuple[KnownEntity, ...]  # regions GeoNames lacks, after the knowledge files

    def precision_of(self, kind: str | None) -> int:
        return self.precision.get(kind or "", self.default_precision)


@lru_cache(maxsize=1)
def load_extras() -> Extras:
    doc: dict[str, Any] = load_yaml(EXTRA_FILE) or {}
    try:
        precision = doc["precision"]
        aliases = {place_key(n): iso for iso, names in doc["country_aliases"].items() for n in names}
        return Extras(
            default_precision=int(precision["default"]),
            precision={str(k): int(v) for k, v in precision["kinds"].items()},
            country_aliases=aliases,
            near_words=_longest_first(doc["near_words"]),
            region_words=_longest_first(doc["region_words"]),
            district_words=_longest_first(doc["district_words"]),
            city_words=_longest_first(doc["city_words"]),
            common_words=_keys(doc["common_words"]),
            places=tuple(_place(entry) for entry in doc["places"]),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"{EXTRA_FILE}: malformed geocoder word lists: {exc!r}") from exc


def _place(entry: dict[str, Any]) -> KnownEntity:
    fields = ("id", "name", "kind", "country", "lat", "lon")
    values = {f: entry[f] for f in fields if f in entry}
    return KnownEntity(type="location", aliases=tuple(entry.get("aliases") or ()), **values)


def _longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(_keys(words), key=len, reverse=True))


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(place_key(str(w)) for w in words)


@dataclass(slots=True)
class KeyIndex:
    """Hits by key, and by loose key for names whose loose key differs ("an najaf" -> "najaf")."""

    exact: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))
    loose: dict[str, list[Hit]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, hit: Hit) -> None:
        if not key:
            return
        self.exact[key].append(hit)
        if (loose := loose_key(key)) and loose != key:
            self.loose[loose].append(hit)

    def lookup(self, key: str) -> list[Hit]:
        """The entries named `key`; failing that, those that match without articles."""
        if hits := self.exact.get(key):
            return hits
        loose = loose_key(key)
        return [*self.exact.get(loose, ()), *self.loose.get(loose, ())] if loose else []
