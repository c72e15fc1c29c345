"""Truecasing: words a page shouts in capitals, given back the case the story writes them in.

Wire copy and many pages set headlines and datelines in capitals ("MILITANTS KILL 17
SOLDIERS IN NIGER", "NIAMEY, March 4 (Sahara Wire) —"). The statistical model reads
case as evidence, so capitals turn verbs into names and names into organizations. Before
parsing, a shouted word takes the casing the same word has elsewhere in the story's own
text; a word the story never writes otherwise is lower-cased, except where it opens its
line or stands for a place in a dateline, where it is capitalised. An acronym the story
also writes in capitals ("UN", "FAMa") stays as it is.

Headlines set in title case ("Remains Of 30 People Found In A Search By Qatar") keep a
capital only on the words the story capitalises too ("Qatar"), in that form or another
("Syrian" for "Syria's"). In a story's text only a line with a capitalised small word
("Of", "In", "By") is read as such a headline: agate lines of results ("Borussia Dortmund
1 Karlsruhe 1") and lists of names capitalise their words because they are names.

The result has the same length as the input, character for character, so every offset
into it is an offset into the original text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

SHOUTING_SHARE = 0.6  # share of a line's words in capitals that makes it a shouted line
SHOUTING_MIN_WORDS = 3
TITLE_CASE_SHARE = 0.7  # share of a line's longer words capitalised that makes it title case
TITLE_CASE_MIN_WORDS = 3
TITLE_CASE_WORD = 4  # letters a word needs to count: headline style leaves "of", "in" small
TITLE_CASE_MAX_WORDS = 25
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A capitalised place opening a paragraph, then what a dateline holds after it: a region
# ("ABUJA, Nigeria,"), a date ("March 4", "1996-08-22"), the agency in brackets before a
# dash ("(Reuters) -"), a dash. An acronym opening a sentence ("ENASA (Empresa ...) was")
# is none: its bracket holds no agency before a dash.
_DATELINE_PLACE = re.compile(
    rf"^((?:[A-Z][A-Z'’.\-]+)(?:[ /][A-Z][A-Z'’.\-]+){{0,3}})"
    rf"(?=(?:\s?,\s*[A-Z][\w.' -]+?)*(?:\s?,?\s*{_MONTH}\s+\d|\s*\([^()\n]{{1,40}}\)\s*[—–-]"
    rf"|\s*[—–-]|\s+\d{{4}}-\d\d-\d\d))"
)
# What makes a capitalised place a dateline for sure: a date or an agency before a dash.
_DATELINE_FACTS = re.compile(
    rf"(?:\s?,\s*[A-Z][\w.' -]+?)*(?:\s?,?\s*{_MONTH}\s+\d|\s*\([^()\n]{{1,40}}\)\s*[—–-]"
    rf"|\s+\d{{4}}-\d\d-\d\d)"
)
_AGENCY = re.compile(r"\(\s*([A-Z][^()\n]{0,38}?)\s*\)\s*[—–-]")
DATELINE_LINES = 3  # a dateline opens the story, after at most a headline and a byline
# Small words a title-case headline capitalises and a list of names does not hold.
_SMALL_WORDS = frozenset(
    "a an the of in on at to for by with from into after over as and or but near amid against".split()
)


def _is_caps(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def shouted(line: str) -> bool:
    """Whether most of a line's words are set in capitals."""
    words = _WORD.findall(line)
    caps = sum(1 for w in words if _is_caps(w))
    return caps >= SHOUTING_MIN_WORDS and caps >= SHOUTING_SHARE * len(words)


def title_cased(line: str) -> bool:
    """Whether a line is a headline that capitalises (nearly) every longer word: short,
    with no sentence stop at its end."""
    if line.rstrip(" \"'”’").endswith((".", "!", "?")) or len(line.split()) > TITLE_CASE_MAX_WORDS:
        return False
    words = [w for w in _WORD.findall(line) if len(w) >= TITLE_CASE_WORD and not w.isupper()]
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= TITLE_CASE_MIN_WORDS and capitalised >= TITLE_CASE_SHARE * len(words)


def headline_styled(line: str) -> bool:
    """A title-case line that capitalises a small word past its first: a headline, not a
    line of names ("Talks On Niger Open In Algiers", not "Bayern Munich 2 Hamburg 1")."""
    words = _WORD.findall(line)[1:]
    return title_cased(line) and any(w[:1].isupper() and w.lower() in _SMALL_WORDS for w in words)


def casings(reference: str) -> dict[str, str]:
    """Word (case-folded) -> its most frequent casing in lines that do not shout; the
    capitals form only where the story has no other."""
    seen: dict[str, Counter[str]] = {}
    for line in reference.splitlines():
        if shouted(line) or title_cased(line):
            continue
        for match in _WORD.finditer(line):
            word = match.group()
            seen.setdefault(word.casefold(), Counter())[word] += 1
    return {key: max(counts, key=lambda w: (not _is_caps(w), counts[w])) for key, counts in seen.items()}


def _same_length(word: str, cased: str) -> str:
    """cased, unless changing case changed a character count (ß, İ): then word."""
    return cased if len(cased) == len(word) else word


def _recase(word: str, known: dict[str, str], capitalise: bool, place: bool) -> str:
    """A word in capitals as the story writes it; a name of a place never as an acronym."""
    if not _is_caps(word):
        return word
    usual = known.get(word.casefold())
    if usual is None or (place and _is_caps(usual)):
        usual = word.lower()
    if capitalise and usual[:1].islower():
        usual = usual[:1].upper() + usual[1:]
    return _same_length(word, usual)


_SUFFIXES = ("ing", "ed", "es", "s", "d")


def stem(word: str) -> str:
    """A crude stem, enough to see "reiterates" and "reiterated" as one word."""
    lower = word.casefold()
    return next((lower[: -len(s)] for s in _SUFFIXES if lower.endswith(s) and len(lower) > len(s) + 3), lower)


def _another_form(word: str, capitalised: set[str]) -> bool:
    """Whether the story capitalises another form of the word: "Syrian" for "Syria"."""
    root = stem(word)
    return len(root) >= 4 and any(w.startswith(root) or root.startswith(w) for w in capitalised)


def _title_word(word: str, known: dict[str, str], capitalised: set[str]) -> str:
    """A capitalised word of a title-case line as the story writes it: capitalised only
    where the story capitalises it or another form of it."""
    if not word[:1].isupper() or word.isupper():
        return word
    usual = known.get(word.casefold())
    if usual is not None:
        return _same_length(word, usual)
    return word if _another_form(word, capitalised) else _same_length(word, word.lower())


def _map_words(text: str, end: int, recase: Callable[[int, str], str]) -> str:
    """text with each word before `end` replaced by recase(its number, the word)."""
    out, last = [], 0
    for n, match in enumerate(_WORD.finditer(text, 0, end)):
        out += [text[last : match.start()], recase(n, match.group())]
        last = match.end()
    return "".join(out) + text[last:]


def truecase_line(line: str, known: dict[str, str], headline: bool = True) -> str:
    """A shouted line recased word by word; a dateline's place; a title-case headline's
    common words (in a story's text, `headline` False, only a headline-styled line's)."""
    if shouted(line):
        return _map_words(line, len(line), lambda n, w: _recase(w, known, capitalise=n == 0, place=False))
    place = _DATELINE_PLACE.match(line)
    if place is not None:
        return _map_words(line, place.end(1), lambda n, w: _recase(w, known, capitalise=True, place=True))
    if title_cased(line) if headline else headline_styled(line):
        stems = {stem(w) for w in known.values() if w[:1].isupper() and len(w) >= TITLE_CASE_WORD}
        return _map_words(line, len(line), lambda n, w: w if n == 0 else _title_word(w, known, stems))
    return line


def truecase(text: str, reference: str | None = None) -> str:
    """text with shouted words recased by their casing in `reference`. With no reference,
    text is a story's text (its own reference); with one, a headline."""
    known = casings(text if reference is None else reference)
    lines = text.split("\n")
    cased = "\n".join(truecase_line(line, known, headline=reference is not None) for line in lines)
    return cased if len(cased) == len(text) else text


class DatelineSpans(NamedTuple):
    """Offsets into a story's text of its dateline's place, and of the agency in brackets."""

    place: tuple[int, int]
    agency: tuple[int, int] | None


def dateline_spans(text: str) -> DatelineSpans | None:
    """The dateline opening a story's text ("BRUSSELS 1996-08-22", "NIAMEY, March 4
    (Sahara Wire) —"): a capitalised place before a date or an agency and a dash."""
    offset = 0
    for line in text.split("\n")[:DATELINE_LINES]:
        place = _DATELINE_PLACE.match(line)
        facts = _DATELINE_FACTS.match(line, place.end(1)) if place is not None else None
        if place is not None and facts is not None:
            agency = _AGENCY.search(line, facts.start(), facts.end())
            where = (offset + agency.start(1), offset + agency.end(1)) if agency else None
            return DatelineSpans((offset + place.start(1), offset + place.end(1)), where)
        offset += len(line) + 1
    return None
