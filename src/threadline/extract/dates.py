"""Dates from text, resolved against the publication date.

News convention: a weekday names the most recent such day on or before publication
("on Thursday" in Thursday's paper is that Thursday); "last Sunday" is strictly before.
"late on Sunday", "early Monday", "since October 17", "in late January" keep the day or
month they qualify. "last week" is a range (its value is the week's Monday), "earlier
this month" and "last month" a month, "in March" a month of the publication year (or the
year before, when March is still to come). Explicit dates go to dateparser with
RELATIVE_BASE = publication and PREFER_DATES_FROM = past. Without a publication date
only an expression that names its own year resolves; a weekday or "last week" gives
no value. Durations ("40 days", "for years") are no dates at all.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from dateparser.date import DateDataParser

from threadline.records import DateValue
from threadline.vocabulary import MONTHS, WEEKDAYS

MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
LEADING = re.compile(
    r"^(?:(?:on|in|at|since|from|by|until|during|as of|late|early|earlier|later|mid|the|of|"
    r"the end of|the beginning of|the start of|the middle of|beginning of|end of|start of)\s+|mid-)+"
)
PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|midday|noon)$")
DURATION = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|half a)\s+"
    r"(?:-\s*)?(?:day|week|month|year|decade|hour|minute)s?\b(?!\s+ago)|\d+-(?:day|week|month|year)\b|"
    r"^(?:for|over|within)\b|\b(?:past|recent|coming|next)\b"
)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# a word that time expressions hold: a number, a month, a weekday, a unit of time
TIME_WORD = re.compile(
    r"\d|\b(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|"
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    r"\b(?:yesterday|today|tonight|tomorrow|days?|weeks?|weekend|months?|years?|hours?|decade|century|ago|"
    r"morning|afternoon|evening|night|midday|noon|midnight|dawn|dusk|overnight|"
    r"spring|summer|autumn|fall|winter|ramadan|eid|christmas)\b"
)
UNKNOWN = DateValue(None, "unknown", None)


def _value(day: datetime.date, precision: str) -> str:
    if precision == "month":
        return day.strftime("%Y-%m")
    if precision == "year":
        return day.strftime("%Y")
    return day.isoformat()


def _core(expression: str) -> str:
    text = " ".join(expression.lower().replace("’", "'").replace(",", " ").split()).strip(" .")
    text = LEADING.sub("", text)
    return PART_OF_DAY.sub("", text).strip()


def _weekday(core: str, published: datetime.date) -> datetime.date | None:
    words = core.split()
    if not words or words[-1] not in WEEKDAYS or len(words) > 2:
        return None
    back = (published.weekday() - WEEKDAYS.index(words[-1])) % 7
    if words[0] in ("last", "past", "previous") and back == 0:
        back = 7
    if len(words) == 2 and words[0] not in ("last", "past", "previous", "this"):
        return None
    return published - datetime.timedelta(days=back)


DAYS_BACK = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this evening": 0,
    "yesterday": 1,
    "last night": 1,
    "the day before yesterday": 2,
}
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
DAYS_AGO = re.compile(r"(\d+|a|one|two|three|four|five|six|seven) days? ago")


def _relative_day(core: str, published: datetime.date) -> DateValue | None:
    """today, yesterday, last night, N days ago."""
    back = DAYS_BACK.get(core)
    ago = DAYS_AGO.fullmatch(core)
    if ago:
        back = int(ago.group(1)) if ago.group(1).isdigit() else NUMBERS[ago.group(1)]
    if back is None:
        return None
    return DateValue((published - datetime.timedelta(days=back)).isoformat(), "day", None)


def _relative_period(core: str, published: datetime.date) -> DateValue | None:
    """last week (a range from its Monday), this/earlier this month, last month, this/last year."""
    monday = published - datetime.timedelta(days=published.weekday())
    periods = {
        "last week": DateValue((monday - datetime.timedelta(days=7)).isoformat(), "range", None),
        "this week": DateValue(monday.isoformat(), "range", None),
        "earlier this week": DateValue(monday.isoformat(), "range", None),
        "this month": DateValue(_value(published, "month"), "month", None),
        "earlier this month": DateValue(_value(published, "month"), "month", None),
        "last month": DateValue(
            _value(published.replace(day=1) - datetime.timedelta(days=1), "month"), "month", None
        ),
        "this year": DateValue(str(published.year), "year", None),
        "earlier this year": DateValue(str(published.year), "year", None),
        "last year": DateValue(str(published.year - 1), "year", None),
    }
    return periods.get(core)


def _relative(core: str, published: datetime.date) -> DateValue | None:
    return _relative_day(core, published) or _relative_period(core, published)


def _has_day(core: str) -> bool:
    return bool(re.search(r"(?<![\d-])\d{1,2}(?:st|nd|rd|th)?(?![\d-])", YEAR.sub("", core)))


def _month_only(core: str) -> int | None:
    """The month number when the expression names a month and no day ("in late January")."""
    words = [w.strip(".") for w in YEAR.sub("", core).split()]
    if len(words) != 1:
        return None
    word = words[0]
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBR.get(word[:4] if word.startswith("sept") else word[:3]) if len(word) >= 3 else None


@lru_cache(maxsize=16)
def _parser(published: datetime.date | None) -> DateDataParser:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True, "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime.datetime.combine(published, datetime.time())
    return DateDataParser(languages=["en"], settings=settings)


def _month(core: str, published: datetime.date | None) -> DateValue | None:
    month = _month_only(core)
    if month is None:
        return None
    year = YEAR.search(core)
    if year:
        return DateValue(f"{year.group(1)}-{month:02d}", "month", None)
    if published is None:
        return UNKNOWN
    y = published.year if month <= published.month else published.year - 1
    return DateValue(f"{y}-{month:02d}", "month", None)


def _explicit(core: str, published: datetime.date | None) -> DateValue | None:
    """Dates that name a month and day, or a year, read by dateparser."""
    has_year = bool(YEAR.search(core))
    if published is None and not has_year:
        return UNKNOWN
    data = _parser(published).get_date_data(core)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if published is not None and not has_year and day > published:
        day = day.replace(year=day.year - 1)
    if data.period == "year" or (has_year and not _has_day(core) and not _month_only(core)):
        return DateValue(str(day.year), "year", None)
    if data.period == "month":
        return DateValue(_value(day, "month"), "month", None)
    return DateValue(day.isoformat(), "day", None) if _has_day(core) else None


def _resolve(core: str, published: datetime.date | None) -> DateValue | None:
    if not core or DURATION.search(core):
        return None
    if core.split()[-1] in WEEKDAYS:
        day = _weekday(core, published) if published is not None else None
        return DateValue(day.isoformat(), "day", None) if day else UNKNOWN
    if published is None and _relative(core, datetime.date(2000, 1, 1)) is not None:
        return UNKNOWN
    if published is not None:
        found = _relative(core, published)
        if found is not None:
            return found
    return _month(core, published) or _explicit(core, published)


@lru_cache(maxsize=4096)
def resolve_date(expression: str, published: datetime.date | None) -> DateValue:
    """The date an expression names, as precise as the words allow; value None when the
    text (and the publication date) fix none. The expression is kept as written."""
    found = _resolve(_core(expression), published)
    if found is None:
        return DateValue(None, "unknown", expression)
    return DateValue(found.value, found.precision, expression)


def is_date(expression: str) -> bool:
    """Whether an expression names a point in time at all: a time word in it (the model
    labels a place "northern Niger" a date now and then), and no duration."""
    core = _core(expression)
    return bool(core) and TIME_WORD.search(core) is not None and not DURATION.search(core)
