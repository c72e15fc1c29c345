"""An event one story tells in passing joins the event another story dates (and no
other); where places lie comes from the located_in facts the stories state."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from hypothesis import given
from hypothesis import strategies as st

from threadline.graph import background, containment, event_dates, events, merge_events
from threadline.records import Assertion, Claim, DateValue, Event, EventMention, Evidence

NO_DATE = DateValue(None, "unknown", None)
MONTH = DateValue("2024-03", "month", "earlier this month")
NAMES = ("hamas", "fatah", "us", "iraq", "baghdad", "karrada", "basra", "anbar", "base")
# mention id "m-<story>-<name>" -> entity id "<name>"
ENTITY = {f"m-{s}-{n}": n for s in ("s1", "s2", "s3", "s4") for n in NAMES}
WITHIN = {
    "karrada": frozenset({"baghdad", "iraq"}),
    "baghdad": frozenset({"iraq"}),
    "base": frozenset({"anbar"}),
}


def told(
    story: str,
    *names: str,
    at: str | None = None,
    date: DateValue = NO_DATE,
    type_: str = "meeting",
    start: int = 0,
) -> EventMention:
    quote = f"{story} {type_} at {start}"
    return EventMention(
        story_id=story,
        type=type_,
        trigger=type_,
        participants=tuple(f"m-{story}-{n}" for n in names),
        location=f"m-{story}-{at}" if at else None,
        date=date,
        evidence=Evidence(story, start, start + len(quote), quote),
        extractor=f"events.trigger.{type_}",
        version="test",
    )


def day(value: str) -> DateValue:
    return DateValue(value, "day", "on Saturday")


def merged(mentions: list[EventMention], within=WITHIN, published=None) -> list[Event]:
    return merge_events(mentions, ENTITY, {}, within, published=published)


def test_a_meeting_told_in_passing_joins_the_meeting_another_story_dates():
    news = told("s1", "hamas", at="baghdad", date=day("2024-03-09"))
    aside = told("s2", at="baghdad", date=DateValue("2024-03", "month", "in March"))
    [event] = merged([news, aside])
    assert event.date.value == "2024-03-09" and set(event.mentions) == {news.id, aside.id}


def test_an_undated_aside_that_shares_a_participant_joins():
    news = told("s1", "us", "hamas", date=day("2024-03-13"), type_="sanction")
    aside = told("s2", "us", type_="sanction")
    assert len(merged([news, aside])) == 1


def test_a_place_inside_the_news_place_joins_but_not_another_place():
    news = told("s1", "hamas", at="baghdad", date=day("2024-03-09"))
    closer = told("s2", at="karrada", date=MONTH)
    assert len(merged([news, closer])) == 1
    elsewhere = told("s2", at="basra", date=MONTH)
    assert len(merged([news, elsewhere])) == 2
    assert len(merged([news, closer], within={})) == 2


def test_the_place_an_attack_was_done_to_counts_as_its_place():
    news = told("s1", at="base", date=day("2024-03-11"), type_="attack")
    aside = told("s2", "base", at="base", date=MONTH, type_="attack")
    assert len(merged([news, aside])) == 1


def test_a_claimant_of_the_news_event_is_no_new_party():
    news = told("s1", at="base", date=day("2024-03-11"), type_="attack")
    claim = Claim("s1", "m-s1-hamas", news.id, "responsibility", news.evidence, "claims.test", "test")
    news = replace(news, claims=(claim,))
    aside = told("s2", "hamas", at="anbar", date=MONTH, type_="attack")
    assert len(merged([news, aside])) == 1


def test_an_aside_that_names_a_party_the_news_lacks_stays_apart():
    news = told("s1", "us", date=day("2024-03-13"), type_="sanction")
    aside = told("s2", "us", "fatah", type_="sanction")
    assert len(merged([news, aside])) == 2


def test_an_aside_with_a_contradicting_date_or_no_shared_name_stays_apart():
    news = told("s1", "hamas", at="baghdad", date=day("2024-03-09"))
    other_month = told("s2", at="baghdad", date=DateValue("2024-02", "month", "in February"))
    nothing_shared = told("s2", "fatah", date=MONTH)
    assert len(merged([news, other_month])) == 2
    assert len(merged([news, nothing_shared])) == 2


def test_an_aside_that_fits_two_dated_events_joins_neither():
    first = told("s1", "us", at="baghdad", date=day("2024-03-09"), type_="sanction")
    second = told("s2", "us", at="baghdad", date=day("2024-03-12"), type_="sanction")
    aside = told("s3", "us", type_="sanction")
    assert len(merged([first, second, aside])) == 3


@given(st.permutations(list(range(4))))
def test_joining_asides_does_not_depend_on_input_order(order):
    mentions = [
        told("s1", "hamas", at="baghdad", date=day("2024-03-09")),
        told("s2", at="karrada", date=MONTH),
        told("s3", "us", date=day("2024-03-13"), type_="sanction"),
        told("s4", "us", type_="sanction"),
    ]
    baseline = sorted((e.id, e.mentions) for e in merged(mentions))
    assert sorted((e.id, e.mentions) for e in merged([mentions[i] for i in order])) == baseline
    assert len(baseline) == 2


def fact(subject: str, predicate: str, object_: str, modality: str = "asserted") -> Assertion:
    evidence = Evidence("s1", 0, 10, "a sentence")
    return Assertion("s1", subject, predicate, object_, evidence, "test", "test", modality=modality)  # type: ignore[arg-type]


def test_containment_follows_located_in_up_and_skips_what_is_not_a_fact():
    entity_of = {"k": "karrada", "b": "baghdad", "i": "iraq", "x": "basra", "h": "hamas"}
    facts = [
        fact("k", "located_in", "b"),
        fact("b", "located_in", "i"),
        fact("x", "located_in", "b", modality="negated"),
        fact("h", "backed_by", "i"),
    ]
    within = containment(facts, entity_of)
    assert within["karrada"] == {"baghdad", "iraq"}
    assert within["baghdad"] == {"iraq"}
    assert "basra" not in within and "hamas" not in within


# --- an event told with no date of its own is a recent one for the story telling it ---


def test_an_undated_aside_joins_a_dated_event_shortly_before_its_story():
    news = told("s1", "us", "hamas", date=day("2024-03-13"), type_="sanction")
    aside = told("s2", "us", type_="sanction")
    assert len(merged([news, aside], published={"s2": "2024-04-02"})) == 1
    assert len(merged([news, aside], published={"s2": "2024-03-13"})) == 1


def test_an_undated_aside_stays_apart_from_an_event_long_before_or_after_its_story():
    news = told("s1", "us", "hamas", date=day("2024-03-13"), type_="sanction")
    aside = told("s2", "us", type_="sanction")
    assert len(merged([news, aside], published={"s2": "2024-09-30"})) == 2  # half a year on
    assert len(merged([news, aside], published={"s2": "2024-03-12"})) == 2  # the day before it


def test_of_two_dated_events_an_undated_aside_joins_the_recent_one():
    old = told("s1", "us", at="baghdad", date=day("2023-06-02"), type_="sanction")
    new = told("s2", "us", at="baghdad", date=day("2024-03-12"), type_="sanction")
    aside = told("s3", "us", type_="sanction")
    events = merged([old, new, aside], published={"s3": "2024-03-20"})
    assert len(events) == 2 and any(set(e.mentions) == {new.id, aside.id} for e in events)
    assert len(merged([old, new, aside])) == 3  # with no publication day: two homes, none taken


def test_an_aside_with_a_date_of_its_own_is_not_held_to_recent_events():
    news = told("s1", "hamas", at="baghdad", date=day("2024-03-09"))
    last_year = told("s2", at="baghdad", date=DateValue("2024", "year", "last year"))
    assert len(merged([news, last_year], published={"s2": "2025-02-01"})) == 1


# --- the indexed search asks fewer pairs and finds what asking every pair finds ---

PLACES = ("iraq", "baghdad", "karrada", "anbar", "base")
ACTORS = ("hamas", "fatah", "us")


@dataclass
class Happening:
    """A stand-in for an event being merged: what the background rule reads."""

    type: str
    participants: set[str]
    claimants: set[str]
    locations: set[str]
    roots: set[str]
    dates: list[DateValue]


happenings = st.builds(
    Happening,
    type=st.sampled_from(["meeting", "attack"]),
    participants=st.sets(st.sampled_from(ACTORS + PLACES), max_size=2),
    claimants=st.sets(st.sampled_from(ACTORS), max_size=1),
    locations=st.sets(st.sampled_from(PLACES), max_size=2),
    roots=st.sets(st.sampled_from(["r1", "r2", "r3", "r4"]), min_size=1, max_size=1),
    dates=st.lists(st.sampled_from([NO_DATE, MONTH, day("2024-03-09")]), max_size=2),
)


def compatible_places(a: str, b: str, within) -> bool:
    """One place, or one inside the other."""
    return a == b or b in within.get(a, frozenset()) or a in within.get(b, frozenset())


def tells_in_passing(news, aside, within) -> bool:
    """The rule of background.py's docstring, dates aside, written out plainly: the
    reference the indexed search (background._tells) is checked against."""
    if news.type != aside.type or news.roots & aside.roots:
        return False
    known = news.participants | news.claimants
    places = {p for p in aside.participants if any(compatible_places(p, q, within) for q in news.locations)}
    places_fit = not aside.locations or (
        bool(news.locations)
        and all(any(compatible_places(p, q, within) for q in news.locations) for p in aside.locations)
    )
    if not aside.participants - places <= known or not places_fit:
        return False
    return bool(aside.participants & known or places or aside.locations)


def every_pair_asked(events, within, dates_fit) -> dict[int, int]:
    found = {}
    for j, aside in enumerate(events):
        if background.dated_to_the_day(aside):
            continue
        candidates = [
            i
            for i, news in enumerate(events)
            if i != j
            and background.dated_to_the_day(news)
            and tells_in_passing(news, aside, within)
            and dates_fit(news, aside)
        ]
        if len(candidates) == 1:
            found[j] = candidates[0]
    return found


@given(st.lists(happenings, max_size=12), st.integers(0, 3))
def test_the_indexed_search_finds_what_asking_every_pair_finds(events, veto) -> None:
    def dates_fit(news: Happening, aside: Happening) -> bool:  # some pairs' dates contradict
        return (len(news.participants) + len(aside.locations)) % 4 != veto

    assert background.homes(events, WITHIN, dates_fit) == every_pair_asked(events, WITHIN, dates_fit)


# --- many events at one place: the search stops at a second home and asks by month ---

crowd = st.builds(
    Happening,
    type=st.just("attack"),
    participants=st.sets(st.sampled_from(("hamas", "us", "baghdad")), max_size=1),
    claimants=st.sets(st.sampled_from(ACTORS), max_size=1),
    locations=st.sets(st.sampled_from(("baghdad", "baghdad", "karrada")), min_size=0, max_size=1),
    roots=st.sets(st.sampled_from([f"r{n}" for n in range(12)]), min_size=1, max_size=1),
    dates=st.lists(st.sampled_from([NO_DATE, MONTH, day("2024-03-09"), day("2024-04-02")]), max_size=2),
)


@given(st.lists(crowd, min_size=10, max_size=40), st.integers(0, 6))
def test_a_crowd_at_one_place_finds_what_asking_every_pair_finds(events, veto) -> None:
    def dates_fit(news: Happening, aside: Happening) -> bool:  # rarely: most asides have several homes
        return (len(news.roots) * 7 + len(aside.dates) + len(news.dates)) % 7 != veto

    assert background.homes(events, WITHIN, dates_fit) == every_pair_asked(events, WITHIN, dates_fit)


DAYS_TOLD = [f"2024-{m:02d}-{d:02d}" for m in (2, 3, 4) for d in (1, 9, 28, 29)] + ["2023-12-31"]
LOOSE_DATES = [
    NO_DATE,
    DateValue(None, "unknown", "on Saturday"),
    DateValue(None, "unknown", "in March"),
    DateValue("2024-03", "month", "in March"),
    DateValue("2024-02", "month", "last month"),
    DateValue("2024", "year", "this year"),
    DateValue("2023", "year", "last year"),
    DateValue("2024-02-26", "range", "this week"),  # a week reaching into March
    DateValue("2023-12-25", "range", "last week"),  # and one into the next year
    DateValue("2024-03", "unknown", "odd"),
]
any_date = st.sampled_from([*LOOSE_DATES, *(day(v) for v in DAYS_TOLD)])


def clusters_of(happenings: list[Happening], published: dict[str, str]) -> list[events.Settled]:
    """The happenings as the background join reads merged events: a member per date,
    each telling in a story of its own (published as `published` says)."""
    found = []
    for n, h in enumerate(happenings):
        places = sorted(h.locations) or [None]
        members = [
            events.View(
                told(f"s{n}-{k}", date=date, type_=h.type, start=k),
                next(iter(h.roots)),
                frozenset(h.participants),
                places[k % len(places)],
                (),
                frozenset(h.claimants),
            )
            for k, date in enumerate(h.dates or [NO_DATE])
        ]
        found.append(events.Settled.of(events.Cluster(h.type, members), published))
    return found


@given(
    st.lists(st.builds(lambda h, d: replace(h, dates=d), crowd, st.lists(any_date, max_size=3)), max_size=40),
    st.dictionaries(st.from_regex(r"s[0-9]-[0-2]", fullmatch=True), st.sampled_from(DAYS_TOLD)),
)
def test_asking_by_month_finds_what_asking_every_pair_finds(happenings, published) -> None:
    settled = clusters_of(happenings, published)
    found = background.homes(settled, WITHIN, events.dates_agree, events.DAYS)
    assert found == every_pair_asked(settled, WITHIN, events.dates_agree)


@given(
    st.lists(st.sampled_from(LOOSE_DATES), max_size=3),
    st.dates(datetime.date(2023, 11, 1), datetime.date(2024, 5, 1)),
)
def test_a_day_that_agrees_with_an_asides_dates_is_among_those_left_open(loose, when) -> None:
    told_day = day(when.isoformat())
    opened = event_dates.open_keys(loose)
    if all(event_dates.values_agree(d, told_day) for d in loose if d.value) and opened is not None:
        assert opened & event_dates.day_keys([told_day])


def test_a_day_written_otherwise_is_asked_whatever_the_aside_says() -> None:
    assert event_dates.day_keys([day("2024-3-9x")]) == frozenset()
    assert event_dates.open_keys([DateValue("2024-02-26", "range", None), MONTH]) == {"2024-03"}
    assert event_dates.open_keys([NO_DATE, DateValue(None, "unknown", "on Monday")]) is None
