"""What a region of the events step (events_region.py) asks outside it about events told
in passing, read-only, so that the dated events and asides it does not change stay out.

The background join (background.py) is one-sided: an aside joins the one dated event
that passes it. So the region is not widened along it; instead
  * an aside of the region asks the dated events outside it (`Outside.dated`: each
    stored event's dated core, its mentions not `loose`); one whose one home lies
    outside takes that event in (events.Background.homes_outside);
  * a dated event of the region takes in the asides outside its keys meet, except
    those it cannot change: an aside two dated events passed last time (its
    *witnesses*, store/witnesses.py) while neither is taken in, and an aside no dated
    event passed (`Views.covered`), asked instead whether one of the region's passes
    it (`Outside.idle`, events.Background.stirred).
Witnesses count only where the last run kept them (None: every aside is taken in).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from threadline.graph.event_keys import KeyIndex, Party
from threadline.graph.events import Settled, settled_of, told_in_passing
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


@dataclass
class Outside:
    """The stored events outside a region, as its background join asks them."""

    views: Views
    region: set[str]
    dissolved: set[str]
    entity_of: Mapping[str, str]
    roots: Mapping[str, str]
    read: Callable[[set[str]], Mapping[str, EventMention]]  # the records of these mention ids
    published: Callable[[set[str]], Mapping[str, str]]  # these stories' publication days

    def dated(self, asides: list[list[str]]) -> Sequence[tuple[str, Settled]]:
        """The dated events outside the region these asides (their member ids) may tell
        of: the stored events holding the news keys of one member of each (the member
        whose keys the fewest hold), each as its dated core, keyed by the core's first
        mention. A superset of those that pass: each holds every member's keys."""
        views, loose = self.views, self.views.loose or frozenset()
        events = {
            views.event_of[m]
            for aside in asides
            for m in _fewest_holders(views, aside, self.entity_of)
            if m not in self.region and m in views.event_of
        }
        cores = [
            sorted(m for m in views.members[e] if m not in loose and not views.parties[m].denial)
            for e in sorted(events)
        ]
        cores = [c for c in cores if c]
        read = self.read({m for c in cores for m in c})
        return [(c[0], settled_of([read[m] for m in c], self.entity_of, self.roots)) for c in cores]

    def idle(self, dated: list[list[str]]) -> Sequence[tuple[str, Settled]]:
        """The asides outside the region these dated events (their member ids) may be
        told of, whose home may change with them: those their news keys meet, but for
        those two witnesses outside pass. Each stored event holding them gives its
        asides, each keyed by the event's id."""
        views, loose = self.views, self.views.loose or frozenset()
        keys = {k for members in dated for m in members for k in views.keys.keys[m].get("news", ())}
        met = {
            views.event_of[a]
            for a in views.keys.holders(sorted(keys), "aside")
            if a not in self.region and a in views.event_of and a not in views.witnesses
        }
        events = sorted(met - self.dissolved)
        told = [[m for m in views.members[e] if m in loose and not views.parties[m].denial] for e in events]
        read = self.read({m for found in told for m in found})
        published = self.published({views.parties[m].story for found in told for m in found})
        return [
            (e, aside)
            for e, found in zip(events, told, strict=True)
            for aside in told_in_passing([read[m] for m in found], self.entity_of, self.roots, published)
        ]


def _fewest_holders(views: Views, aside: list[str], entity_of: Mapping[str, str]) -> list[str]:
    """The mentions holding the news keys of the aside's member whose keys the fewest hold."""
    keyed = [keys for keys in (views.keys.aside_keys(views.parties[m], entity_of) for m in aside) if keys]
    return min((views.keys.holders(keys) for keys in keyed), key=len, default=[])
