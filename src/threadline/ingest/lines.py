"""Lines of a page, the unit the cleaner and the splitter work on, and their shape.

A scraped news page holds one paragraph, heading, caption or widget a line. Text that is
hard-wrapped is joined back into paragraphs: a line that goes on in lower case after a line
that did not end a sentence, and, on a page wrapped at a fixed width, a line under a line
that reached that width.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from threadline.vocabulary import active

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
BROKEN_LINE_MIN_CHARS = 50  # a shorter line above a lower-case one is a label, not a broken sentence
WRAP_WIDTHS = (50, 100)  # a page whose longest line is in this range may be hard-wrapped
WRAP_MIN_LINES = 8
WRAP_FULL_SHARE = 0.75  # a line at least this share of the width ran into the margin
WRAP_FULL_LINES = 0.6  # ... and at least this share of a wrapped page's lines did

SHOUTED_SHARE = 0.6  # share of a line's words in capitals that makes it a headline set in capitals
SHOUTED_MIN_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# A live-blog post opening on its time stamp: "16:48 — ...", "9.05am GMT: ...", "14:05 | ...".
_TIMESTAMPED = re.compile(
    r"^\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:\(?[A-Z]{2,5}\)?)?\s*(?:[—–|:]|-(?=\s))\s*\S", re.I
)
_FOOTNOTES = re.compile(r"(\s*\[\w{1,3}\])+$")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…"


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of a page."""

    text: str  # stripped; a hard-wrapped sentence is joined back into one line
    number: int  # 1-based number of its first physical line
    blank_before: int  # blank lines right above it


def clean_line(raw: str) -> str:
    """The line without surrounding white space or invisible characters."""
    return raw.strip().strip(INVISIBLE).strip()


def page_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`, each with the number of blank lines above it."""
    raw_lines = [clean_line(raw) for raw in text.splitlines()]
    width = wrap_width(raw_lines)
    lines: list[Line] = []
    blanks = 0
    for number, stripped in enumerate(raw_lines, 1):
        if not stripped:
            blanks += 1
            continue
        if lines and blanks == 0 and _continues(lines[-1].text, stripped, width):
            lines[-1] = replace(lines[-1], text=f"{lines[-1].text} {stripped}")
        else:
            lines.append(Line(stripped, number, blanks))
        blanks = 0
    return lines


def wrap_width(lines: list[str]) -> int | None:
    """The width a page is hard-wrapped at, or None when its lines are whole paragraphs."""
    lengths = [len(line) for line in lines if line]
    if len(lengths) < WRAP_MIN_LINES or not WRAP_WIDTHS[0] <= max(lengths) <= WRAP_WIDTHS[1]:
        return None
    full = sum(1 for n in lengths if n >= WRAP_FULL_SHARE * max(lengths))
    return max(lengths) if full >= WRAP_FULL_LINES * len(lengths) else None


def _continues(previous: str, current: str, width: int | None) -> bool:
    """`current` goes on with the paragraph `previous` broke off (a hard wrap)."""
    if _last_char(previous) in _SENTENCE_END:
        return False
    if width is not None:
        return len(previous) >= WRAP_FULL_SHARE * width
    return current[0].islower() and len(previous) >= BROKEN_LINE_MIN_CHARS


def _last_char(text: str) -> str:
    core = _FOOTNOTES.sub("", text).rstrip(_CLOSERS + " ")
    return core[-1] if core else ""


def dangling_words() -> frozenset[str]:
    """Words a line that broke off mid-sentence ends on; no headline ends on one."""
    return active().dangling_words


def word_count(text: str) -> int:
    return len(text.split())


def is_timestamped_post(text: str) -> bool:
    """The line is a live-blog post that opens on its time stamp ("16:48 — Troops ...")."""
    return _TIMESTAMPED.match(text) is not None


def ends_sentence(text: str) -> bool:
    """The line closes a sentence (footnote marks and closing quotes aside)."""
    return _last_char(text) in _SENTENCE_END


def is_shouted(text: str) -> bool:
    """Most of the line's words are set in capitals, as wire headlines are."""
    words = _WORD.findall(text)
    caps = sum(1 for w in words if w.isupper())
    return caps >= SHOUTED_MIN_WORDS and caps >= SHOUTED_SHARE * len(words)


def is_headline_like(text: str) -> bool:
    """Short, opens with a capital or a digit, and ends neither a sentence nor mid-phrase;
    a line in capitals may end on a full stop (wire headlines: "EU REJECTS CALL TO BOYCOTT .")."""
    if not 1 <= word_count(text) <= HEADLINE_MAX_WORDS or len(text) > HEADLINE_MAX_CHARS:
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not first or first.islower():
        return False
    last = _last_char(text)
    stop = last == "." and is_shouted(text)
    if (last in ".:;,…" and not stop) or not any(c.isalpha() for c in text):
        return False
    return text.split()[-1].lower() not in dangling_words()


def line_key(text: str) -> str:
    """What two lines share when one exactly repeats the other."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
