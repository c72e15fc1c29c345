"""Offline geocoding of location entities: the knowledge files first, then GeoNames.

A location entity goes by several names; `Gazetteer.locate` looks each up by its key
(places.keys.place_key) and returns one Place or None:

1. A knowledge-file entry with coordinates wins for its names and aliases, unless
   GeoNames has a city of at least BIG_CITY people in a country the story is more about
   than the entry's ("Tripoli" in a Libya story that also names Lebanon).
2. Otherwise GeoNames (places.index, ranked by places.ranking): countries, US states and
   towns, in the story's countries first.
3. "near X", "northern X", "X district" and "X province" fall back to X (places.precision).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from threadline.places.extras import Extras
from threadline.places.geonames import neighbours
from threadline.places.index import geonames_index
from threadline.places.keys import place_key
from threadline.places.precision import parse_query, part_of
from threadline.places.ranking import (
    BIG_CITY,
    DEFAULT_MIN_POPULATION,
    RELATION_ORDER,
    Context,
    best_geonames,
)
from threadline.places.sites import Hit, KeyIndex, Site
from threadline.records import Place
from threadline.vocab import KnownEntity
from threadline.vocabulary import Vocabulary, active

__all__ = ["Gazetteer", "Place", "country_context"]


class Gazetteer:
    """Place names to points. The GeoNames index is opened on first need and shared by
    every instance; the knowledge entries are indexed in memory on each. The extras
    and country names come from `vocabulary` (the data folder's model, passed in)."""

    def __init__(
        self,
        known: Sequence[KnownEntity],
        min_population: int = DEFAULT_MIN_POPULATION,
        *,
        vocabulary: Vocabulary | None = None,
    ) -> None:
        self.vocabulary = vocabulary or active()
        self.extras: Extras = self.vocabulary.place_extras
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
        queries = [q for name in names if (q := parse_query(name, self.extras, self.short_keys))]
        if place := self._best([q.key for q in queries], ctx):
            return place
        for query in queries:
            if query.core and (place := self._best([query.core], ctx)):
                return part_of(place, query)
        return None

    def country_of(self, name: str) -> str | None:
        """The ISO code of a country-level name ("U.S.", "Türkiye", "Iraq"), else None."""
        key = place_key(name)
        return self.known_countries.get(key) or self.vocabulary.country_keys.get(key)

    def _context(self, codes: Sequence[str]) -> Context:
        upper = tuple(dict.fromkeys(c.upper() for c in codes if c))
        return Context(upper, frozenset(n for c in upper for n in neighbours(c)) - set(upper))

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

    def _best_known(self, keys: Sequence[str], ctx: Context) -> Site | None:
        """In the story's countries first, the one it is most about first; then in file order."""
        hits = enumerate(hit.site for hit, _ in _hits(self.known.lookup, keys))

        def order(h: tuple[int, Site]) -> tuple[int, int, int]:
            country = h[1].place.country
            return RELATION_ORDER[ctx.relation(country)[0]], ctx.rank(country), h[0]

        best = min(hits, key=order, default=None)
        return best[1] if best else None

    def _best_geonames(self, keys: Sequence[str], ctx: Context) -> Site | None:
        index = geonames_index(self.min_population)
        return best_geonames(_hits(index.lookup, keys), ctx, self.extras.common_words, index)


def _hits(lookup: Callable[[str], Sequence[Hit]], keys: Sequence[str]) -> list[tuple[Hit, str]]:
    """Every hit of every key, once per place (an own-name match over an alternate one)."""
    seen: dict[str, tuple[Hit, str]] = {}
    for key in dict.fromkeys(keys):
        for hit in lookup(key):
            if len(key) <= 2 and hit.site.place.kind != "country":
                continue
            source = hit.site.place.source
            if source not in seen or (hit.primary and not seen[source][0].primary):
                seen[source] = (hit, key)
    return list(seen.values())


def country_context(names: Iterable[str], gazetteer: Gazetteer) -> list[str]:
    """ISO codes of the country-level names among a story's location mentions, most frequent first."""
    counts: Counter[str] = Counter()
    for name in names:
        if iso := gazetteer.country_of(name):
            counts[iso] += 1
    return [iso for iso, _ in counts.most_common()]
