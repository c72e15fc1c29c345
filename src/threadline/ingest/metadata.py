"""A story's outlet and publication date, only as the page states them.

A masthead is a line above the headline that names the outlet: a short all-capital line
("EUPHRATES OBSERVER") or a name ending on a word outlets are named with ("The Sahel Daily")
above a longer headline, or a name beside a section label or a date ("The X Review —
Analysis", "X Daily | Published 9 May 2024"). The publication date comes
from a date line, the input's own metadata, or the masthead; never from a sentence of
reporting and never from the day of ingest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from threadline.ingest.dates import DateLine, date_line, split_parts
from threadline.ingest.lines import ends_sentence, is_headline_like, word_count
from threadline.vocabulary import active

MASTHEAD_MAX_WORDS = 6
OUTLET_NAME_MAX_WORDS = 5
HEADLINE_MIN_WORDS = 4  # the headline under a masthead; a shorter line may be a byline or a dateline
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "for", "in", "of", "on", "the", "to"})
_NAME_CHARS = re.compile(r"[\w&'’. -]+")  # an outlet's name has no colon, quote or question mark
_BYLINE_STARTS = ("by ", "written by ", "reporting by ")

# Rank of a date by where it was stated; the lowest wins.
RANK_HEAD = 0  # a date line in the story's head, or a "Published" line anywhere
RANK_META = 1  # the input's own metadata (JSONL field, HTML meta)
RANK_UPDATED = 2  # an "Updated" line


@dataclass(frozen=True, slots=True)
class Masthead:
    """What a masthead line states: the outlet, and perhaps a date."""

    outlet: str | None
    date: DateLine | None = None


def section_labels() -> frozenset[str]:
    return active().section_labels


def outlet_words() -> frozenset[str]:
    return active().outlet_words


def is_label(text: str) -> bool:
    """Names and nothing else, in title case, commas and "and" between them ("Mali, Niger
    and Burkina Faso", "Middle East"): a section or region label, no headline."""
    names = [re.sub(r"^the\s+", "", part) for part in re.split(r",\s*|\s+and\s+|\s+&\s+", text) if part]
    return (
        bool(names) and word_count(text) <= OUTLET_NAME_MAX_WORDS + 1 and all(map(is_title_case_name, names))
    )


def is_title_case_name(text: str) -> bool:
    """A short name, every word capitalised but the small ones ("Voice of the Sahel")."""
    words = text.split()
    if not 1 <= len(words) <= OUTLET_NAME_MAX_WORDS or not _NAME_CHARS.fullmatch(text):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w in _SMALL_WORDS for w in words)


def _named_like_outlet(text: str) -> bool:
    """A short name in title case ending on an outlet word ("The Sahel Daily", "Gao Morning Post")."""
    words = text.split()
    return len(words) >= 2 and is_title_case_name(text) and words[-1].casefold() in outlet_words()


def _headline_below(text: str, next_text: str | None) -> bool:
    """A headline follows: a masthead stands above one (a byline or a dateline is no headline)."""
    if next_text is None or not is_headline_like(next_text):
        return False
    return word_count(next_text) >= HEADLINE_MIN_WORDS


def outlet_name(text: str) -> str:
    """The outlet as written, or title-cased when the masthead shouts it in capitals."""
    if not text.isupper():
        return text
    words = [_cap(w) for w in text.lower().split()]
    return " ".join(w.lower() if k and w.lower() in _SMALL_WORDS else w for k, w in enumerate(words))


def _cap(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def _is_name(part: str) -> bool:
    return (
        word_count(part) <= MASTHEAD_MAX_WORDS
        and part[:1].isupper()
        and not ends_sentence(part)
        and not part.casefold().startswith(_BYLINE_STARTS)
        and part.casefold() not in section_labels()
    )


def is_masthead_name(text: str) -> bool:
    """An outlet's name as a masthead sets it: a short line in capitals ("EUPHRATES
    OBSERVER") or a title-case name ending on an outlet word ("The Sahel Daily")."""
    shouting = text.isupper() and 2 <= word_count(text) <= MASTHEAD_MAX_WORDS and _NAME_CHARS.fullmatch(text)
    return bool(shouting) or _named_like_outlet(text)


def masthead(text: str, next_text: str | None) -> Masthead | None:
    """The masthead `text` (a line above the headline) states, or None when it is no masthead.

    `next_text` is the next heading below it, page furniture and date lines skipped.
    """
    parts = split_parts(text)
    if len(parts) >= 2:
        return _parted_masthead(parts)
    if text.casefold() in section_labels() and next_text and is_headline_like(next_text):
        return Masthead(None)  # a section kicker ("ANALYSIS") above the headline
    if is_masthead_name(text) and _headline_below(text, next_text):
        return Masthead(outlet_name(text))
    return None


def _parted_masthead(parts: list[str]) -> Masthead | None:
    dates = [date_line(p) for p in parts]
    labels = [p.casefold() in section_labels() for p in parts]
    names = [p for p, d, label in zip(parts, dates, labels, strict=True) if d is None and not label]
    if not any(dates) and not any(labels):
        return None
    if len(names) > 1 or not all(_is_name(n) for n in names):
        return None
    date = next((d for d in dates if d is not None), None)
    if date is None and all(word_count(p) == 1 for p in parts):
        return Masthead(None)  # a breadcrumb of sections ("News|Conflict")
    return Masthead(outlet_name(names[0]) if names else None, date)


def date_rank(stated: DateLine, in_head: bool) -> int | None:
    """How far a date line is trusted as the publication date; None for a bare date in the body."""
    if stated.label == "updated":
        return RANK_UPDATED
    if in_head or stated.label == "published":
        return RANK_HEAD
    return None


def best_date(candidates: list[tuple[int, str | None]]) -> str | None:
    """The date of the lowest rank, the earliest stated among equals."""
    ranked = [(rank, order, value) for order, (rank, value) in enumerate(candidates) if value]
    return min(ranked)[2] if ranked else None
