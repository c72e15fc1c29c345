"""When two dates can name the same day, and the days a date leaves open.

Merging (events.py) compares a mention's date with an event's: equal at the coarser
precision, a range (a week: its Monday) holding a day, an unresolved expression ("on
Tuesday", "October 7") agreeing with a known day. The background join (background.py)
also asks, among thousands of dated events at a common place, only those whose day the
aside's dates leave open: `day_keys` names a day by its month, `open_keys` the months a
date agrees with; a day outside them never agrees (`values_agree`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence

from threadline.records import DateValue
from threadline.vocabulary import MONTHS, WEEKDAYS

MONTHS_SHORT = tuple(month[:3] for month in MONTHS)  # "Sept.", "Dec": a month however cut
RANGE_DAYS = 7
# An event told in passing with no date of its own ("the attack on the base") is one
# the telling story's readers know as recent: the dated event it may be is on or
# before the story's publication and at most this many days before it.
RECENT_DAYS = 90


def _day(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def values_agree(a: DateValue, b: DateValue) -> bool:
    """Two resolved dates that can name the same day."""
    va, vb = a.value or "", b.value or ""
    if "range" in (a.precision, b.precision):
        start, other = (a, b) if a.precision == "range" else (b, a)
        first, day = _day(start.value or ""), _day(other.value or "")
        if first and day and other.precision == "day":
            return first <= day < first + datetime.timedelta(days=RANGE_DAYS)
        return va[:7] == vb[:7]
    short = min(len(va), len(vb))
    return va[:short] == vb[:short]


def expression_agrees(expression: str, value: str) -> bool | None:
    """Whether an unresolved expression ("on Tuesday", "October 7") fits a known day;
    None when it says nothing checkable."""
    day = _day(value)
    if day is None:
        return None
    words = re.findall(r"[a-z]+|\d+", expression.lower())
    weekday = next((w for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        return WEEKDAYS.index(weekday) == day.weekday()
    month = next(
        (MONTHS_SHORT.index(w[:3]) + 1 for w in words if w[:3] in MONTHS_SHORT and len(w) >= 3), None
    )
    if month is None:
        return None
    numbers = [int(w) for w in words if w.isdigit() and int(w) <= 31]
    return month == day.month and (not numbers or numbers[0] == day.day)


def standard_day(value: str) -> datetime.date | None:
    """A day written as ISO writes it ("2024-03-09"), the only form keyed."""
    day = _day(value)
    return day if day is not None and day.isoformat() == value else None


def day_keys(dates: Iterable[DateValue]) -> frozenset[str]:
    """The month ("2024-03") of each day among these dates (those written as ISO does);
    empty when none is: such an event is asked whatever the aside's dates."""
    return frozenset(
        (d.value or "")[:7] for d in dates if d.precision == "day" and standard_day(d.value or "")
    )


def _agreeing(date: DateValue) -> frozenset[str] | None:
    """The months of every ISO day that agrees with `date` (values_agree), or None when
    they are not narrower than every day."""
    value = date.value or ""
    if date.precision == "range":
        first = _day(value)
        if first is not None and first > datetime.date.max - datetime.timedelta(days=RANGE_DAYS):
            return None  # the week runs past the last day a date can name
        days = [first + datetime.timedelta(days=n) for n in range(RANGE_DAYS)] if first else []
        return frozenset({value[:7], *(d.isoformat()[:7] for d in days)})
    if len(value) >= 7:
        return frozenset({value[:7]})
    return frozenset(f"{value[:4]}-{month:02d}" for month in range(1, 13)) if len(value) >= 4 else None


def open_keys(dates: Iterable[DateValue]) -> frozenset[str] | None:
    """The months of the days an event with these dates (none a day) can agree with:
    each resolved date must agree with every date of the dated event (date_support),
    so with its days; None when no date narrows them."""
    found: frozenset[str] | None = None
    for date in dates:
        keys = _agreeing(date) if date.value else None
        if keys is not None:
            found = keys if found is None else found & keys
    return found


def publication_days(values: Iterable[str | None]) -> tuple[datetime.date, ...]:
    """The publication days (ISO) among these, each once, in order."""
    return tuple(sorted({d for d in (standard_day(v or "") for v in values) if d is not None}))


def _earliest(told: datetime.date) -> datetime.date:
    """The first day recent for a story published on `told`."""
    back = datetime.timedelta(days=RECENT_DAYS)
    return told - back if told > datetime.date.min + back else datetime.date.min


def recent(day: datetime.date, told: Iterable[datetime.date]) -> bool:
    """Whether `day` is on or before one of the publication days `told`, within RECENT_DAYS."""
    return any(_earliest(p) <= day <= p for p in told)


def recent_keys(told: Iterable[datetime.date]) -> frozenset[str]:
    """The months of every day `recent` holds for these publication days."""
    keys: set[str] = set()
    for last in told:
        keys.update(_months_between(_earliest(last), last))
    return frozenset(keys)


def _months_between(first: datetime.date, last: datetime.date) -> list[str]:
    year, month, months = first.year, first.month, []
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def date_support(date: DateValue, dates: Sequence[DateValue], expressions: Sequence[str]) -> int | None:
    """None when `date` contradicts an event's `dates` (each distinct resolved date) or
    `expressions` (each distinct unresolved one); 1 when a date both give agrees; else 0."""
    support = 0
    for known in dates:
        if date.value:
            if not values_agree(date, known):
                return None
            support = 1
        elif date.expression:
            agrees = expression_agrees(date.expression, known.value or "")
            if agrees is False:
                return None
            support = max(support, int(bool(agrees)))
    if date.value is None or support:
        return support
    for expr in expressions:
        agrees = expression_agrees(expr, date.value)
        if agrees is False:
            return None
        support = max(support, int(bool(agrees)))
    return support
