"""Which event mentions can take part in a decision about each other, by shared keys.

A key is an event type with an entity or a story's copy root. Merging (events.py)
decides in three places, and each asks only mentions sharing a key of its own kind:

  * clustering: a mention joins an event of its type holding its root or one of its
    participants (`hard` keys on both sides);
  * the background join (background.py): an event with no day of its own (a mention
    not dated to the day may be in one: `aside` keys) joins the one dated event of its
    type that knows every participant it names (as a participant or claimant) or holds
    a place fitting it (`news` keys: participants, claimants, places and the places
    those lie in). Since a candidate must fit every participant, one participant's keys
    find them all: the aside keys are those of the participant the fewest events name
    (with the places it lies in), or the place where the mention names no one;
  * a denial (`denial` keys: its participants and place) joins the first event of its
    type with its place or a participant (`news` keys).

Mentions linked through clustering and denial keys, however far, decide together
(graph/events_region.py). The background join is asked across a region's edge
read-only, by these keys (`holders`: graph/region_asides.py). A mention the last run
first merged into an event with a day (not `loose`) is in no event told in passing
while its own region is not merged again: it holds its aside keys only once a region
takes it in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

from threadline.graph.background import Within
from threadline.records import NOT_A_FACT, DateValue

Key = tuple[str, str]  # (event type, entity id or "root:" and a story id)
# which side's keys each side's keys meet in a region's closure: the background join is
# asked across the region's edge read-only (graph/region_asides.py), so aside keys take none in
LINKS: dict[str, tuple[str, ...]] = {"hard": ("hard",), "news": ("denial",), "aside": (), "denial": ("news",)}


@dataclass(frozen=True, slots=True)
class Party:
    """An event mention as the narrow columns give it (mention ids, not entities)."""

    id: str
    story: str
    type: str
    participants: tuple[str, ...]
    location: str | None
    claimants: tuple[str, ...]  # of every claim about it (keys)
    day: bool  # dated to the day: never in an event told in passing
    denial: bool
    date: DateValue
    responsible: tuple[str, ...]  # of the claims of responsibility merging counts

    @classmethod
    def of(cls, row: tuple, claims: Mapping[str, list[tuple[str, str, str]]]) -> Party:  # type: ignore[type-arg]
        """`claims`: event mention id -> (claimant, kind, modality) of each claim about it."""
        ident, story, kind, participants, location, value, precision, modality, expression = row
        day = bool(value) and precision == "day"
        told = claims.get(ident, ())
        return cls(
            ident,
            story,
            kind,
            tuple(participants),
            location,
            tuple(c for c, _, _ in told),
            day,
            modality in NOT_A_FACT,
            DateValue(value, precision, expression),
            tuple(c for c, k, said in told if k == "responsibility" and said not in NOT_A_FACT),
        )


Sides = dict[str, list[Key]]


class KeyIndex:
    """Every mention's keys by side, and the mentions holding each key on each side."""

    def __init__(
        self,
        parties: Mapping[str, Party],
        entity_of: Mapping[str, str],
        roots: Mapping[str, str],
        within: Within,
        settled: Callable[[str], bool] = lambda mention: False,
    ) -> None:
        """`settled(mention)`: its event, as first merged, has a day and stays as stored
        unless the region takes it in: it holds its aside keys only from then on."""
        self.parties, self.entity_of, self.within = parties, entity_of, within
        self.index: dict[str, dict[Key, list[str]]] = {side: defaultdict(list) for side in LINKS}
        self.keys: dict[str, Sides] = {}
        self.held_back: set[str] = set()
        named_of: dict[str, tuple[list[str], str | None]] = {}  # each mention's entities, mapped once
        for ident, party in parties.items():
            named = _entities(party.participants, entity_of)
            place = entity_of.get(party.location) if party.location else None
            named_of[ident] = (named, place)
            self.keys[ident] = self._common(party, named, place, roots, entity_of)
            self._add(ident, self.keys[ident])
        aside_index = self.index["aside"]
        for ident, party in parties.items():
            named, place = named_of[ident]
            if party.denial or party.day or not (named or place):
                aside: list[Key] = []
            elif settled(ident):
                self.held_back.add(ident)
                aside = []
            else:
                aside = self._aside(party.type, named, place)
            self.keys[ident]["aside"] = aside
            for key in aside:
                aside_index[key].append(ident)

    def taken_in(self, mention: str) -> Sides:
        """A mention's keys once the region holds it: its aside keys too."""
        if mention in self.held_back:
            return {**self.keys[mention], "aside": self.aside_keys(self.parties[mention], self.entity_of)}
        return self.keys[mention]

    def _add(self, ident: str, sides: Sides) -> None:
        for side, keys in sides.items():
            for key in keys:
                self.index[side][key].append(ident)

    def _common(
        self,
        party: Party,
        named: list[str],
        place: str | None,
        roots: Mapping[str, str],
        entity_of: Mapping[str, str],
    ) -> Sides:
        kind = party.type
        hard = [(kind, "root:" + roots.get(party.story, party.story)), *((kind, p) for p in named)]
        if party.denial:
            return {
                "hard": hard,
                "denial": [(kind, e) for e in sorted({*named, *([place] if place else [])})],
            }
        known = {*named, *_entities(party.claimants, entity_of)} if party.claimants else set(named)
        if place:
            known.add(place)
            known.update(self.within.get(place, ()))
        return {"hard": hard, "news": [(kind, e) for e in sorted(known)]}

    def aside_keys(self, party: Party, entity_of: Mapping[str, str]) -> list[Key]:
        """Where the events a mention not dated to the day may be told in passing of are."""
        if party.denial or party.day:
            return []
        named = _entities(party.participants, entity_of)
        place = entity_of.get(party.location) if party.location else None
        return self._aside(party.type, named, place)

    def _aside(self, kind: str, named: list[str], place: str | None) -> list[Key]:
        """The aside keys of a mention of this type naming these entities at this place:
        those of the participant the fewest events name, or of the place."""
        if named:
            news = self.index["news"]
            rarest = min(named, key=lambda p: (len(news.get((kind, p), ())), p))
            return [(kind, e) for e in sorted({rarest, *self.within.get(rarest, ())})]
        return [(kind, e) for e in sorted({place, *self.within.get(place, ())})] if place else []

    def sides_of(self, party: Party, entity_of: Mapping[str, str], roots: Mapping[str, str]) -> Sides:
        """A mention's keys as another resolution and other roots give them."""
        named = _entities(party.participants, entity_of)
        place = entity_of.get(party.location) if party.location else None
        common = self._common(party, named, place, roots, entity_of)
        return {**common, "aside": self.aside_keys(party, entity_of)}

    def linked(self, sides: Sides, seen: set[tuple[str, Key]]) -> Iterator[str]:
        """The mentions whose keys meet these, each (side, key) asked once."""
        for side, keys in sides.items():
            for key in keys:
                for other in LINKS[side]:
                    if (other, key) not in seen:
                        seen.add((other, key))
                        yield from self.index[other].get(key, ())

    def holders(self, keys: Iterable[Key], side: str = "news") -> list[str]:
        """The mentions holding any of these keys on this side (each once per key)."""
        index = self.index[side]
        return [m for key in keys for m in index.get(key, ())]


def _entities(mentions: Iterable[str], entity_of: Mapping[str, str]) -> list[str]:
    return sorted({entity_of[m] for m in mentions if m in entity_of})
