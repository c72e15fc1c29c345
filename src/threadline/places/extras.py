"""data/places_extra.yaml, keyed: precision by kind, country aliases, the words of
"near X" / "X province", common words and the regions GeoNames lacks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadline.errors import DataFileError
from threadline.places.keys import place_key
from threadline.settings import DATA_DIR
from threadline.vocab import KnownEntity, load_yaml

EXTRA_FILE = "places_extra.yaml"


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


def load_extras() -> Extras:
    """The active vocabulary's places extras (threadline.vocabulary)."""
    from threadline.vocabulary import active

    return active().place_extras


def read_extras(data_dir: Path = DATA_DIR) -> Extras:
    doc: dict[str, Any] = load_yaml(EXTRA_FILE, data_dir) or {}
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
    """Longest first, so "north western" is tried before "western"; ties alphabetical."""
    return tuple(sorted(_keys(words), key=lambda w: (-len(w), w)))


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(place_key(str(w)) for w in words)
