"""What a region of the events step (events_region.py) asks outside it about events told
in passing, read-only, so that the dated events and asides it does not change stay out.

The background join (background.py) is one-sided: an aside joins the one dated event
that passes it, judged on the events as first merged. So the region is not widened
along it; instead
  * an aside of the region asks the dated events outside it (`Outside.dated`: each
    stored event's dated core, its mentions not `loose`), unless it is as the last run
    merged it: then two witnesses that stand (store/witnesses.py) say it has no home,
    and with none only the region's dated events can pass it. One whose one home lies
    outside takes that event in (passing.Background.homes_outside);
  * a dated event of the region that changed asks the asides outside its keys meet
    (`Outside.idle`), but for those whose two witnesses stand; one it passes is taken
    in (passing.Background.stirred).
What is taken in so is adopted (events_region.py): whole events as first merged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from threadline.graph.event_dates import publication_days
from threadline.graph.event_keys import KeyIndex, Party
from threadline.graph.events import told_in_passing
from threadline.graph.passing import Asked, Settled
from threadline.records import EventMention


@dataclass
class Views:
    """Every event mention's keys now, the stored events each belongs to, and the
    witnesses the last run kept (None: not known)."""

    keys: KeyIndex
    event_of: dict[str, str]  # mention id -> stored event id
    members: dict[str, list[str]]  # stored event id -> mention ids
    loose: frozenset[str] | None = None  # as the last run kept them
    witnesses: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # aside mention -> two
    witnessed: dict[str, list[str]] = field(init=False, default_factory=dict)  # witness -> asides

    def __post_init__(self) -> None:
        for aside, pair in sorted(self.witnesses.items()):
            for witness in pair:
                self.witnessed.setdefault(witness, []).append(aside)

    @property
    def parties(self) -> Mapping[str, Party]:
        return self.keys.parties

    def homeless(self, event: str) -> bool:
        """A stored event with no dated core: one event told in passing, no home found."""
        loose = self.loose or frozenset()
        return all(m in loose or self.parties[m].denial for m in self.members[event])


@dataclass
class Outside:
    """The stored events outside a region, as its background join asks them."""

    views: Views
    region: set[str]
    dissolved: set[str]
    changed: frozenset[str]  # the mentions the change reaches directly (the region's seeds)
    entity_of: Mapping[str, str]
    roots: Mapping[str, str]
    read: Callable[[set[str]], Mapping[str, EventMention]]  # the records of these mention ids
    published: Callable[[set[str]], Mapping[str, str]]  # these stories' publication days
    asides: dict[str, list[Settled]]  # stored event id -> its asides, kept while a region grows

    def dated(self, asides: list[list[str]]) -> Asked:
        """What these asides (their member ids) are asked against. An aside as the last
        run merged it is passed by those that passed it then and stand: two witnesses
        outside still pass it (`standing`); with none it was passed by none or by its
        home, merged here, so only the region's dated events are asked (`near`). Any
        other asks the dated events outside the region it may tell of: the stored
        events holding the news keys of one of its members (the one whose keys the
        fewest hold), each as its dated core keyed by the core's first mention, a
        superset of those that pass, since each holds every member's keys."""
        views, loose = self.views, self.views.loose or frozenset()
        events: set[str] = set()
        standing: dict[int, tuple[str, str]] = {}
        near: set[int] = set()
        for n, aside in enumerate(asides):
            pair = views.witnesses.get(aside[0])
            if self._unchanged(aside, dated=False) and (pair is None or not self.region.intersection(pair)):
                if pair is None:
                    near.add(n)
                else:
                    standing[n] = pair
                continue
            found = _fewest_holders(views, aside, self.entity_of)
            events.update(views.event_of[m] for m in found if m not in self.region and m in views.event_of)
        cores = [
            [views.parties[m] for m in views.members[e] if m not in loose and not views.parties[m].denial]
            for e in sorted(events)
        ]
        read = [(min(p.id for p in c), _core(c, self.entity_of, self.roots)) for c in cores if c]
        return Asked(read, standing, frozenset(near))

    def idle(self, dated: list[list[str]]) -> Sequence[tuple[str, Settled]]:
        """The asides outside the region these dated events (their member ids) may be
        told of, whose home may change with them: those their news keys meet, but for
        those two witnesses outside pass. Each stored event holding them gives its
        asides, each keyed by the event's id. A dated event as the last run merged it
        passes the asides it passed then: those are here already (its own, or those it
        witnesses), and is not asked."""
        views, loose = self.views, self.views.loose or frozenset()
        changed = [members for members in dated if not self._unchanged(members, dated=True)]
        keys = {k for members in changed for m in members for k in views.keys.keys[m].get("news", ())}
        met = {
            views.event_of[a]
            for a in views.keys.holders(sorted(keys), "aside")
            if a not in self.region and a in views.event_of and a not in views.witnesses
        }
        events = sorted(met - self.dissolved)
        fresh = [e for e in events if e not in self.asides]
        told = [[m for m in views.members[e] if m in loose and not views.parties[m].denial] for e in fresh]
        read = self.read(
            {m for e, found in zip(fresh, told, strict=True) if not views.homeless(e) for m in found}
        )
        published = self.published({views.parties[m].story for found in told for m in found})
        for e, found in zip(fresh, told, strict=True):
            if views.homeless(e):  # its one aside: all its mentions first merged with no day
                self.asides[e] = [
                    _aside([views.parties[m] for m in found], self.entity_of, self.roots, published)
                ]
            else:
                self.asides[e] = told_in_passing(
                    [read[m] for m in found], self.entity_of, self.roots, published
                )
        return [(e, aside) for e in events for aside in self.asides[e]]

    def _unchanged(self, members: list[str], dated: bool) -> bool:
        """Whether mentions first merged together are as the last run first merged them:
        none reached by the change, and exactly one stored event's dated core (`dated`)
        or its one aside (its mentions first merged with no day)."""
        views, loose = self.views, self.views.loose or frozenset()
        event = views.event_of.get(members[0])
        if event is None or not self.changed.isdisjoint(members):
            return False
        stored = {
            m for m in views.members[event] if (m not in loose) == dated and not views.parties[m].denial
        }
        return stored == set(members)


def _core(parties: Sequence[Party], entity_of: Mapping[str, str], roots: Mapping[str, str]) -> Settled:
    """A stored event's dated core as the background join reads a dated event (what
    events.Cluster gathers of its members), from the narrow columns alone."""
    located = (entity_of.get(p.location) if p.location else None for p in parties)
    return Settled(
        parties[0].type,
        [],
        {entity_of[m] for p in parties for m in p.participants if m in entity_of},
        {entity_of[c] for p in parties for c in p.responsible if c in entity_of},
        {place for place in located if place},
        {roots.get(p.story, p.story) for p in parties},
        list(dict.fromkeys(p.date for p in parties if p.date.value)),
        list(dict.fromkeys(p.date.expression for p in parties if not p.date.value and p.date.expression)),
    )


def _aside(
    parties: Sequence[Party],
    entity_of: Mapping[str, str],
    roots: Mapping[str, str],
    published: Mapping[str, str],
) -> Settled:
    """A stored aside (all of its event's mentions first merged with no day) as the
    background join reads an event told in passing, from the narrow columns alone."""
    core = _core(parties, entity_of, roots)
    told = publication_days(published.get(p.story) for p in parties)
    return replace(core, told=told, member_dates=tuple(dict.fromkeys(p.date for p in parties)))


def _fewest_holders(views: Views, aside: list[str], entity_of: Mapping[str, str]) -> list[str]:
    """The mentions holding the news keys of the aside's member whose keys the fewest hold."""
    keyed = [keys for keys in (views.keys.aside_keys(views.parties[m], entity_of) for m in aside) if keys]
    return min((views.keys.holders(keys) for keys in keyed), key=len, default=[])
