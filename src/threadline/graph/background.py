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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol, TypeVar

from threadline.records import DateValue

Within = Mapping[str, frozenset[str]]  # place entity id -> the place entity ids it lies in


class Told(Protocol):
    """What the background rule reads of an event being merged (graph.events.Cluster)."""

    type: str

    @property
    def participants(self) -> set[str]: ...

    @property
    def claimants(self) -> set[str]: ...

    @property
    def locations(self) -> set[str]: ...

    @property
    def roots(self) -> set[str]: ...

    @property
    def dates(self) -> list[DateValue]: ...


T = TypeVar("T", bound=Told)


def compatible_places(a: str, b: str, within: Within) -> bool:
    """One place, or one inside the other."""
    return a == b or b in within.get(a, frozenset()) or a in within.get(b, frozenset())


def dated_to_the_day(event: Told) -> bool:
    return any(d.precision == "day" for d in event.dates)


def _places_fit(news: Told, aside: Told, within: Within) -> bool:
    if not aside.locations:
        return True
    return bool(news.locations) and all(
        any(compatible_places(p, q, within) for q in news.locations) for p in aside.locations
    )


def tells_in_passing(news: Told, aside: Told, within: Within) -> bool:
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


def homes(events: Sequence[T], within: Within, dates_fit: Callable[[T, T], bool]) -> dict[int, int]:
    """For each event told only in passing, the index of the one dated event it tells of;
    dates_fit(news, aside) says whether their dates do not contradict."""
    found: dict[int, int] = {}
    for j, aside in enumerate(events):
        if dated_to_the_day(aside):
            continue
        candidates = [
            i
            for i, news in enumerate(events)
            if i != j
            and dated_to_the_day(news)
            and tells_in_passing(news, aside, within)
            and dates_fit(news, aside)
        ]
        if len(candidates) == 1:
            found[j] = candidates[0]
    return found
