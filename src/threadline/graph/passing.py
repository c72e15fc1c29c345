"""The background join as merging runs it (events.py): the events one story tells in
passing joined to the event another dates (the rule: background.py), read on the
events as first merged (`Settled`), and what a region of the events step asks across
its edge (`Background`, `Asked`: graph/region_asides.py)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from threadline.graph.background import DayKeys, Within, dated_to_the_day, judged
from threadline.graph.event_dates import (
    date_support,
    day_keys,
    open_keys,
    publication_days,
    recent,
    recent_keys,
    standard_day,
)
from threadline.records import DateValue

if TYPE_CHECKING:
    from threadline.graph.events import Cluster, View


@dataclass(frozen=True, slots=True)
class Settled:
    """A cluster as the background join reads it, each part gathered once: no cluster
    changes while it asks. `told`: the publication days of its mentions' stories."""

    type: str
    members: list[View]
    participants: set[str]
    claimants: set[str]
    locations: set[str]
    roots: set[str]
    dates: list[DateValue]
    expressions: list[str]
    told: tuple[datetime.date, ...] = ()  # read of events told in passing only: not gathered for others
    member_dates: tuple[DateValue, ...] = ()  # each member's date once: likewise

    @classmethod
    def of(cls, c: Cluster, published: Mapping[str, str] | None = None) -> Settled:
        told: tuple[datetime.date, ...] = ()
        member_dates: tuple[DateValue, ...] = ()
        if not dated_to_the_day(c):
            told = publication_days((published or {}).get(m.mention.story_id) for m in c.members)
            member_dates = tuple(dict.fromkeys(m.mention.date for m in c.members))
        parts = (c.participants, c.claimants, c.locations, c.roots, c.dates, c.expressions)
        return cls(c.type, c.members, *parts, told, member_dates)


def dates_agree(news: Settled, aside: Settled) -> bool:
    """No date of the aside contradicts the news's; told with no date at all, the news
    has a day that is recent for a story telling it (event_dates.RECENT_DAYS)."""
    if not all(date_support(date, news.dates, news.expressions) is not None for date in aside.member_dates):
        return False
    if aside.dates or not aside.told:
        return True
    days = (standard_day(d.value or "") for d in news.dates if d.precision == "day")
    return any(day is not None and recent(day, aside.told) for day in days)


def _left_open(aside: Settled) -> frozenset[str] | None:
    if aside.dates:
        return open_keys(aside.dates)
    return recent_keys(aside.told) if aside.told else None


# a dated event's days by month, and those an aside's dates or its telling leave open
DAYS = DayKeys[Settled](lambda e: day_keys(e.dates), _left_open)


@dataclass(frozen=True)
class Asked:
    """What a region's asides (by their place in the list asked) are asked against:
    `cores`, the dated events outside, read-only, each keyed by a mention of its own;
    `standing`, asides two dated events outside still pass (no home; these are their
    witnesses), not asked; `near`, asides asked the region's dated events only."""

    cores: Sequence[tuple[str, Settled]] = ()
    standing: Mapping[int, tuple[str, str]] = field(default_factory=dict)
    near: AbstractSet[int] = frozenset()


Outside = Callable[[list[list[str]]], Asked]
Idle = Callable[[list[list[str]]], Sequence[tuple[str, Settled]]]


@dataclass
class Background:
    """The background join's dealings beyond the events merged: `outside` gives, for the
    asides' member ids, the dated events outside a region (graph/events_region.py) each
    may tell of, read-only, each with a mention of its own as its key. Given back: each
    aside mention's two *witnesses* (keys of dated events that pass it: it has no home
    while both stand), and the keys of outside events some aside's one home is. `idle`
    gives, for the dated events' member ids, the asides outside their keys meet that
    may change, each keyed by its stored event; given back in `stirred`, the keys of
    those a dated event merged here passes."""

    outside: Outside = lambda asides: Asked()
    idle: Idle = lambda dated: ()
    witnesses: dict[str, tuple[str, str]] = field(default_factory=dict)
    homes_outside: set[str] = field(default_factory=set)
    stirred: set[str] = field(default_factory=set)


def join_background(
    clusters: list[Cluster], within: Within, published: Mapping[str, str], background: Background
) -> list[Cluster]:
    """Events one story tells in passing joined to the event another dates (background.py):
    an aside two dated events pass keeps them as witnesses; one whose one home lies
    outside (`background.outside`) is left for the region to take that home in."""
    settled = [Settled.of(c, published) for c in clusters]
    at = [n for n, c in enumerate(clusters) if not dated_to_the_day(c)]
    asked = background.outside([[v.id for v in clusters[n].members] for n in at]) if at else Asked()
    keys = [min(v.id for v in c.members) for c in clusters] + [key for key, _ in asked.cores]
    near, standing = {at[i] for i in asked.near}, {at[i]: pair for i, pair in asked.standing.items()}
    far = {n for n in at if n not in near and n not in standing}
    found = judged(settled, within, dates_agree, DAYS, near) if near else {}
    if far:
        found |= judged([*settled, *(s for _, s in asked.cores)], within, dates_agree, DAYS, far)
    for n, pair in standing.items():
        background.witnesses.update((v.id, pair) for v in clusters[n].members)
    dated = [n for n, s in enumerate(settled) if dated_to_the_day(s)]
    idle = list(background.idle([[v.id for v in clusters[n].members] for n in dated])) if dated else []
    if idle:  # asked before any aside is absorbed: the dated events as first merged
        passed = judged([*(s for _, s in idle), *(settled[n] for n in dated)], within, dates_agree, DAYS)
        background.stirred.update(idle[j][0] for j in passed)
    moves: dict[int, int] = {}
    for aside, passing in found.items():
        if len(passing) == 2:
            background.witnesses.update(
                (v.id, (keys[passing[0]], keys[passing[1]])) for v in clusters[aside].members
            )
        elif passing[0] < len(clusters):
            moves[aside] = passing[0]
        else:
            background.homes_outside.add(keys[passing[0]])
    for aside, news in sorted(moves.items()):
        clusters[news].absorb(clusters[aside])
    return [c for n, c in enumerate(clusters) if n not in moves]
