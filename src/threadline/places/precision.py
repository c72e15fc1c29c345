"""How exact a pin is: "near X", "northern X", "X district" and "X province" fall back to X
with ACLED's precision for the part (2) or the province (3, pinned on its namesake town).

ACLED codes precision 1 for a town or site, 2 for a part of or a place near one, 3 for a
region or country; a match on the core name keeps the larger of its own precision and
the part's.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace

from threadline.places.extras import Extras
from threadline.places.keys import place_key
from threadline.records import Place


@dataclass(frozen=True, slots=True)
class Query:
    """One name as looked up: its key, and the place it is part of or near, if it names one."""

    key: str
    core: str | None = None  # "baghdad" for "northern Baghdad"
    precision: int = 1  # the least precision a match on `core` gets
    kind: str | None = None  # "region" for "X province"


def parse_query(name: str, extras: Extras, short_keys: Container[str]) -> Query | None:
    """The query for a name; None for a key of two letters or fewer that names no country."""
    key = place_key(name)
    if len(key) <= 2 and key not in short_keys:
        return None
    if near := next((w for w in extras.near_words if key.startswith(w + " ")), ""):
        return Query(key, key[len(near) + 1 :], precision=2)
    suffixes = (
        (extras.region_words, 3, "region"),
        (extras.district_words, 2, None),
        (extras.city_words, 1, None),
    )
    for words, precision, kind in suffixes:
        if word := next((w for w in words if key.endswith(" " + w)), ""):
            return Query(key, key[: -len(word) - 1], precision, kind)
    return Query(key)


def part_of(place: Place, query: Query) -> Place:
    """X found for "near X" or "X province": the precision of the part, the kind of the whole."""
    precision = max(place.precision, query.precision)
    if query.kind and place.kind == "city":
        return replace(place, kind=query.kind, precision=precision)
    return replace(place, precision=precision)
