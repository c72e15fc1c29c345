"""Offline geocoding of location entities: the knowledge files first, then GeoNames.

A location entity goes by several names; `Gazetteer.locate` looks each up by its
key (geocode_data.place_key) and returns one Place or None:

1. A knowledge-file entry with coordinates wins for its names and aliases, unless
   GeoNames has a city of at least BIG_CITY people in a country the story is more about
   than the entry's ("Tripoli" in a Libya story that also names Lebanon).
2. Otherwise GeoNames (geocode_geonames): countries, US states and towns. A place
   is ranked by log10(population), minus CONTEXT_STEP for each step down the
   story's country list, more for places outside it; a wrong pin is worse than
   none, so a place outside the story's countries must be large to be taken
   (MIN_POPULATION), and a common word ("Police", "Mission") is only taken inside them.
3. "near X", "northern X", "X district" and "X province" fall back to X with
   ACLED's precision for the part (2) or the province (3, pinned on its namesake town).

A family name made from a place's name (the nisba: "al-Baghdadi", "Tikriti", "Zarqawi")
matches only a place's own name, never the alternate names GeoNames lists (which hold
such spellings for other towns: "Baghdadi" is an alternate name of Baghdādeh in Iran).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from threadline.resolve.geocode_data import Extras, Hit, KeyIndex, Place, Site, load_extras, place_key
from threadline.resolve.geocode_geonames import country_keys, geonames_index, neighbours, place_names
from threadline.vocab import KnownEntity

__all__ = ["Gazetteer", "Place", "country_context"]

CONTEXT_STEP = 1.0  # each step down the story's country list costs a factor of 10 in population
NEAR_PENALTY = 1.0  # a neighbour of one of the story's countries
FAR_PENALTY = 2.0  # any other country
PRIMARY_BONUS = 0.5  # the place's own name, not one of its alternate names
COUNTRY_BONUS = 1.0  # "Mexico" is the country before it is a town in Missouri
BIG_CITY = 100_000
# The least population a GeoNames place needs, by its relation to the story's countries
# and by whether its own name (True) or an alternate name (False) matched.
MIN_POPULATION = {
    ("in", True): 0,
    ("in", False): 0,
    ("none", True): 0,
    ("none", False): 1_000,
    ("near", True): 1_000,
    ("near", False): 15_000,
    ("far", True): 15_000,
    ("far", False): 100_000,
}
_RELATION_ORDER = {"in": 0, "none": 1, "near": 2, "far": 3}


@dataclass(frozen=True, slots=True)
class Query:
    """One name as looked up: its key, and the place it is part of or near, if it names one."""

    key: str
    core: str | None = None  # "baghdad" for "northern Baghdad"
    precision: int = 1  # the least precision a match on `core` gets
    kind: str | None = None  # "region" for "X province"


@dataclass(frozen=True, slots=True)
class Context:
    """The story's countries, most frequent first, and their neighbours."""

    codes: tuple[str, ...] = ()
    near: frozenset[str] = frozenset()

    def relation(self, country: str | None) -> tuple[str, float]:
        """in / near / far / none (no context, or a place in no country), and its penalty."""
        if not self.codes or country is None:
            return "none", 0.0
        if country in self.codes:
            return "in", self.codes.index(country) * CONTEXT_STEP
        base = len(self.codes) * CONTEXT_STEP
        return ("near", base + NEAR_PENALTY) if country in self.near else ("far", base + FAR_PENALTY)

    def rank(self, country: str | None) -> int:
        """The country's place in the story's list (0: what the story is most about); past
        the list for any other country."""
        return self.codes.index(country) if country in self.codes else len(self.codes)


class Gazetteer:
    """Place names to points. GeoNames is read on first need and shared by every instance."""

    def __init__(self, known: Sequence[KnownEntity], min_population: int = 500) -> None:
        self.extras: Extras = load_extras()
        self.min_population = min_population
        self.known = KeyIndex()
        self.known_countries: dict[str, str] = {}  # key -> ISO code
        for entity in (*known, *self.extras.places):
            self._add_known(entity)
        short = {k for k in (*self.known_countries, *self.extras.country_aliases) if len(k) <= 2}
        self.short_keys = frozenset(short)

    def _add_known(self, entity: KnownEntity) -> None:
        if entity.type != "location" or entity.lat is None or entity.lon is None:
            return
        kind = entity.kind or "place"
        precision = self.extras.precision_of(kind)
        place = Place(
            entity.name, entity.lat, entity.lon, entity.country, precision, kind, f"knowledge:{entity.id}"
        )
        for name in entity.names:
            key = place_key(name)
            self.known.add(key, Hit(Site(place, 0), True))
            if kind == "country" and entity.country:
                self.known_countries.setdefault(key, entity.country)

    def locate(self, names: Sequence[str], context_countries: Sequence[str] = ()) -> Place | None:
        """The place an entity of these names is, ranked by the story's countries; None if unsure."""
        ctx = self._context(context_countries)
        queries = [q for name in names if (q := self._query(name))]
        if place := self._best([q.key for q in queries], ctx):
            return place
        for query in queries:
            if query.core and (place := self._best([query.core], ctx)):
                return _part_of(place, query)
        return None

    def country_of(self, name: str) -> str | None:
        """The ISO code of a country-level name ("U.S.", "Türkiye", "Iraq"), else None."""
        key = place_key(name)
        return self.known_countries.get(key) or country_keys().get(key)

    def _context(self, codes: Sequence[str]) -> Context:
        upper = tuple(dict.fromkeys(c.upper() for c in codes if c))
        return Context(upper, frozenset(n for c in upper for n in neighbours(c)) - set(upper))

    def _query(self, name: str) -> Query | None:
        key = place_key(name)
        if len(key) <= 2 and key not in self.short_keys:
            return None
        extras = self.extras
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

    def _best(self, keys: Sequence[str], ctx: Context) -> Place | None:
        """The knowledge files' place, unless GeoNames has a big one in a country the story
        is more about (GeoNames is not read for an entry in the story's first country)."""
        known = self._best_known(keys, ctx)
        if known and (not ctx.codes or ctx.rank(known.place.country) == 0):
            return known.place
        geo = self._best_geonames(keys, ctx)
        if known is None:
            return geo.place if geo else None
        better = geo and ctx.rank(geo.place.country) < ctx.rank(known.place.country)
        return geo.place if geo and better and geo.population >= BIG_CITY else known.place

    def _hits(self, index: KeyIndex, keys: Sequence[str]) -> list[tuple[Hit, str]]:
        """Every hit of every key, once per place (an own-name match over an alternate one)."""
        seen: dict[str, tuple[Hit, str]] = {}
        for key in dict.fromkeys(keys):
            for hit in index.lookup(key):
                if len(key) <= 2 and hit.site.place.kind != "country":
                    continue
                source = hit.site.place.source
                if source not in seen or (hit.primary and not seen[source][0].primary):
                    seen[source] = (hit, key)
        return list(seen.values())

    def _best_known(self, keys: Sequence[str], ctx: Context) -> Site | None:
        """In the story's countries first, the one it is most about first; then in file order."""
        hits = enumerate(hit.site for hit, _ in self._hits(self.known, keys))

        def order(h: tuple[int, Site]) -> tuple[int, int, int]:
            country = h[1].place.country
            return _RELATION_ORDER[ctx.relation(country)[0]], ctx.rank(country), h[0]

        best = min(hits, key=order, default=None)
        return best[1] if best else None

    def _best_geonames(self, keys: Sequence[str], ctx: Context) -> Site | None:
        scored: list[tuple[float, Site]] = []
        for hit, key in self._hits(geonames_index(self.min_population), keys):
            if not hit.primary and is_nisba(key):
                continue
            relation, penalty = ctx.relation(hit.site.place.country)
            if self._acceptable(hit, key, relation):
                scored.append((_score(hit, penalty), hit.site))
        if not scored:
            return None
        best = max(scored, key=lambda pair: pair[0])[1]
        return _city_over_state(best, [site for _, site in scored])

    def _acceptable(self, hit: Hit, key: str, relation: str) -> bool:
        """Conservative: a place outside the story's countries must be large, a common word inside them."""
        if key in self.extras.common_words and relation != "in":
            return False
        return hit.site.population >= MIN_POPULATION[relation, hit.primary]


def is_nisba(key: str) -> bool:
    """Whether a one-word name is a family name made from a place's: "baghdadi" (Baghdad),
    "tikriti" (Tikrit), "zarqawi" (Zarqa)."""
    if " " in key or len(key) < 5 or not key.endswith("i"):
        return False
    stems = {key[:-1], key[:-2]} if key.endswith(("wi", "yi")) else {key[:-1]}
    return any(len(stem) >= 4 and stem in place_names() for stem in stems)


def _score(hit: Hit, penalty: float) -> float:
    place = hit.site.place
    score = math.log10(hit.site.population + 1) - penalty
    return score + PRIMARY_BONUS * hit.primary + COUNTRY_BONUS * (place.kind == "country")


def _city_over_state(best: Site, sites: Sequence[Site]) -> Site:
    """ "New York" is the city before it is the state: a big town of the state's name in it wins."""
    if best.place.kind != "region" or best.admin1 is None:
        return best
    towns = [s for s in sites if s.place.country == best.place.country and s.admin1 == best.admin1]
    towns = [s for s in towns if s.place.kind == "city" and s.population >= BIG_CITY]
    return max(towns, key=lambda s: s.population, default=best)


def _part_of(place: Place, query: Query) -> Place:
    """X found for "near X" or "X province": the precision of the part, the kind of the whole."""
    precision = max(place.precision, query.precision)
    if query.kind and place.kind == "city":
        return replace(place, kind=query.kind, precision=precision)
    return replace(place, precision=precision)


def country_context(names: Iterable[str], gazetteer: Gazetteer) -> list[str]:
    """ISO codes of the country-level names among a story's location mentions, most frequent first."""
    counts: Counter[str] = Counter()
    for name in names:
        if iso := gazetteer.country_of(name):
            counts[iso] += 1
    return [iso for iso, _ in counts.most_common()]
