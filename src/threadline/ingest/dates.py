"""Publication dates: a date line ("Updated: October 30, 2023, 2:19 PM") and stated values.

Only a date a page states as its own counts. A date inside a sentence of reporting is not
a publication date, so `date_line` accepts a line only when nothing but dates, times,
date labels and short name parts ("Kurdistan Daily | Published 9 May 2024") is on it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from threadline.ingest.lines import ends_sentence, word_count
from threadline.vocabulary import MONTHS, active

Label = Literal["published", "updated", "none"]

_MONTH = (
    r"(?P<month{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day{n}>\d{{1,2}})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year{n}>\d{{4}})"
_FORMS = (
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b".format(n=1),
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b".format(n=2),
    r"\b(?P<iso_y>\d{4})[-/.](?P<iso_m>\d{1,2})[-/.](?P<iso_d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?",
    r"\b(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})[/.](?P<num_y>\d{4})\b",
)
DATE = re.compile("|".join(f"(?:{form})" for form in _FORMS), re.I)
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.h]\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?|\s*[aApP]\.?[mM]\.?)(?!\w)"
    r"(?:\s*\(?(?:[A-Z]{2,5})(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?"
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\b\.?", re.I
)
_FILLER = re.compile(r"\b(?:on|at|the|of)\b|[\s,.:;|/()\[\]–—-]+", re.I)
_SEPARATORS = re.compile(r"\s+[|•·]\s+|\s+[–—]\s+|\s+-\s+|\s*\|\s*")
_MONTHS = tuple(month[:3] for month in MONTHS)


@dataclass(frozen=True, slots=True)
class DateLine:
    """A line that states a date: its value (None when ambiguous) and what the date means."""

    value: str | None
    label: Label


def _labels() -> tuple[tuple[re.Pattern[str], Label], ...]:
    return active().date_labels


def read_labels(cues: Mapping[str, Any]) -> tuple[tuple[re.Pattern[str], Label], ...]:
    """The words that label a date line as published or updated, one pattern per meaning."""
    labels = cues["date_labels"]
    pairs: list[tuple[re.Pattern[str], Label]] = []
    meanings: tuple[Label, ...] = ("published", "updated")
    for meaning in meanings:
        words = sorted(labels[meaning], key=len, reverse=True)
        pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b"
        pairs.append((re.compile(pattern, re.I), meaning))
    return tuple(pairs)


def _value(match: re.Match[str]) -> str | None:
    """YYYY-MM-DD for a matched date expression, or None when it is no valid, unambiguous day."""
    g = match.groupdict()
    named = next((n for n in "12" if g[f"year{n}"]), None)
    if named:
        month = _MONTHS.index(g[f"month{named}"][:3].lower()) + 1
        year, day = int(g[f"year{named}"]), int(g[f"day{named}"])
    elif g["iso_y"]:
        year, month, day = int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])
    else:
        a, b, year = int(g["num_a"]), int(g["num_b"]), int(g["num_y"])
        if a <= 12 and b <= 12 and a != b:
            return None  # 05/06/2024: day and month cannot be told apart
        day, month = (a, b) if a > 12 or a == b else (b, a)
    try:
        return date(year, month, day).isoformat() if 1900 <= year <= 2100 else None
    except ValueError:
        return None


def _segment_dates(segment: str) -> list[DateLine] | None:
    """The dates of a segment that holds nothing else; None when other words are on it."""
    matches = list(DATE.finditer(segment))
    if not matches:
        return None
    residue = DATE.sub(" ", segment)
    for pattern in (_TIME, _WEEKDAY, *(p for p, _ in _labels())):
        residue = pattern.sub(" ", residue)
    if _FILLER.sub("", residue):
        return None
    return [DateLine(_value(m), _label_before(segment, m.start())) for m in matches]


def _label_before(segment: str, end: int) -> Label:
    found: list[tuple[int, Label]] = []
    for pattern, meaning in _labels():
        found.extend((m.start(), meaning) for m in pattern.finditer(segment, 0, end))
    return max(found)[1] if found else "none"


def _is_name_part(segment: str) -> bool:
    """A short part beside a date: an outlet, a byline, a section ("Kurdistan Daily")."""
    stripped = segment.strip()
    return bool(stripped) and word_count(stripped) <= 6 and not ends_sentence(stripped)


def split_parts(text: str) -> list[str]:
    """The parts of a masthead or date line, split at | • · and spaced dashes."""
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


def date_line(text: str) -> DateLine | None:
    """The date a date line states, preferring a publication date over an update."""
    if word_count(text) > 20:
        return None
    found = _parts_dates(split_parts(text))
    return _after_name(text) if found is None else _preferred(found)


def _preferred(found: list[DateLine]) -> DateLine:
    return min(found, key=lambda d: (d.label == "updated", d.value is None))


def _parts_dates(parts: list[str]) -> list[DateLine] | None:
    found: list[DateLine] = []
    for part in parts:
        dates = _segment_dates(part)
        if dates is None and not _is_name_part(part):
            return None
        found.extend(dates or ())
    return found or None


def _after_name(text: str) -> DateLine | None:
    """A date after a name and a comma: "By Jane Doe, October 30, 2023"."""
    for match in re.finditer(r",\s+", text):
        before, after = text[: match.start()], text[match.end() :]
        if _is_name_part(before) and DATE.search(after) and not DATE.search(before):
            found = _parts_dates(split_parts(after))
            return _preferred(found) if found else None
    return None


def stated_date(value: str) -> str | None:
    """YYYY-MM-DD from a date an input states in a field (JSONL, HTML meta), else None."""
    match = DATE.search(value.strip())
    return _value(match) if match else None
