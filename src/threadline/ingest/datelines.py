"""Wire datelines: where (and often when) a story was filed, at the head of its text.

Two conventions of wire copy:

- a dateline opening the first paragraph, ended by a dash: "NIAMEY, March 4 (Sahara Wire) —",
  "ABUJA, Nigeria, Feb 3 (AP) —", "GAZA CITY (AFP) –", "WASHINGTON —";
- a dateline standing as its own line, as CoNLL-style wire sets it: "BRUSSELS 1996-08-22",
  "LONDON, Aug 22".

The place is set in capitals (a place in title case counts only with the agency in brackets
after it, "Kabul (Reuters) -"), may be followed by its region or country, a date and the
agency. The dateline stays in the story text: it names the story's place, and its date,
when it has a year, is a publication-date candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threadline.ingest.dates import DATE, stated_date

_CAPS_WORD = r"[A-Z][A-Z'’.\-]*[A-Z.]"  # at least two letters: "GAZA", "ST.", "PORT-AU-PRINCE"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,3}}"
_TITLE_PLACE = r"[A-Z][a-z'’.\-]+(?: [A-Z][a-z'’.\-]+){0,2}"
_REGION = r"(?:\s*,\s*[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,2})"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DAY_DATE = (
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    r"|\d{4}-\d\d-\d\d)"
)
_DATE_PART = rf"(?:\s*,?\s*{_DAY_DATE})"
_AGENCY = r"(?:\s*\(\s*[A-Z][\w .&'’/-]{0,40}?\s*\))"
_DASH = r"(?:\s*(?:—|–|--)\s*|\s+-\s+)"  # a hyphen only spaced: "NATO-led" is no dateline

# "PLACE[, Region][, date][ (Agency)] —" opening a paragraph that goes on after the dash.
_OPENING = re.compile(
    rf"^(?P<place>{_CAPS_PLACE}){_REGION}{{0,2}}{_DATE_PART}?{_AGENCY}?{_DASH}(?=\S)"
    rf"|^(?P<tplace>{_TITLE_PLACE}){_REGION}{{0,2}}{_DATE_PART}?{_AGENCY}{_DASH}(?=\S)"
)
# "PLACE[, Region][,] date" alone on its line.
_STANDING = re.compile(rf"^(?P<place>{_CAPS_PLACE}){_REGION}{{0,2}}{_DATE_PART}{_AGENCY}?\s*$")


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline at the start of a paragraph: its length, the place's length, its date."""

    end: int
    place_end: int
    date: str | None  # YYYY-MM-DD when the dateline states a full date


def _match(pattern: re.Pattern[str], text: str) -> DatelineMatch | None:
    found = pattern.match(text)
    if found is None:
        return None
    group = "place" if found.groupdict().get("place") else "tplace"
    dated = DATE.search(found.group())
    value = stated_date(dated.group()) if dated else None
    return DatelineMatch(found.end(), found.end(group), value)


def opening_dateline(paragraph: str) -> DatelineMatch | None:
    """The dateline a paragraph of wire copy opens with, up to and with its dash."""
    found = _match(_OPENING, paragraph)
    if found is None:
        return None
    end = len(paragraph[: found.end].rstrip())
    return DatelineMatch(end, found.place_end, found.date)


def standing_dateline(line: str) -> DatelineMatch | None:
    """The dateline a whole line is ("BRUSSELS 1996-08-22"), or None."""
    return _match(_STANDING, line.strip())
