"""Event ids come from what the event is (type, resolved participants, place, month),
never from the mention that happened to come first."""

from __future__ import annotations

from threadline.graph.events import merge_events
from threadline.records import DateValue, EventMention, Evidence

ENTITY = {
    f"m-{s}-{name}": name for s in ("s1", "s2", "s3", "s4") for name in ("front", "army", "menaka", "gao")
}


def told(story: str, names: tuple[str, ...], place: str, date: str | None, start: int = 0) -> EventMention:
    quote = f"{story}: the front attacked the army post at {start}"
    value = DateValue(date, "day" if date and len(date) == 10 else "month", None)
    return EventMention(
        story_id=story,
        type="attack",
        trigger="attacked",
        participants=tuple(f"m-{story}-{n}" for n in names),
        location=f"m-{story}-{place}",
        date=value if date else DateValue(None, "unknown", None),
        evidence=Evidence(story, start, start + len(quote), quote),
        extractor="events.trigger.attacked",
        version="test",
    )


def ids(mentions: list[EventMention]) -> dict[frozenset[str], str]:
    return {frozenset(e.mentions): e.id for e in merge_events(mentions, ENTITY, {})}


def test_the_id_does_not_depend_on_which_report_comes_first():
    a = told("s1", ("front", "army"), "menaka", "2024-05-13")
    b = told("s2", ("front", "army"), "menaka", "2024-05-13")
    assert ids([a, b]) == ids([b, a])
    [alone] = ids([b]).values()
    assert ids([a, b]) == {frozenset({a.id, b.id}): alone}  # a second report keeps the first's id


def test_an_unrelated_event_leaves_the_ids_of_the_others_alone():
    attack = [
        told("s1", ("front", "army"), "menaka", "2024-05-13"),
        told("s2", ("front", "army"), "menaka", None),
    ]
    before = ids(attack)
    after = ids([told("s3", ("army",), "gao", "2024-06-02"), *attack])
    assert len(after) == 2 and before.items() <= after.items()


def test_a_report_giving_the_day_of_a_known_month_keeps_the_id():
    month = told("s1", ("front", "army"), "menaka", "2024-05")
    [before] = ids([month]).values()
    [after] = ids([month, told("s2", ("front", "army"), "menaka", "2024-05-13")]).values()
    assert before == after


def test_another_month_or_participant_is_another_id():
    base = told("s1", ("front", "army"), "menaka", "2024-05-13")
    [first] = ids([base]).values()
    [later] = ids([told("s1", ("front", "army"), "menaka", "2024-06-13")]).values()
    [fewer] = ids([told("s1", ("front",), "menaka", "2024-05-13")]).values()
    assert len({first, later, fewer}) == 3


def test_two_events_alike_in_all_that_names_them_get_two_ids():
    """Two undated attacks on one post in two stories that share nobody to join them."""
    one, two = told("s1", (), "menaka", None), told("s2", (), "menaka", None)
    found = ids([one, two])
    assert len(found) == 2 and len(set(found.values())) == 2
    assert found == ids([two, one])
