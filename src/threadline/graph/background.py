"""Events one story tells in passing, joined to the event another story dates.

A story often names, as background to its own news, an event another story reports:
"the drone attack on the base earlier this month", "attended a meeting of faction
leaders in Baghdad in March", "a month after the United States sanctioned a
businessman". Such a telling gives no day and often no name, so the ordinary rule (two
shared names, or one and the same place or a date both give) cannot join it; left
alone it is a second, vaguer copy of the event.

An event B joins an event A told by other stories when

  * both have the same type; A is dated to the day and B is not, and B's date (a month,
    a week, a weekday) does not contradict A's;
  * B names nothing A lacks: each of its participants takes part in A or claimed it
    ("the faction that claimed the attack"), and its place is A's, lies inside A's or
    holds it (`within`, from the located_in facts the stories state);
  * B shares something with A: a participant, or a place;
  * A is the only such event: with two candidates B stays as it is.

Every decision is taken on the events as first merged, then applied, so the result does
not depend on the order of the mentions.

Only the dated events that could pass are asked (`_DatedIndex`): every participant of B
must take part in A, claim it, or be a place that fits one of A's, so one participant
(the rarest) names A's candidates; without participants, one of B's places does. The
answer is the one asking every pair gives, without asking every pair: the step stays
near-linear in the events of a store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Protocol, TypeVar

from threadline.records import DateValue

Within = Mapping[str, frozenset[str]]  # place entity id -> the place entity ids it lies in


class Parties(Protocol):
    """Who and where of an event, as the rule compares two."""

    @property
    def type(self) -> str: ...

    @property
    def participants(self) -> AbstractSet[str]: ...

    @property
    def claimants(self) -> AbstractSet[str]: ...

    @property
    def locations(self) -> AbstractSet[str]: ...

    @property
    def roots(self) -> AbstractSet[str]: ...


class Told(Parties, Protocol):
    """What the background rule reads of an event being merged (graph.events.Cluster)."""

    @property
    def dates(self) -> list[DateValue]: ...


T = TypeVar("T", bound=Told)


def compatible_places(a: str, b: str, within: Within) -> bool:
    """One place, or one inside the other."""
    return a == b or b in within.get(a, frozenset()) or a in within.get(b, frozenset())


def dated_to_the_day(event: Told) -> bool:
    return any(d.precision == "day" for d in event.dates)


def _places_fit(news: Parties, aside: Parties, within: Within) -> bool:
    if not aside.locations:
        return True
    return bool(news.locations) and all(
        any(compatible_places(p, q, within) for q in news.locations) for p in aside.locations
    )


def tells_in_passing(news: Parties, aside: Parties, within: Within) -> bool:
    """Whether `aside` (no day of its own) may be background about `news` (dated to the
    day), dates aside."""
    if news.type != aside.type or news.roots & aside.roots:
        return False
    known = news.participants | news.claimants
    # a place the event was done to ("the attack on the base") is a participant too
    places = {p for p in aside.participants if any(compatible_places(p, q, within) for q in news.locations)}
    if not aside.participants - places <= known or not _places_fit(news, aside, within):
        return False
    return bool(aside.participants & known or places or aside.locations)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What the rule reads of one event, read once (a Cluster gathers it on every ask)."""

    type: str
    participants: frozenset[str]
    claimants: frozenset[str]
    locations: frozenset[str]
    roots: frozenset[str]
    dated: bool

    @classmethod
    def of(cls, event: Told) -> _Snapshot:
        return cls(
            event.type,
            frozenset(event.participants),
            frozenset(event.claimants),
            frozenset(event.locations),
            frozenset(event.roots),
            dated_to_the_day(event),
        )


class _DatedIndex:
    """The events dated to the day, by type and each entity taking part in or claiming
    them, and by type and place."""

    def __init__(self, events: Sequence[_Snapshot], within: Within) -> None:
        self.by_actor: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.by_place: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.holding: dict[str, set[str]] = defaultdict(set)  # place -> the places inside it
        for place, outer in within.items():
            for o in outer:
                self.holding[o].add(place)
        self.within = within
        for i, event in enumerate(events):
            if event.dated:
                for actor in event.participants | event.claimants:
                    self.by_actor[(event.type, actor)].append(i)
                for place in event.locations:
                    self.by_place[(event.type, place)].append(i)

    def _fitting(self, kind: str, place: str) -> set[int]:
        """Dated events of `kind` at a place that is `place`, holds it or lies in it."""
        places = {place, *self.within.get(place, ()), *self.holding.get(place, ())}
        return {i for q in places for i in self.by_place.get((kind, q), ())}

    def candidates(self, aside: _Snapshot) -> list[int]:
        """A superset of the dated events `aside` may tell of, in order."""
        if aside.participants:
            found: list[set[int]] = [
                {*self.by_actor.get((aside.type, p), ()), *self._fitting(aside.type, p)}
                for p in sorted(aside.participants)
            ]
            rarest: set[int] = min(found, key=len)
            return sorted(rarest)
        if aside.locations:
            return sorted(self._fitting(aside.type, min(aside.locations)))
        return []


def homes(events: Sequence[T], within: Within, dates_fit: Callable[[T, T], bool]) -> dict[int, int]:
    """For each event told only in passing, the index of the one dated event it tells of;
    dates_fit(news, aside) says whether their dates do not contradict."""
    told = [_Snapshot.of(e) for e in events]
    index = _DatedIndex(told, within)
    found: dict[int, int] = {}
    for j, aside in enumerate(told):
        if aside.dated:
            continue
        candidates = [
            i
            for i in index.candidates(aside)
            if i != j and tells_in_passing(told[i], aside, within) and dates_fit(events[i], events[j])
        ]
        if len(candidates) == 1:
            found[j] = candidates[0]
    return found
