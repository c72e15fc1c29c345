"""The events step redone for what changed, equal to merging every event mention.

Every decision merging takes about a mention (which event it joins, which dated event
an event told in passing joins, which event a denial disputes) is taken among mentions
linked to it by keys (event_keys.py). Mentions linked by clustering and denial keys,
however far, form a region whose clusters no mention outside it can change; the region
a change reaches is merged again, the other events are kept as stored, unread: only the
region's events and claims are handed on, with a `Scope` the write keeps to (`_scoped`;
`with_every_event` joins the stored ones for a package's step after). The background
join is asked across the region's edge read-only (region_asides.py): an outside event
whose part in it changes (an aside that gains or loses its home, the one home of an
aside of the region) is adopted, merged again with the region but, being whole events
as first merged that nothing changed, not widened along its clustering keys.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial

from sqlalchemy import Connection

from threadline.graph.background import Within
from threadline.graph.cite import Citing
from threadline.graph.containment import closed, direct_edges
from threadline.graph.event_keys import Key, KeyIndex, Party, Sides
from threadline.graph.ids import content_key, date_bucket
from threadline.graph.passing import Background, Settled
from threadline.graph.region_asides import Outside, Views
from threadline.graph.regions import Before, Change, copies_of, stories_of
from threadline.graph.stored import graph_events
from threadline.records import DateValue, EventMention, GraphEvent, Responsibility
from threadline.store import Store, event_scope, regions, witnesses
from threadline.store.layout import Derived, Scope

WHOLE = 0.5  # a region holding more than this share of the mentions: merge them all


@dataclass(frozen=True)
class Merged:
    events: list[GraphEvent]
    responsibilities: list[Responsibility]
    containment: frozenset[tuple[str, str]]
    loose: frozenset[str]
    witnesses: dict[str, tuple[str, str]]
    scopes: dict[str, Scope]  # the events and claims tables: only the region's rows (`_scoped`)


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
    if kept is None:
        return None  # kept by no run of this step (an older store): merged whole once
    views = _views(parties, members, event_of, change.entity_of, roots, wide, loose, kept)
    old_keys = [
        views.keys.sides_of(parties[s], change.old_entity_of, before.roots)
        for s in seeds
        if _keys_moved(parties[s], change)
    ]
    closed_region = _closure(views, seeds, old_keys, _Region())
    records: dict[str, EventMention] = {}
    asides: dict[str, list[Settled]] = {}
    while closed_region is not None:
        region, dissolved = closed_region.mentions, closed_region.dissolved
        region_loose: set[str] = set()
        background = _background(conn, views, closed_region, change, roots, records, frozenset(seeds), asides)
        made = _merge(conn, views, region, change, roots, within, region_loose, background, records)
        taken = [m for key in sorted(background.homes_outside) for m in views.members[views.event_of[key]]]
        taken += [m for e in sorted(background.stirred) for m in views.members[e]]
        sharing = _sharing(conn, dissolved, made[0])
        if not taken and not sharing:
            kept_loose = (loose - region) | region_loose
            kept_witnesses = {m: w for m, w in kept.items() if m not in region} | background.witnesses
            return _scoped(conn, made, dissolved, edges, frozenset(kept_loose), kept_witnesses)
        more = taken + [m for e in sharing for m in views.members[e]]  # an outside home or aside, taken in
        closed_region = _closure(views, [], [], closed_region, more)
    return None


def located_in_edges(conn: Connection, entity_of: Mapping[str, str]) -> frozenset[tuple[str, str]]:
    """The (inner, outer) pairs the current located_in claims state, read from those
    claims alone (the full path reads the same pairs when it falls back)."""
    return direct_edges(regions.located_in_claims(conn), entity_of)


def _sharing(conn: Connection, dissolved: set[str], made: list[GraphEvent]) -> list[str]:
    """The kept events (by id) sharing a content key with one made or dissolved here:
    two events with one content key rank by their earliest mention (ids.py), so they
    are merged together. Every stored group of one content key holds the event named by
    the key itself (`stable_ids`; a region merges such groups whole), so a made event's
    kept group is found by that id, or else its named event is dissolved here too. The
    groups found, and those of the events dissolved, are read among the stored events
    of their type, place and month, by index, then only their participants by id
    (store/event_scope.py): no stored event is read whole."""
    gone = event_scope.named_of(conn, dissolved)
    keys = {content_key(e) for e in (*gone, *made)}  # type: ignore[arg-type]
    kept = [e for e in event_scope.named_of(conn, keys) if e.id not in dissolved]
    month = _Months()
    months = {(e.type, e.location, month(e.date.value)) for e in (*gone, *kept)}
    near = {
        ident: (kind, place, month(value))
        for ident, kind, place, value in event_scope.dated_at(conn, {(k, p) for k, p, _ in months})
        if ident not in dissolved and (kind, place, month(value)) in months
    }
    named: dict[tuple[str, str | None, str, tuple[str, ...]], str] = {}  # each content once
    sharing = []
    for ident, participants in event_scope.participants_of(conn, near):
        kind, place, bucket = near[ident]
        spelled = (kind, place, bucket, participants)
        if spelled not in named:
            stored = event_scope.Named(ident, kind, participants, place, month.dates[bucket])
            named[spelled] = content_key(stored)  # type: ignore[arg-type]
        if named[spelled] in keys:
            sharing.append(ident)
    return sorted(sharing)


class _Months:
    """The month an event's content id names for a date value (ids.py `date_bucket`),
    each value asked once, with a date standing for each month (`dates`)."""

    def __init__(self) -> None:
        self.of: dict[str | None, str] = {}
        self.dates: dict[str, DateValue] = {}

    def __call__(self, value: str | None) -> str:
        if value not in self.of:
            date = DateValue(value, "unknown", None)
            self.of[value] = bucket = date_bucket(event_scope.Named("", "", (), None, date))  # type: ignore[arg-type]
            self.dates.setdefault(bucket, date)
        return self.of[value]


def _scoped(
    conn: Connection,
    made: tuple[list[GraphEvent], list[Responsibility]],
    dissolved: set[str],
    edges: frozenset[tuple[str, str]],
    loose: frozenset[str],
    witnessed: dict[str, tuple[str, str]],
) -> Merged:
    """The region's events and claims, with the scope of the write: the ids of the
    events it dissolved or made, and the rows each table holds once written (the
    stored events and claims outside the region stay as stored, unread)."""
    events = sorted(made[0], key=lambda e: e.id)
    told = sorted(made[1], key=lambda r: (r.claimant, r.event, r.kind))
    ids = frozenset({*dissolved, *(e.id for e in events)})
    total = event_scope.events_stored(conn) - len(dissolved) + len(events)
    claims = event_scope.claims_stored(conn) - event_scope.claims_stored(conn, ids) + len(told)
    scopes = {"events": Scope("id", ids, total), "responsibilities": Scope("event", ids, claims)}
    return Merged(events, told, edges, loose, witnessed, scopes)


def with_every_event(store: Store, derived: Derived) -> Derived:
    """`derived` with every event and claim of responsibility, where the events step
    handed on only its region's (a package's step after it reads them all): the stored
    ones outside the region beside the region's, in the whole step's order. The write
    still touches only the region's rows."""
    events, claims = derived.scopes.get("events"), derived.scopes.get("responsibilities")
    if events is None or claims is None or events.total is None or claims.total is None:
        return derived
    kept = [e for e in store.events() if e.id not in events.keys]
    told = [r for r in store.responsibilities() if r.event not in claims.keys]
    scopes = {
        "events": Scope(events.column, events.keys),
        "responsibilities": Scope(claims.column, claims.keys),
    }
    return replace(
        derived,
        events=tuple(sorted((*kept, *derived.events), key=lambda e: e.id)),
        responsibilities=tuple(
            sorted((*told, *derived.responsibilities), key=lambda r: (r.claimant, r.event, r.kind))
        ),
        scopes={**derived.scopes, **scopes},
    )


def _told_before(parties: Mapping[str, Party], event_of: Mapping[str, str], present: frozenset[str]) -> bool:
    """Whether a changed story told events before: a stored event holds a mention gone
    since (of a story removed or written again), or one of a changed story's mentions."""
    return any(m not in parties for m in event_of) or any(
        p.story in present and p.id in event_of for p in parties.values()
    )


def _parties(conn: Connection) -> dict[str, Party]:
    """Every event mention's narrow columns, with the claims made about it."""
    claims: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for event, claimant, kind, modality in regions.responsibility_claims(conn):
        claims[event].append((claimant, kind, modality))
    return {row[0]: Party.of(row, claims) for row in regions.event_mention_parties(conn)}


def _views(
    parties: Mapping[str, Party],
    members: dict[str, list[str]],
    event_of: dict[str, str],
    entity_of: Mapping[str, str],
    roots: Mapping[str, str],
    within: Within,
    loose: frozenset[str] | None,
    kept: Mapping[str, tuple[str, str]],
) -> Views:
    def settled(mention: str) -> bool:  # first merged into an event with a day, as stored
        return loose is not None and mention in event_of and mention not in loose

    return Views(KeyIndex(parties, entity_of, roots, within, settled), event_of, members, loose, kept)


def _background(
    conn: Connection,
    views: Views,
    found: _Region,
    change: Change,
    roots: Mapping[str, str],
    records: dict[str, EventMention],
    seeds: frozenset[str],
    asides: dict[str, list[Settled]],
) -> Background:
    """What the region's background join asks outside it, read-only (region_asides.py);
    `records` and `asides` keep what was read, for the next round of a region that grows."""

    def read(wanted: set[str]) -> dict[str, EventMention]:
        records.update(regions.event_mentions_of(conn, wanted - records.keys()))
        return {m: records[m] for m in wanted}

    published = partial(regions.published_of, conn)
    outside = Outside(
        views, found.mentions, found.dissolved, seeds, change.entity_of, roots, read, published, asides
    )
    return Background(outside=outside.dated, idle=outside.idle)


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


@dataclass
class _Region:
    """The mentions a region merges again, the stored events it dissolves, and those of
    its mentions only adopted: unchanged whole events first merged (an aside whose home
    may change, a dated event an aside joins), merged again but not widened along their
    clustering keys, since nothing they could cluster with changed."""

    mentions: set[str] = field(default_factory=set)
    dissolved: set[str] = field(default_factory=set)
    adopted: set[str] = field(default_factory=set)


def _closure(
    views: Views, seeds: Iterable[str], sides: Iterable[Sides], start: _Region, adopt: Iterable[str] = ()
) -> _Region | None:
    """The mentions linked to the seeds (and to these further keys) through their keys
    (event_keys.py) or a stored event, however far, with those adopted (`adopt`, and
    the asides whose witness is taken in), and the stored events they dissolve; None
    once they hold more than WHOLE of the mentions. A seed or a mention its clustering
    or denial keys reach is merged with all its keys; one adopted only takes in the
    rest of its stored event (adopted too) and the denials its news keys meet."""
    found = _Region(set(start.mentions), set(start.dissolved), set(start.adopted))
    limit = WHOLE * max(len(views.parties), 1)
    seen: set[tuple[str, Key]] = set()
    queue = [(m, True) for m in seeds if m in views.parties] + [
        (m, False) for m in adopt if m in views.parties
    ]
    for sides_before in sides:
        queue += [(m, True) for m in views.keys.linked(sides_before, seen)]
    while queue:
        mention, whole = queue.pop()
        party = views.parties[mention]
        whole = whole or party.denial  # a denial may come to dispute another event
        if mention in found.mentions and (not whole or mention not in found.adopted):
            continue
        if mention in found.adopted:
            found.adopted.discard(mention)  # reached by a key: merged with all its keys
        elif mention not in found.mentions:
            found.mentions.add(mention)
            if len(found.mentions) > limit:
                return None
            if not whole:
                found.adopted.add(mention)
        queue += _reached(views, mention, whole, found, seen)
    return found


def _reached(
    views: Views, mention: str, whole: bool, found: _Region, seen: set[tuple[str, Key]]
) -> list[tuple[str, bool]]:
    """What a mention taken in takes in: the rest of its stored event (as it was taken
    in), the asides it witnesses (adopted), and what its keys meet (with all their keys)."""
    reached: list[tuple[str, bool]] = []
    event = views.event_of.get(mention)
    if event is not None and event not in found.dissolved:
        found.dissolved.add(event)
        reached += [
            (m, whole) for m in views.members[event] if m in views.parties and m not in found.mentions
        ]
    reached += [(m, False) for m in views.witnessed.get(mention, ())]
    sides = views.keys.taken_in(mention) if whole else {"news": views.keys.keys[mention].get("news", [])}
    reached += [(m, True) for m in views.keys.linked(sides, seen)]
    return reached


def _merge(
    conn: Connection,
    views: Views,
    region: set[str],
    change: Change,
    roots: Mapping[str, str],
    within: Within,
    loose: set[str],
    background: Background,
    records: dict[str, EventMention],
) -> tuple[list[GraphEvent], list[Responsibility]]:
    """The region's events and claims, merged as a full run merges them, its asides
    asking the dated events outside it too (`_Outside`). Its mentions are read by id
    (`records` keeps them, and those its background join read, for the next round), not
    with every other mention of their stories."""
    stories = {views.parties[m].story for m in region}
    records.update(regions.event_mentions_of(conn, region - records.keys()))
    mentions = sorted((records[m] for m in region), key=lambda m: m.id)
    citing = Citing(change.entity_of, roots, regions.outlets_of(conn, stories))
    return graph_events(mentions, citing, within, loose, regions.published_of(conn, stories), background)
