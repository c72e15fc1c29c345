"""What a name lookup returns (Site, Hit), and the in-memory index of the knowledge entries.

The knowledge files' places are few and differ by settings (a user's data folder), so they
are indexed in memory on each Gazetteer; GeoNames, large and the same for everyone, lives in
the on-disk index (places.index), which answers lookups with the same Hit records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from threadline.places.keys import loose_key
from threadline.records import Place


class Site(NamedTuple):
    """A gazetteer entry with what ranking needs and Place does not carry."""

    place: Place
    population: int  # 0 where unknown
    admin1: str | None = None  # GeoNames admin-1 code ("CA" for US states)


class Hit(NamedTuple):
    site: Site
    primary: bool  # matched the entry's own name, not one of its alternate names


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
