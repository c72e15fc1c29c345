"""The mentions linked by keys (graph/event_keys.py) to any set of mentions decide their
events alone: merging them apart from the rest gives the events merging everything
gives. This is what lets a refresh merge again only the region a change reaches
(graph/events_region.py); tests/scale/test_incremental.py checks the whole refresh."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from threadline.graph import events_region, merge_events
from threadline.graph.event_keys import KeyIndex, Party
from threadline.records import NOT_A_FACT, Claim, DateValue, Event, EventMention, Evidence

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
    quote = f"{story} {kind} at {start}"
    evidence = Evidence(story, start, start + len(quote), quote)
    claims = ()
    if draw(st.booleans()) and len(names) > 0:
        claimant = f"m-{story}-{draw(st.sampled_from(NAMES))}"
        claims = (Claim(story, claimant, "e", "responsibility", evidence, "events.claims", "test"),)
    return EventMention(
        story_id=story,
        type=kind,
        trigger=kind,
        participants=tuple(f"m-{story}-{n}" for n in names),
        location=f"m-{story}-{at}" if at else None,
        date=draw(st.sampled_from(DATES)),
        evidence=evidence,
        extractor=f"events.trigger.{kind}",
        version="test",
        modality=draw(st.sampled_from(("asserted", "asserted", "asserted", "denied"))),
        claims=claims,
    )


@st.composite
def mentions(draw: st.DrawFn) -> list[EventMention]:
    count = draw(st.integers(1, 14))
    return [draw(mention(start=n * 100)) for n in range(count)]


def party(m: EventMention) -> Party:
    claimants = tuple(c.claimant for c in m.claims)
    day = bool(m.date.value) and m.date.precision == "day"
    return Party(
        m.id, m.story_id, m.type, m.participants, m.location, claimants, day, m.modality in NOT_A_FACT
    )


def contents(events: list[Event]) -> list[Event]:
    """The events without their ids (two regions each number their own)."""
    return sorted((replace(e, id="") for e in events), key=repr)


@settings(max_examples=300, deadline=None)
@given(mentions(), st.data())
def test_a_region_merged_apart_gives_what_merging_everything_gives(
    told: list[EventMention], data: st.DataObject
) -> None:
    seeds = data.draw(st.lists(st.sampled_from([m.id for m in told]), max_size=3))
    # stories published shortly after the days told, long after, before, or not known
    published = data.draw(st.dictionaries(st.sampled_from(STORIES), st.sampled_from(PUBLISHED)))
    loose: set[str] = set()
    every = merge_events(told, ENTITY, {}, WITHIN, loose, published)
    # as after a refresh that kept which mentions it first merged with no day, or not
    kept = data.draw(st.booleans())
    settled = {m.id for m in told if m.id not in loose and m.modality not in NOT_A_FACT} if kept else set()
    keys = KeyIndex({m.id: party(m) for m in told}, ENTITY, {}, WITHIN, settled.__contains__)
    views = events_region._Views(keys, {}, {})
    whole, events_region.WHOLE = events_region.WHOLE, 2  # any region, however large
    try:
        found = events_region._closure(views, seeds, [], set(), set())
    finally:
        events_region.WHOLE = whole
    assert found is not None
    region = found[0]
    inside = merge_events([m for m in told if m.id in region], ENTITY, {}, WITHIN, published=published)
    outside = merge_events([m for m in told if m.id not in region], ENTITY, {}, WITHIN, published=published)
    assert contents(inside + outside) == contents(every)
