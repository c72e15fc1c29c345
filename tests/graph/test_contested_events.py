"""Contradicting reports are kept side by side: an event one story asserts and another
denies is one contested event; an event only denied is never an asserted one."""

from __future__ import annotations

from threadline.graph.events import merge_events
from threadline.records import DateValue, EventMention, Evidence

TUESDAY = DateValue("2024-03-12", "day", "on Tuesday")
ENTITY = {
    f"m-{s}-{n}": n for s in ("s1", "s2", "s3") for n in ("israel", "hezbollah", "tyre", "sidon", "army")
}


def told(
    story: str,
    participants: tuple[str, ...],
    location: str | None = None,
    date: DateValue = TUESDAY,
    modality: str = "asserted",
    roles: tuple[tuple[str, str], ...] = (),
) -> EventMention:
    quote = f"{story}: a strike was reported ({modality})"
    return EventMention(
        story_id=story,
        type="attack",
        trigger="strike",
        participants=tuple(f"m-{story}-{p}" for p in participants),
        location=f"m-{story}-{location}" if location else None,
        date=date,
        evidence=Evidence(story, 0, len(quote), quote),
        extractor="events.trigger.strike",
        version="test",
        modality=modality,  # type: ignore[arg-type]
        roles=tuple((f"m-{story}-{p}", r) for p, r in roles),
    )


def test_a_strike_one_story_asserts_and_another_denies_is_one_contested_event():
    strike = told(
        "s1", ("israel", "hezbollah"), "tyre", roles=(("israel", "attacker"), ("hezbollah", "target"))
    )
    denial = told("s2", ("hezbollah",), "tyre", modality="negated")
    [event] = merge_events([denial, strike], ENTITY, {})
    assert event.contested
    assert event.modality == "asserted"
    assert event.disputed_by == (denial.id,)
    assert set(event.mentions) == {strike.id, denial.id}
    assert set(event.evidence) == {strike.evidence, denial.evidence}
    assert dict(event.roles) == {"israel": "attacker", "hezbollah": "target"}
    assert event.id == merge_events([strike], ENTITY, {})[0].id  # the asserted report names it


def test_the_same_place_is_enough_for_a_denial_to_dispute():
    strike = told("s1", ("israel",), "tyre")
    denial = told("s2", (), "tyre", modality="denied")
    [event] = merge_events([strike, denial], ENTITY, {})
    assert event.disputed_by == (denial.id,)


def test_a_denial_of_another_place_or_day_disputes_nothing():
    strike = told("s1", ("israel", "hezbollah"), "tyre")
    elsewhere = told("s2", ("hezbollah",), "sidon", modality="negated")
    other_day = told("s3", ("hezbollah",), "tyre", DateValue("2024-03-01", "day", "on March 1"), "negated")
    events = merge_events([strike, elsewhere, other_day], ENTITY, {})
    asserted = [e for e in events if e.modality == "asserted"]
    assert len(asserted) == 1 and not asserted[0].contested
    assert sorted(e.modality for e in events) == ["asserted", "negated", "negated"]


def test_a_lone_denial_stays_a_denied_event():
    [event] = merge_events([told("s2", ("army",), "tyre", modality="denied")], ENTITY, {})
    assert event.modality == "denied"
    assert not event.contested


def test_denials_never_pull_asserted_reports_together():
    """Two asserted reports that do not merge stay two events, whatever a denial shares with both."""
    first = told("s1", ("israel",), "tyre")
    second = told("s2", ("hezbollah",), "sidon")
    denial = told("s3", ("israel", "hezbollah"), modality="negated")
    events = merge_events([first, second, denial], ENTITY, {})
    assert len([e for e in events if e.modality == "asserted"]) == 2
    assert sum(e.contested for e in events) == 1


def test_roles_take_the_most_given_and_a_named_role_before_participant():
    a = told(
        "s1", ("israel", "hezbollah"), "tyre", roles=(("israel", "attacker"), ("hezbollah", "participant"))
    )
    b = told("s2", ("israel", "hezbollah"), "tyre", roles=(("israel", "attacker"), ("hezbollah", "target")))
    c = told("s3", ("israel",), "tyre")  # stored before roles: a plain participant
    [event] = merge_events([a, b, c], ENTITY, {})
    assert dict(event.roles) == {"israel": "attacker", "hezbollah": "target"}
