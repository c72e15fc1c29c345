"""Acronyms: defined in text ("Asaib Ahl Al Haq (AAH)") or read off a long name's initials.

A long form fits an acronym when every word contributes its first letter in
order; particles, function words and country qualifiers may be skipped
("Islamic Resistance in Iraq" -> IRI, "Asaib Ahl al-Haq" -> AAH,
"Iran's Islamic Revolutionary Guard Corps" -> IRGC).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import ascii_words

SHORT_IN_PARENS = re.compile(r"\(\s*([A-Z][A-Za-z.&]{1,11})\s*\)")
LONG_IN_PARENS = re.compile(r"\b([A-Z][A-Z.&]{1,11})\s*\(([^()\n]{4,90})\)")
WORD = re.compile(r"[\w'’‘ʼ`-]+")
FUNCTION_WORDS = {"of", "the", "in", "and", "for", "de", "&"}
CONNECTORS = FUNCTION_WORDS | {"al", "el", "bin", "ibn"}
MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class AcronymDefinition:
    """The text of story `story_id` says `short` stands for `long` (text[start:end])."""

    story_id: str
    short: str
    long: str
    start: int
    end: int


def letters_of(short: str) -> str:
    """The letters an acronym spells: "U.S." -> "us"."""
    return "".join(c for c in short if c.isalpha()).casefold()


@lru_cache(maxsize=65536)
def is_acronym_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and sum(c.isupper() for c in letters) >= len(letters) - 1


def fits_initials(short: str, long: str, lex: Lexicon) -> bool:
    """Whether `long`'s words, first letters in order, spell `short`."""
    letters = letters_of(short)
    if len(letters) < 2:
        return False
    words = words_of(long)
    return len(words) >= 2 and _spells(letters, words, _optional(lex))


@lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """ascii_words, memoised: the same long names are read against every acronym of
    their stories, and spelled out story by story (expand.py)."""
    return tuple(ascii_words(text))


@lru_cache(maxsize=8)
def _optional(lex: Lexicon) -> frozenset[str]:
    """The words an initial may skip: one set per lexicon (made afresh, and hashed again
    for _spells' cache, on every call it was most of fits_initials)."""
    return lex.skippable | lex.places


@lru_cache(maxsize=65536)
def _spells(letters: str, words: tuple[str, ...], optional: frozenset[str]) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word in optional and _spells(letters, rest, optional):
        return True
    return bool(letters) and word[0] == letters[0] and _spells(letters[1:], rest, optional)


def _words_before(text: str, end: int) -> list[tuple[int, int]]:
    """Spans of the run of capitalised words and connectors that ends at `end`."""
    start = max(0, end - 200)
    run: list[tuple[int, int]] = []
    for m in reversed(list(WORD.finditer(text, start, end))):
        gap = text[m.end() : run[-1][0] if run else end]
        word = m.group()
        if gap.strip() or len(run) >= MAX_WORDS or not _name_word(word):
            break
        run.append((m.start(), m.end()))
    return run[::-1]


def _name_word(word: str) -> bool:
    """A capitalised word ("al-Tahaddi" counts), or a connector inside a name."""
    return word.lower() in CONNECTORS or any(part[:1].isupper() for part in word.split("-"))


def _longest_fit(
    short: str, text: str, spans: Sequence[tuple[int, int]], lex: Lexicon
) -> tuple[int, int] | None:
    """The longest suffix of `spans`, opening on a capital, whose initials spell `short`."""
    for start, first_end in spans:
        end = spans[-1][1]
        opens_name = text[start].isupper() and text[start:first_end].lower() not in FUNCTION_WORDS
        if opens_name and fits_initials(short, text[start:end], lex):
            return start, end
    return None


def definitions_in(story_id: str, text: str, lex: Lexicon) -> Iterator[AcronymDefinition]:
    """Acronyms a story's text defines: "Long Name (LN)" and "LN (Long Name)"."""
    for m in SHORT_IN_PARENS.finditer(text):
        short = m.group(1)
        if not is_acronym_text(short):
            continue
        fit = _longest_fit(short, text, _words_before(text, m.start()), lex)
        if fit:
            yield AcronymDefinition(story_id, short, text[fit[0] : fit[1]], *fit)
    for m in LONG_IN_PARENS.finditer(text):
        short, long = m.group(1), m.group(2).strip()
        if is_acronym_text(short) and fits_initials(short, long, lex):
            start = m.start(2) + m.group(2).index(long)
            yield AcronymDefinition(story_id, short, long, start, start + len(long))


# the memoised pure functions, emptied after a resolution (resolve.clear_caches)
CACHES = (_spells, words_of, is_acronym_text)
