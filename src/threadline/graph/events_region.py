"""The events step redone for what changed, equal to merging every event mention.

Every decision merging takes about a mention (which event it joins, which dated event
an event told in passing joins, which event a denial disputes) is taken among mentions
linked to it by keys (event_keys.py). Mentions linked, however far, form a region whose
events no mention outside it can change; the region a change reaches is merged again,
the other events are kept as stored.

The change reaches the mentions of the changed stories, of the stories whose copy root
changed and of those where a mention changed entity (each with its keys before and
after), and the mentions naming a place whose containment changed (the located_in
pairs the last run read are kept, `Derived.containment`). The stored events holding a
mention of the region are dissolved into it, and the region widened until it is closed.
Ids come from content (ids.py) and two events with the same content rank by their
earliest mention: the kept events sharing a content key with one made or dissolved here
join the region too.

A changed story that told events before (it was rewritten or removed) sends the step
down the full path: what those tellings shared is gone with them. So does a region
holding most of the store, which a full run merges at less cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from threadline.graph.background import Within
from threadline.graph.cite import Citing
from threadline.graph.containment import closed, direct_edges
from threadline.graph.event_keys import Key, KeyIndex, Party, Sides
from threadline.graph.events import Background, Settled, core
from threadline.graph.ids import content_key
from threadline.graph.regions import Before, Change, copies_of, stories_of
from threadline.graph.stored import graph_events
from threadline.records import EventMention, GraphEvent, Responsibility
from threadline.store import regions, witnesses
from threadline.store.layout import Derived

WHOLE = 0.5  # a region holding more than this share of the mentions: merge them all


@dataclass(frozen=True)
class Merged:
    events: list[GraphEvent]
    responsibilities: list[Responsibility]
    containment: frozenset[tuple[str, str]]
    loose: frozenset[str]
    witnesses: dict[str, tuple[str, str]]


@dataclass
class _Views:
    """Every event mention's keys now, the stored events each belongs to, and the
    witnesses the last run kept (store/witnesses.py)."""

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


def events_after_changes(
    conn: Connection, before: Before, change: Change, derived: Derived, edges: frozenset[tuple[str, str]]
) -> Merged | None:
    """Every event and claim of responsibility, given those stored, what changed and the
    located_in pairs now (`edges`); None where the full path must merge them (module
    docstring). What decides for the full path is asked first, each before what only the
    region needs is read or built: a changed story that told events before, then the
    region's closure, which stops once it holds more than WHOLE of the mentions."""
    kept_edges, loose = regions.kept_containment(conn), regions.kept_loose(conn)
    if kept_edges is None or loose is None:
        return None
    members = regions.event_members(conn)
    event_of = {m: e for e, found in members.items() for m in found}
    parties = _parties(conn)
    if _told_before(parties, event_of, change.present):
        return None
    within, within_before = closed(edges), closed(kept_edges)
    moved = {p for p in {*within, *within_before} if within.get(p) != within_before.get(p)}
    wide = {
        p: within.get(p, frozenset()) | within_before.get(p, frozenset()) for p in {*within, *within_before}
    }
    seeds = _seeds(conn, parties, change, moved)
    if len(seeds) > WHOLE * len(parties):
        return None  # the region holds them all: no key need be built to know it
    roots = copies_of(derived.duplicates)
    kept = witnesses.kept_witnesses(conn, regions.derived_from(conn))
    views = _views(parties, members, event_of, change.entity_of, roots, wide, loose, kept)
    old_keys = [
        views.keys.sides_of(parties[s], change.old_entity_of, before.roots)
        for s in seeds
        if _keys_moved(parties[s], change)
    ]
    closed_region = _closure(views, seeds, old_keys, set(), set())
    while closed_region is not None:
        region, dissolved = closed_region
        region_loose: set[str] = set()
        outside = _Outside(views, region, change.entity_of, roots, lambda wanted: _read(conn, views, wanted))
        background = Background(outside=outside)
        made = _merge(conn, views, region, change, roots, within, region_loose, background)
        taken = [m for key in sorted(background.homes_outside) for m in views.members[views.event_of[key]]]
        stored_keys = {content_key(e) for e in before.events if e.id in dissolved}  # type: ignore[arg-type]
        named = stored_keys | {content_key(e) for e in made[0]}  # type: ignore[arg-type]
        sharing = [e.id for e in before.events if e.id not in dissolved and content_key(e) in named]  # type: ignore[arg-type]
        if not taken and not sharing:
            kept_loose = (loose - region) | region_loose
            kept_witnesses = {m: w for m, w in kept.items() if m not in region} | background.witnesses
            return _combined(before, made, dissolved, edges, frozenset(kept_loose), kept_witnesses)
        more = taken + [m for e in sharing for m in views.members[e]]  # an outside home, taken in
        closed_region = _closure(views, more, [], region, dissolved)
    return None


def located_in_edges(conn: Connection, entity_of: Mapping[str, str]) -> frozenset[tuple[str, str]]:
    """The (inner, outer) pairs the current located_in claims state, read from those
    claims alone (the full path reads the same pairs when it falls back)."""
    return direct_edges(regions.located_in_claims(conn), entity_of)


def _combined(
    before: Before,
    made: tuple[list[GraphEvent], list[Responsibility]],
    dissolved: set[str],
    edges: frozenset[tuple[str, str]],
    loose: frozenset[str],
    witnessed: dict[str, tuple[str, str]],
) -> Merged:
    """The stored events and claims outside the region, with the region's merged anew."""
    kept = [e for e in before.events if e.id not in dissolved]
    claims = [r for r in before.responsibilities if r.event not in dissolved]
    events = sorted((*kept, *made[0]), key=lambda e: e.id)
    told = sorted((*claims, *made[1]), key=lambda r: (r.claimant, r.event, r.kind))
    return Merged(events, told, edges, loose, witnessed)


def _told_before(parties: Mapping[str, Party], event_of: Mapping[str, str], present: frozenset[str]) -> bool:
    """Whether a changed story told events before: a stored event holds a mention gone
    since (of a story removed or written again), or one of a changed story's mentions."""
    return any(m not in parties for m in event_of) or any(
        p.story in present and p.id in event_of for p in parties.values()
    )


def _parties(conn: Connection) -> dict[str, Party]:
    """Every event mention's narrow columns, with the claimants of the claims made for it."""
    claimants: dict[str, list[str]] = defaultdict(list)
    for event, claimant, _, _ in regions.responsibility_claims(conn):
        claimants[event].append(claimant)
    return {row[0]: Party.of(row, claimants) for row in regions.event_mention_parties(conn)}


def _views(
    parties: Mapping[str, Party],
    members: dict[str, list[str]],
    event_of: dict[str, str],
    entity_of: Mapping[str, str],
    roots: Mapping[str, str],
    within: Within,
    loose: frozenset[str] | None,
    kept: Mapping[str, tuple[str, str]],
) -> _Views:
    def settled(mention: str) -> bool:  # first merged into an event with a day, as stored
        return loose is not None and mention in event_of and mention not in loose

    return _Views(KeyIndex(parties, entity_of, roots, within, settled), event_of, members, loose, kept)


def _seeds(conn: Connection, parties: Mapping[str, Party], change: Change, moved: set[str]) -> list[str]:
    """The mentions a change reaches directly: those of the changed stories, of the
    stories with a new copy root or a mention joined to another entity, and those
    naming a place whose containment changed."""
    stories = change.present | change.roots | stories_of(conn, change.mentions)
    named_moved = _naming(parties, moved, change)
    return sorted({p.id for p in parties.values() if p.story in stories} | named_moved)


def _keys_moved(party: Party, change: Change) -> bool:
    """Whether a mention's keys before differ from its keys now: its story's copy root
    moved, or one of the mentions it names was joined to another entity. Only such a
    seed's keys before link what its keys now (taken when the closure holds it) do not."""
    named = (*party.participants, *([party.location] if party.location else []), *party.claimants)
    return party.story in change.roots or any(m in change.mentions for m in named)


def _naming(parties: Mapping[str, Party], places: set[str], change: Change) -> set[str]:
    """The mentions naming one of these places (as a participant, place or claimant),
    by their entities now or before: a mention's entity before differs from its entity
    now only where it is one of `change.mentions`, so only those are looked up twice."""
    if not places:
        return set()
    now, before, joined = change.entity_of, change.old_entity_of, change.mentions
    return {
        p.id
        for p in parties.values()
        if any(
            now.get(m) in places or (m in joined and before.get(m) in places)
            for m in (*p.participants, *([p.location] if p.location else []), *p.claimants)
        )
    }


def _closure(
    views: _Views, seeds: Iterable[str], sides: Iterable[Sides], region: set[str], dissolved: set[str]
) -> tuple[set[str], set[str]] | None:
    """The mentions linked to the seeds (and to these further keys) through their keys
    (event_keys.py), a stored event, or a witness, however far, and the stored events
    they dissolve; None once they hold more than WHOLE of the mentions. An aside whose
    two witnesses stay outside is not taken in: it has no home whatever the region
    holds. One whose witness is taken in is."""
    region, dissolved = set(region), set(dissolved)
    limit = WHOLE * max(len(views.parties), 1)
    seen: set[tuple[str, Key]] = set()
    queue = [m for m in seeds if m in views.parties]
    covered = views.witnesses.__contains__  # one whose witness is taken in comes with it (`witnessed`)
    for found in sides:
        queue += views.keys.linked(found, seen, covered)
    while queue:
        mention = queue.pop()
        if mention in region:
            continue
        region.add(mention)
        if len(region) > limit:
            return None
        event = views.event_of.get(mention)
        if event is not None and event not in dissolved:
            dissolved.add(event)
            queue += [m for m in views.members[event] if m in views.parties and m not in region]
        queue += views.witnessed.get(mention, ())
        queue += views.keys.linked(views.keys.taken_in(mention), seen, covered)
    return region, dissolved


def _merge(
    conn: Connection,
    views: _Views,
    region: set[str],
    change: Change,
    roots: Mapping[str, str],
    within: Within,
    loose: set[str],
    background: Background,
) -> tuple[list[GraphEvent], list[Responsibility]]:
    """The region's events and claims, merged as a full run merges them, its asides
    asking the dated events outside it too (`_Outside`)."""
    stories = {views.parties[m].story for m in region}
    mentions = [m for m in regions.event_mentions_in(conn, stories) if m.id in region]
    citing = Citing(change.entity_of, roots, regions.outlets_of(conn, stories))
    return graph_events(mentions, citing, within, loose, regions.published_of(conn, stories), background)


@dataclass
class _Outside:
    """The dated events outside a region its asides may tell of, read-only: the stored
    events holding the news keys of one member of each aside (the member whose keys the
    fewest hold), each as its dated core (its mentions not `loose`, no denial), keyed by
    the core's first mention. A superset of those that pass: every candidate holds
    every member's keys (event_keys.py)."""

    views: _Views
    region: set[str]
    entity_of: Mapping[str, str]
    roots: Mapping[str, str]
    read: Callable[[set[str]], Mapping[str, EventMention]]  # the records of these mention ids

    def __call__(self, asides: list[list[str]]) -> Sequence[tuple[str, Settled]]:
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
        return [(c[0], core([read[m] for m in c], self.entity_of, self.roots)) for c in cores]


def _read(conn: Connection, views: _Views, wanted: set[str]) -> dict[str, EventMention]:
    stories = {views.parties[m].story for m in wanted}
    return {m.id: m for m in regions.event_mentions_in(conn, stories) if m.id in wanted}


def _fewest_holders(views: _Views, aside: list[str], entity_of: Mapping[str, str]) -> list[str]:
    """The mentions holding the news keys of the aside's member whose keys the fewest hold."""
    keyed = [keys for keys in (views.keys.aside_keys(views.parties[m], entity_of) for m in aside) if keys]
    return min((views.keys.holders(keys) for keys in keyed), key=len, default=[])
