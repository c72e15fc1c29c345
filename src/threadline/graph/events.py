"""Event mentions of many stories merged into events.

Mentions are taken in a fixed order (story root, story, offset) and each joins the
first event it is compatible with, else starts one. Compatible means: the same type;
dates that do not contradict (equal at the coarser precision, a range holding a day,
and an unresolved expression such as "on Tuesday" or "on October 7" agreeing with a
known date); and enough shared entities:

  * two shared participants, or one and the same place, or one and a date both give
    (an unresolved expression that agrees counts);
  * within one story (or its re-published copies) also one shared participant when
    neither side is dated, or with the same trigger word when one side is; or a
    telling that names no participant -- a story telling its event twice ("meets X" in
    the caption, "met X late on Sunday" in the text, "the attack" condemned later on);
    or a summary: the headline, standfirst or a photo caption tells the story's event
    of its type ("Militants kill 17 soldiers in raid on Niger army post" over the wire
    copy's lede), joining the first body telling of that type.

A re-published copy's mention of the same sentence always joins its original's event.
The event keeps every mention's evidence; its date is the best-supported dated
mention's, its place the most named; its modality the firmest any mention gives; each
participant's role the one its mentions give most.

Mentions that deny or negate an event ("no strike took place") are merged after the
others: one joins an event that others assert when it has the same type, no
contradicting date, and the same place or a shared participant with no other place.
The event then keeps both sides, flagged as contested (`Event.disputed_by`). A denial
that matches nothing asserted stays an event of its own, with its denied modality:
never a positive fact.

An event one story tells only in passing ("the attack on the base earlier this month")
joins the one event of its type another story dates, when it names nothing that event
lacks; told with no date, the one of those recent for the telling story (background.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from threadline.graph.background import Within, dated_to_the_day
from threadline.graph.event_dates import MONTHS_SHORT, date_support
from threadline.graph.event_dates import expression_agrees as expression_agrees
from threadline.graph.event_dates import values_agree as values_agree
from threadline.graph.ids import stable_ids
from threadline.graph.passing import DAYS as DAYS
from threadline.graph.passing import Asked as Asked
from threadline.graph.passing import Background, Settled, join_background
from threadline.graph.passing import dates_agree as dates_agree
from threadline.records import FIRMNESS, NOT_A_FACT, DateValue, Event, EventMention
from threadline.vocabulary import WEEKDAYS

SUMMARY_ZONES = frozenset({"headline", "standfirst", "caption"})
PARTICIPANT = "participant"  # the role of a participant no mention gives another role


@dataclass(frozen=True, slots=True)
class View:
    """An event mention as entities: what merging compares."""

    mention: EventMention
    root: str
    participants: frozenset[str]
    location: str | None
    roles: tuple[tuple[str, str], ...] = ()  # (Entity.id, role)
    claimants: frozenset[str] = frozenset()  # entities that claim responsibility for it
    id: str = ""  # the mention's id, hashed once (`_view`)


@dataclass
class Cluster:
    """An event being merged: its members, and what merging asks of them gathered as
    they join (`add`, `absorb`), so that asking costs the same for an event told by
    one story as for one told by hundreds. `dates` holds each distinct resolved date,
    `expressions` each distinct unresolved one (of members with no value): what
    `date_fit` compares."""

    type: str
    members: list[View] = field(default_factory=list)
    dissent: list[View] = field(default_factory=list)  # mentions saying it did not happen
    participants: set[str] = field(init=False, default_factory=set)
    claimants: set[str] = field(init=False, default_factory=set)
    locations: set[str] = field(init=False, default_factory=set)
    roots: set[str] = field(init=False, default_factory=set)
    copies: set[tuple[str, str, str]] = field(init=False, default_factory=set)  # (root, quote, trigger)
    dates: list[DateValue] = field(init=False, default_factory=list)  # each resolved date once, in order
    expressions: list[str] = field(init=False, default_factory=list)  # each of members with no value once

    def __post_init__(self) -> None:
        members, self.members = self.members, []
        for view in members:
            self.add(view)

    def add(self, view: View) -> None:
        self.members.append(view)
        self.participants |= view.participants
        self.claimants |= view.claimants
        if view.location:
            self.locations.add(view.location)
        self.roots.add(view.root)
        mention = view.mention
        self.copies.add((view.root, mention.evidence.quote, mention.trigger))
        date = mention.date
        if date.value:
            if date not in self.dates:
                self.dates.append(date)
        elif date.expression and date.expression not in self.expressions:
            self.expressions.append(date.expression)

    def absorb(self, other: Cluster) -> None:
        for view in other.members:
            self.add(view)


def date_fit(view: View, cluster: Cluster | Settled) -> int | None:
    """None when the dates contradict; 1 when a date both sides give agrees; else 0.
    Each distinct date is asked once: the answer does not depend on how often one is told."""
    return date_support(view.mention.date, cluster.dates, cluster.expressions)


def _is_copy(view: View, cluster: Cluster) -> bool:
    return (view.root, view.mention.evidence.quote, view.mention.trigger) in cluster.copies


def accepts(cluster: Cluster, view: View) -> bool:
    """Whether the mention reports the cluster's event."""
    if cluster.type != view.mention.type:
        return False
    if _is_copy(view, cluster):
        return True
    date = view.mention.date  # a mention with no date at all fits any: 0 (date_fit), not asked
    fit = date_fit(view, cluster) if date.value or date.expression else 0
    if fit is None:
        return False
    shared = len(view.participants & cluster.participants)
    same_place = view.location is not None and view.location in cluster.locations
    if view.root in cluster.roots and (_retold(view, cluster, same_place) or _summarised(view, cluster)):
        return True
    return shared >= 2 or (shared >= 1 and (same_place or fit == 1))


def disputes(cluster: Cluster, view: View) -> bool:
    """Whether a mention that denies or negates an event speaks of the cluster's event:
    the same type, no contradicting date, and the same place, or a shared participant
    where it names no other place."""
    if cluster.type != view.mention.type or date_fit(view, cluster) is None:
        return False
    if view.location is not None and view.location in cluster.locations:
        return True
    elsewhere = view.location is not None and bool(cluster.locations)
    return bool(view.participants & cluster.participants) and not elsewhere


def _lemma(mention: EventMention) -> str:
    return mention.extractor.rsplit(".", 1)[-1]


def _checkable(date: DateValue) -> bool:
    """A date that can tell two events apart: a value, or a weekday or month in its words."""
    if date.value:
        return True
    words = re.findall(r"[a-z]+", (date.expression or "").lower())
    return any(w in WEEKDAYS or (len(w) >= 3 and w[:3] in MONTHS_SHORT) for w in words)


def _undated(cluster: Cluster) -> bool:
    return not any(_checkable(m.mention.date) for m in cluster.members)


def _retold(view: View, cluster: Cluster, same_place: bool) -> bool:
    """Within one story: a shared participant with no date on either side; the same
    word for the event with a shared participant, at most one side dated ("meets X" in
    a caption, "met X late on Sunday" in the text); or a telling that names no
    participant at all, in the same place or none ("the attack" condemned later)."""
    if not view.participants:
        return same_place or view.location is None or not cluster.locations
    if not view.participants & cluster.participants:
        return False
    date = view.mention.date
    if not _checkable(date) and _undated(cluster):
        return True
    one_dated = not (date.value and cluster.dates)
    return one_dated and any(_lemma(m.mention) == _lemma(view.mention) for m in cluster.members)


def _summary(view: View) -> bool:
    return view.mention.evidence.zone in SUMMARY_ZONES


def _summarised(view: View, cluster: Cluster) -> bool:
    """A summary joins the story's first event of its type; an event told only in
    summaries so far takes the story's first body telling of its type."""
    return _summary(view) or all(_summary(m) for m in cluster.members)


def _best_date(cluster: Cluster) -> DateValue:
    dated = [m.mention.date for m in cluster.members if m.mention.date.value]
    if not dated:
        with_expression = [m.mention.date for m in cluster.members if m.mention.date.expression]
        return with_expression[0] if with_expression else DateValue(None, "unknown", None)
    precise = [d for d in dated if d.precision == "day"] or dated
    counts = Counter(d.value for d in precise)
    top = max(counts.values())
    return next(d for d in precise if counts[d.value] == top)


def _location(cluster: Cluster) -> str | None:
    counts = Counter(m.location for m in cluster.members if m.location)
    if not counts:
        return None
    top = max(counts.values())
    return next(m.location for m in cluster.members if m.location and counts[m.location] == top)


def _roles(views: Sequence[View], participants: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Each participant's role: the one its mentions give most, a named role before
    "participant", the first told on a tie."""
    votes: dict[str, Counter[str]] = {}
    for view in views:
        for entity, role in view.roles:
            votes.setdefault(entity, Counter())[role] += 1
    chosen = []
    for entity in participants:
        counts = votes.get(entity) or Counter({PARTICIPANT: 1})
        chosen.append((entity, max(counts, key=lambda r: (counts[r], r != PARTICIPANT))))
    return tuple(chosen)


def to_event(cluster: Cluster) -> Event:
    mentions = [m.mention for m in cluster.members]
    dissent = [m.mention for m in cluster.dissent]
    evidence = tuple(dict.fromkeys(m.evidence for m in mentions + dissent))
    location = _location(cluster)
    named = cluster.participants.union(*(v.participants for v in cluster.dissent))
    participants = sorted(named - ({location} if location else set()))
    modality = min((m.modality for m in mentions), key=FIRMNESS.index)
    return Event(
        id="",  # given by ids.stable_ids once every event is merged
        type=cluster.type,
        date=_best_date(cluster),
        location=location,
        participants=tuple(participants),
        evidence=evidence,
        mentions=tuple(sorted(v.id or v.mention.id for v in cluster.members + cluster.dissent)),
        modality=modality,
        roles=_roles(cluster.members + cluster.dissent, participants),
        disputed_by=tuple(sorted(v.id or v.mention.id for v in cluster.dissent)),
    )


def _view(mention: EventMention, entity_of: Mapping[str, str], root_of: Mapping[str, str]) -> View:
    participants = frozenset(entity_of[p] for p in mention.participants if p in entity_of)
    location = entity_of.get(mention.location) if mention.location else None
    roles = tuple((entity_of[m], role) for m, role in mention.roles if m in entity_of)
    claimants = frozenset(
        entity_of[c.claimant]
        for c in mention.claims
        if c.kind == "responsibility" and c.modality not in NOT_A_FACT and c.claimant in entity_of
    )
    root = root_of.get(mention.story_id, mention.story_id)
    return View(mention, root, participants, location, roles, claimants, mention.id)


def told_in_passing(
    mentions: Sequence[EventMention],
    entity_of: Mapping[str, str],
    root_of: Mapping[str, str],
    published: Mapping[str, str],
) -> list[Settled]:
    """The events told in passing a stored event holds (its mentions first merged with no
    day, no denial), merged again as they first were: taken alone in merging's order,
    each mention joins the same event, since the events before it are the same."""
    views = sorted((_view(m, entity_of, root_of) for m in mentions), key=_order)
    return [Settled.of(c, published) for c in _clusters(views)]


def _order(view: View) -> tuple[str, str, int, str]:
    return (view.root, view.mention.story_id, view.mention.evidence.start, view.id)


def _clusters(views: Sequence[View]) -> list[Cluster]:
    """Each mention joins the first event it reports, else starts one. Only events of
    its type that hold its story's root or one of its participants can take it
    (`accepts` asks for one or the other), so those are the only ones asked, in the
    order they began: the same first event as asking them all, without asking every
    event for every mention."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, str, str], list[int]] = {}
    for view in views:
        candidates = sorted({n for key in _keys(view) for n in by_key.get(key, ())})
        home = next((n for n in candidates if accepts(clusters[n], view)), None)
        if home is None:
            home = len(clusters)
            clusters.append(Cluster(view.mention.type))
        clusters[home].add(view)
        for key in _keys(view):
            found = by_key.setdefault(key, [])
            if not found or found[-1] != home:
                found.append(home)
    return clusters


def _keys(view: View) -> list[tuple[str, str, str]]:
    """What an event must share with a mention to take it: its type, and its story's
    root or a participant."""
    kind = view.mention.type
    return [(kind, "root", view.root), *((kind, "entity", p) for p in sorted(view.participants))]


def _disputed(clusters: Sequence[Cluster], denials: Sequence[View]) -> list[View]:
    """Each denial joins the first event it speaks of (`disputes`: one of its type
    with its place or a participant); those that join none are returned, in order."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for n, cluster in enumerate(clusters):
        for entity in cluster.participants | cluster.locations:
            by_key.setdefault((cluster.type, entity), []).append(n)
    alone = []
    for view in denials:
        named = view.participants | ({view.location} if view.location else set())
        candidates = sorted({n for e in named for n in by_key.get((view.mention.type, e), ())})
        home = next((n for n in candidates if disputes(clusters[n], view)), None)
        if home is not None:
            clusters[home].dissent.append(view)
        else:
            alone.append(view)
    return alone


def merge_events(
    events: Sequence[EventMention],
    entity_of: Mapping[str, str],
    root_of: Mapping[str, str],
    within: Within | None = None,
    loose: set[str] | None = None,
    published: Mapping[str, str] | None = None,
    background: Background | None = None,
) -> list[Event]:
    """One Event per real-world event, with the evidence of every story that reports it.

    entity_of maps Mention.id to Entity.id; root_of maps a story id to the id of its
    earliest copy; within maps a place's Entity.id to those of the places it lies in
    (`containment`). Events some mention asserts come first, then those only denied,
    each ordered as the mentions are; ids come from content (ids.py). `loose`, where
    given, receives the ids of the mentions first merged into an event with no day,
    the ones that may be told in passing (kept for the next refresh: event_keys.py);
    `published` maps a story id to its publication day, for events told in passing
    with no date of their own (background.py); `background`, where given, what the join
    deals with beyond these mentions (`Background`)."""
    views = sorted((_view(m, entity_of, root_of) for m in events), key=_order)
    clusters = _clusters([v for v in views if v.mention.modality not in NOT_A_FACT])
    if loose is not None:
        loose.update(m.id for c in clusters if not dated_to_the_day(c) for m in c.members)
    clusters = join_background(clusters, within or {}, published or {}, background or Background())
    alone = _disputed(clusters, [v for v in views if v.mention.modality in NOT_A_FACT])
    return stable_ids([to_event(c) for c in clusters + _clusters(alone)])
