"""merge_events: one Event per real-world event, evidence from every story behind it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from threadline.graph.events import expression_agrees, merge_events, values_agree
from threadline.records import DateValue, Event, EventMention, Evidence

NO_DATE = DateValue(None, "unknown", None)


def mention(
    story: str,
    start: int,
    participants: tuple[str, ...],
    location: str | None = None,
    date: DateValue = NO_DATE,
    type_: str = "attack",
    trigger: str = "attacked",
    modality: str = "asserted",
    quote: str | None = None,
) -> EventMention:
    quote = quote or f"{story} sentence at {start}"
    return EventMention(
        story_id=story,
        type=type_,
        trigger=trigger,
        participants=participants,
        location=location,
        date=date,
        evidence=Evidence(story, start, start + len(quote), quote),
        extractor=f"events.trigger.{trigger}",
        version="test",
        modality=modality,  # type: ignore[arg-type]
    )


def day(value: str, expression: str = "on Sunday") -> DateValue:
    return DateValue(value, "day", expression)


# mention id -> entity id: the same entity named in several stories
ENTITY = {
    f"m-{s}-{name}": name for s in ("s1", "s2", "s3") for name in ("hamas", "israel", "us", "iraq", "gaza")
}


def m(story: str, *names: str) -> tuple[str, ...]:
    return tuple(f"m-{story}-{n}" for n in names)


def merged(mentions, roots=None) -> list[Event]:
    return merge_events(mentions, ENTITY, roots or {})


def test_one_event_reported_by_two_stories():
    a = mention("s1", 0, m("s1", "hamas", "israel"), date=day("2023-10-07", "on October 7"))
    b = mention("s2", 40, m("s2", "hamas"), date=day("2023-10-07", "on October 7"))
    [event] = merged([a, b])
    assert event.participants == ("hamas", "israel")
    assert {e.story_id for e in event.evidence} == {"s1", "s2"}
    assert sorted(event.mentions) == sorted([a.id, b.id])
    assert event.date.value == "2023-10-07"


def test_different_dates_are_different_events():
    a = mention("s1", 0, m("s1", "hamas", "israel"), date=day("2023-10-07"))
    b = mention("s2", 0, m("s2", "hamas", "israel"), date=day("2023-10-09"))
    assert len(merged([a, b])) == 2


def test_different_types_are_different_events():
    a = mention("s1", 0, m("s1", "hamas", "israel"), date=day("2023-10-07"))
    b = mention("s2", 0, m("s2", "hamas", "israel"), date=day("2023-10-07"), type_="meeting", trigger="met")
    assert len(merged([a, b])) == 2


def test_across_stories_one_shared_name_alone_is_not_enough():
    a = mention("s1", 0, m("s1", "us", "iraq"))
    b = mention("s2", 0, m("s2", "us", "gaza"))
    assert len(merged([a, b])) == 2


def test_across_stories_one_name_and_the_same_place_is_enough():
    a = mention("s1", 0, m("s1", "us"), location="m-s1-iraq")
    b = mention("s2", 0, m("s2", "us"), location="m-s2-iraq")
    [event] = merged([a, b])
    assert event.location == "iraq"
    assert event.participants == ("us",)


def test_an_unresolved_weekday_that_fits_joins_the_dated_event():
    dated = mention("s1", 0, m("s1", "hamas"), date=day("2024-03-12", "on Tuesday"))
    undated = mention("s2", 0, m("s2", "hamas"), date=DateValue(None, "unknown", "on Tuesday"))
    [event] = merged([dated, undated])
    assert event.date.value == "2024-03-12"
    wrong_day = mention("s3", 0, m("s3", "hamas"), date=DateValue(None, "unknown", "on Friday"))
    assert len(merged([dated, wrong_day])) == 2


def test_a_month_contains_its_days_and_a_range_its_week():
    month = DateValue("2024-02", "month", "in February")
    assert values_agree(month, day("2024-02-11"))
    assert not values_agree(month, day("2024-03-01"))
    week = DateValue("2024-03-04", "range", "last week")
    assert values_agree(week, day("2024-03-08")) and not values_agree(week, day("2024-03-12"))
    assert expression_agrees("on October 7", "2023-10-07") is True
    assert expression_agrees("on October 8", "2023-10-07") is False
    assert expression_agrees("recently", "2023-10-07") is None


def test_within_a_story_a_retelling_joins():
    caption = mention("s1", 0, m("s1", "hamas"), trigger="meets", type_="meeting", location="m-s1-iraq")
    body = mention("s1", 90, m("s1", "hamas"), trigger="meets", type_="meeting", date=day("2024-03-10"))
    [event] = merged([caption, body])
    assert event.location == "iraq" and event.date.value == "2024-03-10"


def test_a_copy_of_a_story_joins_its_original():
    original = mention("s1", 0, m("s1", "hamas"), quote="Hamas fighters attacked.")
    copy = mention("s2", 0, m("s2", "hamas"), quote="Hamas fighters attacked.")
    [event] = merged([original, copy], roots={"s2": "s1", "s1": "s1"})
    assert len(event.evidence) == 2


def test_event_takes_the_firmest_modality_and_stable_ids():
    a = mention("s1", 0, m("s1", "hamas", "israel"), date=day("2023-10-07"), modality="claimed")
    b = mention("s2", 0, m("s2", "hamas", "israel"), date=day("2023-10-07"), modality="asserted")
    first, again = merged([a, b]), merged([b, a])
    assert first[0].modality == "asserted"
    assert [e.id for e in first] == [e.id for e in again]
    assert first[0].id.startswith("v-")


def test_unresolved_mentions_are_left_out_of_participants():
    a = mention("s1", 0, ("m-unknown", *m("s1", "hamas")))
    [event] = merged([a])
    assert event.participants == ("hamas",)


@given(st.permutations(list(range(5))))
def test_merging_does_not_depend_on_input_order(order):
    mentions = [
        mention("s1", 0, m("s1", "hamas", "israel"), date=day("2023-10-07")),
        mention("s2", 10, m("s2", "hamas", "israel"), date=day("2023-10-07")),
        mention("s3", 20, m("s3", "us"), location="m-s3-iraq"),
        mention("s2", 50, m("s2", "us"), location="m-s2-iraq"),
        mention("s1", 80, m("s1", "gaza"), type_="meeting", trigger="met"),
    ]
    baseline = sorted((e.id, e.mentions) for e in merged(mentions))
    shuffled = sorted((e.id, e.mentions) for e in merged([mentions[i] for i in order]))
    assert shuffled == baseline
    assert len(baseline) == 3


def headline(
    story: str, participants: tuple[str, ...], zone: str = "headline", start: int = 0
) -> EventMention:
    made = mention(story, start, participants, trigger="kill", quote=f"{story} {zone}")
    return replace(made, evidence=replace(made.evidence, zone=zone))  # type: ignore[arg-type]


def test_a_headline_joins_the_first_body_telling_of_its_type():
    top = headline("s1", m("s1", "iraq"))
    body = mention("s1", 40, m("s1", "hamas"), location="m-s1-gaza", date=day("2023-10-07"))
    later = mention("s1", 90, m("s1", "israel"), location="m-s1-us", date=day("2023-10-09"))
    events = merged([top, body, later])
    assert len(events) == 2
    first = next(e for e in events if e.date.value == "2023-10-07")
    assert set(first.mentions) == {top.id, body.id}
    assert first.location == "gaza"


def test_a_caption_joins_the_body_event_told_before_it():
    body = mention("s1", 0, m("s1", "hamas"), location="m-s1-gaza", date=day("2023-10-07"))
    caption = headline("s1", m("s1", "iraq"), zone="caption", start=80)
    [event] = merged([body, caption])
    assert set(event.mentions) == {body.id, caption.id}


def test_a_headline_joins_nothing_in_another_story():
    top = headline("s1", m("s1", "iraq"))
    body = mention("s2", 40, m("s2", "hamas"), location="m-s2-gaza", date=day("2023-10-07"))
    assert len(merged([top, body])) == 2
