"""When two name parts are one word spelled two ways, and what kind of word a part is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

from threadline.resolve.lexicon import Lexicon

# Spelling choices English transliteration makes freely: ay/ai, ou/u, doubled letters.
_SPELLING = [
    (re.compile(r"([a-z])\1+"), r"\1"),
    (re.compile(r"(?<=[a-z])(dh|th)"), "d"),
    (re.compile(r"ou|oo|w(?=[^aeiou]|$)"), "u"),
    (re.compile(r"ee|ie|y(?=[^aeiou]|$)"), "i"),
    (re.compile(r"(?<=[a-z])[ae][iy](?=[^aeiou]|$)"), "ai"),
    (re.compile(r"kh"), "x"),
    (re.compile(r"q|c(?!h)"), "k"),
]
NUMERAL = re.compile(r"^(?:[ivxlc]+|\d+\w*)$")  # Frederick II is not Frederick III
CLOSE = 0.95  # Jaro-Winkler above which two long parts differ by a dropped vowel at most


@lru_cache(maxsize=65536)
def spelling_key(part: str) -> str:
    """A part with the transliteration choices folded: zaydi -> zaidi, moussawi -> musawi."""
    for pattern, repl in _SPELLING:
        part = pattern.sub(repl, part)
    return part


def _close(a: str, b: str) -> bool:
    if min(len(a), len(b)) < 5 or a[-1] != b[-1]:
        return False  # tested before the cache: most pairs, and cheaper than a cache entry
    return _alike(a, b)


@lru_cache(maxsize=262144)
def _alike(a: str, b: str) -> bool:
    return JaroWinkler.normalized_similarity(a, b) >= CLOSE and jellyfish.metaphone(a) == jellyfish.metaphone(
        b
    )


def same_part(a: str, b: str, lex: Lexicon) -> bool:
    """Two name parts that spell one name: equal, equal once spelling choices are
    folded, or one vowel apart (Shukur/Shukr). Two different names the variants
    table lists (Hassan, Hussein) never match, nor two numerals (Frederick II, III)."""
    if a == b:
        return True
    if (a in lex.canonical and b in lex.canonical) or NUMERAL.match(a) or NUMERAL.match(b):
        return False
    return spelling_key(a) == spelling_key(b) or _close(a, b)


def unmatched(parts: Iterable[str], others: Iterable[str], lex: Lexicon) -> tuple[str, ...]:
    """The parts with no same_part among `others`."""
    pool = tuple(others)
    return tuple(p for p in parts if not any(same_part(p, o, lex) for o in pool))


def units(parts: Iterable[str], lex: Lexicon) -> frozenset[str]:
    """The kinds of unit a name names: {"kataib"} for "Hezbollah Brigades"."""
    return frozenset(lex.units[p] for p in parts if p in lex.units)


def generic_kinds(parts: Iterable[str], lex: Lexicon) -> frozenset[str]:
    """The generic kinds a name states: {"movement"} for "Badr Organization"."""
    return frozenset(lex.generic[p] for p in parts if p in lex.generic)


# the memoised pure functions, emptied after a resolution (resolve.clear_caches)
CACHES = (_alike, spelling_key)
