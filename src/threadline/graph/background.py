"""Events one story tells in passing, joined to the event another story dates.

A story often names, as background to its own news, an event another story reports:
"the drone attack on the base earlier this month", "attended a meeting of faction
leaders in Baghdad in March", "a month after the United States sanctioned a
businessman". Such a telling gives no day and often no name, so the ordinary rule (two
shared names, or one and the same place or a date both give) cannot join it; left
alone it is a second, vaguer copy of the event.

An event B joins an event A told by other stories when

  * both have the same type; A is dated to the day and B is not, and B's date (a month,
    a week, a weekday) does not contradict A's; told with no date at all, A's day is
    recent for a story telling B: on or before its publication, at most 90 days before
    (event_dates.RECENT_DAYS), where the story has a publication day;
  * B names nothing A lacks: each of its participants takes part in A or claimed it
    ("the faction that claimed the attack"), and its place is A's, lies inside A's or
    holds it (`within`, from the located_in facts the stories state);
  * B shares something with A: a participant, or a place;
  * A is the only such event: with two candidates B stays as it is.

Every decision is taken on the events as first merged, then applied, so the result does
not depend on the order of the mentions.

Only the dated events that could pass are asked (`_DatedIndex`): every participant of B
must take part in A, claim it, or be a place that fits one of A's, so one participant
(the one naming the fewest) names A's candidates; without participants, one of B's
places does. Where B's dates leave only some months or years open (`DayKeys`:
event_dates.py), only the dated events with a day in them are asked. Each aside stops at
the second event that passes, and what each test reads of an event is read once. The
answer is the one asking every pair gives, without asking every pair.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

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


def dated_to_the_day(event: Told) -> bool:
    return any(d.precision == "day" for d in event.dates)


@dataclass(frozen=True)
class DayKeys(Generic[T]):
    """Keys of days, to ask an aside only the dated events whose day its dates leave
    open: `of_news` names a dated event's days (none: it is asked whatever the aside's
    dates), `left_open` the keys an aside's dates agree with (None: any day). The
    promise: where dates_fit(news, aside) holds and both give keys, they share one."""

    of_news: Callable[[T], frozenset[str]]
    left_open: Callable[[T], frozenset[str] | None]


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What the rule reads of one event, read once (a Cluster gathers it on every ask)."""

    type: str
    participants: frozenset[str]
    known: frozenset[str]  # participants and claimants
    locations: frozenset[str]
    roots: frozenset[str]
    dated: bool
    keys: frozenset[str] | None  # a dated event's day keys, an aside's open ones (DayKeys)

    @classmethod
    def of(cls, event: Told, dated: bool, keys: frozenset[str] | None) -> _Snapshot:
        participants = frozenset(event.participants)
        known = participants | frozenset(event.claimants)
        return cls(
            event.type, participants, known, frozenset(event.locations), frozenset(event.roots), dated, keys
        )


def _snapshot(event: T, days: DayKeys[T] | None) -> _Snapshot:
    dated = dated_to_the_day(event)
    keys = None if days is None else days.of_news(event) if dated else days.left_open(event)
    return _Snapshot.of(event, dated, keys)


class _Bucket:
    """The dated events under one key of the index: all of them, and by day key."""

    __slots__ = ("every", "keyed", "unkeyed")

    def __init__(self) -> None:
        self.every: list[int] = []
        self.keyed: dict[str, list[int]] = defaultdict(list)
        self.unkeyed: list[int] = []  # no day key: asked by every aside

    def add(self, index: int, keys: frozenset[str] | None) -> None:
        self.every.append(index)
        for key in keys or ():
            self.keyed[key].append(index)
        if not keys:
            self.unkeyed.append(index)

    def lists(self, open_keys: frozenset[str] | None) -> list[list[int]]:
        if open_keys is None:
            return [self.every]
        return [self.unkeyed, *(self.keyed[k] for k in open_keys if k in self.keyed)]


class _DatedIndex:
    """The events dated to the day, by type and each entity taking part in or claiming
    them, and by type and place, each also by day key."""

    def __init__(self, events: Sequence[_Snapshot], within: Within) -> None:
        self.by_actor: dict[tuple[str, str], _Bucket] = defaultdict(_Bucket)
        self.by_place: dict[tuple[str, str], _Bucket] = defaultdict(_Bucket)
        self.holding: dict[str, set[str]] = defaultdict(set)  # place -> the places inside it
        for place, outer in within.items():
            for o in outer:
                self.holding[o].add(place)
        self.within = within
        self._reach: dict[str, frozenset[str]] = {}
        for i, event in enumerate(events):
            if event.dated:
                for actor in event.known:
                    self.by_actor[(event.type, actor)].add(i, event.keys)
                for place in event.locations:
                    self.by_place[(event.type, place)].add(i, event.keys)

    def reach(self, place: str) -> frozenset[str]:
        """The places compatible with `place`: itself, those it lies in, those inside it."""
        found = self._reach.get(place)
        if found is None:
            found = frozenset({place, *self.within.get(place, ()), *self.holding.get(place, ())})
            self._reach[place] = found
        return found

    def _lists(self, kind: str, anchor: str, keys: frozenset[str] | None, actor: bool) -> list[list[int]]:
        """Dated events of `kind` naming `anchor` (where `actor`) or at a place fitting it."""
        buckets = [self.by_place.get((kind, q)) for q in self.reach(anchor)]
        if actor:
            buckets.append(self.by_actor.get((kind, anchor)))
        return [found for bucket in buckets if bucket is not None for found in bucket.lists(keys)]

    def candidates(self, aside: _Snapshot) -> Iterator[int]:
        """A superset of the dated events `aside` may tell of, each once: any one
        participant's (or, naming none, any one place's) will do, so the fewest."""
        actor = bool(aside.participants)
        anchors = sorted(aside.participants or aside.locations)
        options = [self._lists(aside.type, a, aside.keys, actor) for a in anchors]
        seen: set[int] = set()
        for found in min(options, key=lambda lists: sum(map(len, lists)), default=[]):
            for i in found:
                if i not in seen:
                    seen.add(i)
                    yield i


def _tells(news: _Snapshot, aside: _Snapshot, reach: Mapping[str, frozenset[str]]) -> bool:
    """Whether `aside` (no day of its own) may be background about `news` (dated to the
    day), dates aside: the rule of the module docstring, the cheapest tests first.
    `reach`: each of the aside's participants and places with the places compatible
    with it (the place itself, those it lies in, those inside it). A place the event was
    done to ("the attack on the base") is a participant too."""
    if news.type != aside.type or not news.roots.isdisjoint(aside.roots):
        return False
    if not all(not news.locations.isdisjoint(reach[p]) for p in aside.locations):
        return False
    places = {p for p in aside.participants if not news.locations.isdisjoint(reach[p])}
    if not aside.participants - places <= news.known:
        return False
    return bool(aside.participants & news.known or places or aside.locations)


def _passing(
    j: int, told: Sequence[_Snapshot], index: _DatedIndex, fit: Callable[[int], bool]
) -> tuple[int, ...]:
    """The dated events the aside `j` may tell of, up to the second: one is its home,
    two say it has none whatever else passes."""
    aside = told[j]
    reach = {p: index.reach(p) for p in aside.participants | aside.locations}
    found: list[int] = []
    for i in index.candidates(aside):
        if i == j or not _tells(told[i], aside, reach) or not fit(i):
            continue
        found.append(i)
        if len(found) == 2:
            break
    return tuple(found)


def judged(
    events: Sequence[T],
    within: Within,
    dates_fit: Callable[[T, T], bool],
    days: DayKeys[T] | None = None,
    asking: AbstractSet[int] | None = None,
) -> dict[int, tuple[int, ...]]:
    """For each event told only in passing (of those `asking` names, where given) that
    some dated event passes, the first one or two that do (`homes` takes those with
    one). Two passing are the aside's *witnesses*: kept, they say it stays without a
    home while neither changes, whatever events are added (graph/events_region.py)."""
    told = [_snapshot(e, days) for e in events]
    index = _DatedIndex(told, within)
    found: dict[int, tuple[int, ...]] = {}
    for j, aside in enumerate(told):
        if aside.dated or (asking is not None and j not in asking):
            continue
        passing = _passing(j, told, index, lambda i: dates_fit(events[i], events[j]))  # noqa: B023
        if passing:
            found[j] = passing
    return found


def homes(
    events: Sequence[T],
    within: Within,
    dates_fit: Callable[[T, T], bool],
    days: DayKeys[T] | None = None,
) -> dict[int, int]:
    """For each event told only in passing, the index of the one dated event it tells of;
    dates_fit(news, aside) says whether their dates do not contradict, `days` where the
    dates that may fit lie."""
    return {j: found[0] for j, found in judged(events, within, dates_fit, days).items() if len(found) == 1}
