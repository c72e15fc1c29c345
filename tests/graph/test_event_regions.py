"""Stories added by region (graph/events_region.py: the mentions linked by keys to the
new ones, an aside two unchanged dated events pass left out, the dated events outside
asked read-only) give the events merging everything gives. This is what lets a refresh
merge again only the region a change reaches; tests/scale/test_incremental.py checks
the whole refresh."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hypothesis import given, settings
from hypothesis import strategies as st

from threadline.graph import events_region, merge_events
from threadline.graph.event_keys import KeyIndex, Party
from threadline.graph.events import Background, Settled
from threadline.graph.region_asides import Outside, Views
from threadline.records import Claim, DateValue, Event, EventMention, Evidence

NAMES = ("hamas", "fatah", "iraq", "baghdad", "karrada", "basra", "base")
STORIES = ("s1", "s2", "s3", "s4", "s5")
ENTITY = {f"m-{s}-{n}": n for s in STORIES for n in NAMES}
WITHIN = {"karrada": frozenset({"baghdad", "iraq"}), "baghdad": frozenset({"iraq"})}
DATES = (
    DateValue(None, "unknown", None),
    DateValue(None, "unknown", "on Saturday"),
    DateValue("2024-03", "month", "in March"),
    DateValue("2024-03-09", "day", "on Saturday"),
    DateValue("2024-03-10", "day", "on Sunday"),
)
PUBLISHED = ("2024-03-09", "2024-03-20", "2024-09-30", "2024-03-01")


@st.composite
def mention(draw: st.DrawFn, start: int) -> EventMention:
    story = draw(st.sampled_from(STORIES))
    names = draw(st.lists(st.sampled_from(NAMES), max_size=2, unique=True))
    at = draw(st.none() | st.sampled_from(NAMES))
    kind = draw(st.sampled_from(("attack", "meeting")))
    base = told(story, start, kind, tuple(names), at, draw(st.sampled_from(DATES)))
    claims = ()
    if draw(st.booleans()) and len(names) > 0:
        claimant = f"m-{story}-{draw(st.sampled_from(NAMES))}"
        claims = (Claim(story, claimant, "e", "responsibility", base.evidence, "events.claims", "test"),)
    modality = draw(st.sampled_from(("asserted", "asserted", "asserted", "denied")))
    return replace(base, modality=modality, claims=claims)


@st.composite
def mentions(draw: st.DrawFn) -> list[EventMention]:
    count = draw(st.integers(1, 14))
    return [draw(mention(start=n * 100)) for n in range(count)]


def party(m: EventMention) -> Party:
    """The narrow columns of an event mention, as the store reads them (graph/events_region.py)."""
    row = (m.id, m.story_id, m.type, m.participants, m.location, m.date.value, m.date.precision, m.modality)
    claims = {m.id: [(c.claimant, c.kind, c.modality) for c in m.claims]}
    return Party.of((*row, m.date.expression), claims)


def contents(events: list[Event]) -> list[Event]:
    """The events without their ids (two regions each number their own)."""
    return sorted((replace(e, id="") for e in events), key=repr)


@dataclass
class Refreshed:
    events: list[Event]
    region: set[str]
    loose: set[str]
    witnesses: dict[str, tuple[str, str]]


def by_region(
    told: list[EventMention], new: set[str], published: dict[str, str], roots: dict[str, str] | None = None
) -> Refreshed:
    """The mentions of the stories not `new` merged and kept as a refresh keeps them
    (events, loose mentions, witnesses), then those of `new` added by region as
    graph/events_region.py adds them: the closure from the new mentions, the region
    merged with the dated events outside read-only, an outside home taken in."""
    roots = roots or {}
    loose: set[str] = set()
    kept = Background()
    stored = merge_events(
        [m for m in told if m.story_id not in new], ENTITY, roots, WITHIN, loose, published, kept
    )
    event_of = {m: e.id for e in stored for m in e.mentions}
    members = {e.id: list(e.mentions) for e in stored}
    settled = {m for m in event_of if m not in loose}
    keys = KeyIndex({m.id: party(m) for m in told}, ENTITY, roots, WITHIN, settled.__contains__)
    views = Views(keys, event_of, members, frozenset(loose), kept.witnesses)
    records = {m.id: m for m in told}
    whole, events_region.WHOLE = events_region.WHOLE, 2  # any region, however large
    try:
        seeds = frozenset(m.id for m in told if m.story_id in new)
        asides: dict[str, list[Settled]] = {}  # kept while the region grows, as the step keeps them
        found = events_region._closure(views, seeds, [], events_region._Region())
        while found is not None:
            region, dissolved = found.mentions, found.dissolved
            reads = (lambda ids: records, lambda stories: published)
            outside = Outside(views, region, dissolved, seeds, ENTITY, roots, *reads, asides)
            background = Background(outside=outside.dated, idle=outside.idle)
            region_loose: set[str] = set()
            inside = [m for m in told if m.id in region]
            made = merge_events(inside, ENTITY, roots, WITHIN, region_loose, published, background)
            taken = [m for key in background.homes_outside for m in members[event_of[key]]]
            taken += [m for e in background.stirred for m in members[e]]
            if not taken:
                events = [e for e in stored if e.id not in dissolved] + made
                witnesses = {
                    m: w for m, w in kept.witnesses.items() if m not in region
                } | background.witnesses
                return Refreshed(events, region, (loose - region) | region_loose, witnesses)
            found = events_region._closure(views, [], [], found, taken)
    finally:
        events_region.WHOLE = whole
    raise AssertionError("a region with WHOLE at 2 is never refused")


def merged_whole(
    told: list[EventMention], published: dict[str, str], roots: dict[str, str] | None = None
) -> Refreshed:
    loose: set[str] = set()
    background = Background()
    events = merge_events(told, ENTITY, roots or {}, WITHIN, loose, published, background)
    return Refreshed(events, {m.id for m in told}, loose, background.witnesses)


@settings(max_examples=300, deadline=None)
@given(mentions(), st.data())
def test_stories_added_by_region_give_what_merging_everything_gives(
    told: list[EventMention], data: st.DataObject
) -> None:
    new = set(data.draw(st.lists(st.sampled_from(STORIES), max_size=2)))
    # stories published shortly after the days told, long after, before, or not known
    published = data.draw(st.dictionaries(st.sampled_from(STORIES), st.sampled_from(PUBLISHED)))
    # a new story may be a copy of an old one: the events it joins then share the old one's root
    roots = data.draw(st.dictionaries(st.sampled_from(STORIES), st.sampled_from(STORIES), max_size=1))
    found, every = by_region(told, new, published, roots), merged_whole(told, published, roots)
    assert contents(found.events) == contents(every.events)
    assert found.loose == every.loose


def told(
    story: str, start: int, kind: str, names: tuple[str, ...], at: str | None, date: DateValue
) -> EventMention:
    quote = f"{story} {kind} at {start}"
    return EventMention(
        story_id=story,
        type=kind,
        trigger=kind,
        participants=tuple(f"m-{story}-{n}" for n in names),
        location=f"m-{story}-{at}" if at else None,
        date=date,
        evidence=Evidence(story, start, start + len(quote), quote),
        extractor=f"events.trigger.{kind}",
        version="test",
    )


NO_DATE, MARCH_9, MARCH_10, MARCH_11 = DATES[0], DATES[3], DATES[4], DateValue("2024-03-11", "day", None)
ASIDE = told("s3", 0, "attack", (), "baghdad", NO_DATE)  # "the attack in Baghdad"
TWO_ATTACKS = [
    told("s1", 0, "attack", ("hamas",), "baghdad", MARCH_9),
    told("s2", 0, "attack", ("fatah",), "baghdad", MARCH_10),
]


def test_an_aside_two_unchanged_events_pass_is_not_taken_in() -> None:
    third = told("s4", 0, "attack", ("base",), "baghdad", MARCH_11)
    mentions = [*TWO_ATTACKS, ASIDE, third]
    found, every = by_region(mentions, {"s4"}, {}), merged_whole(mentions, {})
    assert ASIDE.id not in found.region and TWO_ATTACKS[0].id not in found.region
    assert contents(found.events) == contents(every.events) and len(every.events) == 4
    assert found.witnesses[ASIDE.id] == every.witnesses[ASIDE.id] == (TWO_ATTACKS[0].id, TWO_ATTACKS[1].id)


def test_an_aside_whose_witness_is_merged_again_is_taken_in() -> None:
    again = told("s4", 0, "attack", ("hamas",), "baghdad", MARCH_9)  # joins the first attack
    mentions = [*TWO_ATTACKS, ASIDE, again]
    found, every = by_region(mentions, {"s4"}, {}), merged_whole(mentions, {})
    assert ASIDE.id in found.region and TWO_ATTACKS[1].id not in found.region
    assert contents(found.events) == contents(every.events) and len(every.events) == 3


def test_an_aside_left_with_one_witness_finds_its_home() -> None:
    # a copy of the aside's story tells the first attack: the aside's own story cannot be its background
    again = told("s4", 0, "attack", ("hamas",), "baghdad", MARCH_9)
    mentions = [*TWO_ATTACKS, ASIDE, again]
    found, every = by_region(mentions, {"s4"}, {}, {"s4": "s3"}), merged_whole(mentions, {}, {"s4": "s3"})
    assert contents(found.events) == contents(every.events)
    home = next(e for e in every.events if ASIDE.id in e.mentions)
    assert TWO_ATTACKS[1].id in home.mentions  # the second attack, now the one that passes


def test_a_new_dated_event_becomes_an_asides_home() -> None:
    news = told("s4", 0, "attack", ("fatah",), "baghdad", MARCH_10)
    mentions = [ASIDE, news]
    found, every = by_region(mentions, {"s4"}, {}), merged_whole(mentions, {})
    assert ASIDE.id in found.region
    assert contents(found.events) == contents(every.events)
    assert [sorted(e.mentions) for e in every.events] == [sorted([ASIDE.id, news.id])]


def test_an_asides_one_home_outside_the_region_is_taken_in() -> None:
    mentions = [TWO_ATTACKS[0], told("s4", 0, "attack", (), "karrada", NO_DATE)]  # "the attack in Karrada"
    found, every = by_region(mentions, {"s4"}, {}), merged_whole(mentions, {})
    assert TWO_ATTACKS[0].id in found.region  # asked read-only, then its home: merged again
    assert contents(found.events) == contents(every.events) and len(every.events) == 1


def test_a_new_aside_two_outside_events_pass_leaves_them_as_stored() -> None:
    aside = told("s4", 0, "attack", (), "baghdad", NO_DATE)
    mentions = [*TWO_ATTACKS, aside]
    found, every = by_region(mentions, {"s4"}, {}), merged_whole(mentions, {})
    assert found.region == {aside.id}
    assert contents(found.events) == contents(every.events) and len(every.events) == 3
    assert set(found.witnesses[aside.id]) == {TWO_ATTACKS[0].id, TWO_ATTACKS[1].id}


def test_an_aside_no_event_passed_is_asked_and_left_where_none_passes_it() -> None:
    news = told("s4", 0, "attack", ("fatah",), "baghdad", MARCH_10)
    late = {"s3": "2024-09-30"}  # the aside's story came months after: March is not recent for it
    mentions = [ASIDE, news]
    found, every = by_region(mentions, {"s4"}, late), merged_whole(mentions, late)
    assert ASIDE.id not in found.region
    assert contents(found.events) == contents(every.events) and len(every.events) == 2
