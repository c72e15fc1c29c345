"""The deaths reports state, for ACLED-style event tables: a count or nothing.

Read from the verbatim quotes an event keeps, with the words of data/casualties.yaml:
"four fighters were killed", "killing 12 soldiers", "the death toll rose to 14";
"no one was killed" is 0. What is feared, threatened or possible ("could kill 20",
"threatened to kill them") counts for nothing, and so do vague amounts ("dozens").
Of several reports, the smallest count is the one given: ACLED's conservative rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadline.errors import DataFileError
from threadline.vocab import load_yaml

FILE = "casualties.yaml"


@dataclass(frozen=True, slots=True)
class CasualtyCues:
    numbers: Mapping[str, int]
    died_words: tuple[str, ...]
    killing_words: tuple[str, ...]
    toll_words: tuple[str, ...]
    none_phrases: tuple[str, ...]
    unreal_words: tuple[str, ...]


def read_casualty_cues(data_dir: Path) -> CasualtyCues:
    """The folder's casualty cues; a folder without the file states no counts."""
    if not (data_dir / FILE).is_file():
        return CasualtyCues({}, (), (), (), (), ())
    doc: Any = load_yaml(FILE, data_dir)
    if not isinstance(doc, dict):
        raise DataFileError(f"{data_dir / FILE}: expected a mapping of casualty cues")
    numbers = doc.get("numbers") or {}
    if not all(isinstance(v, int) and v >= 0 for v in numbers.values()):
        raise DataFileError(f"{data_dir / FILE}: numbers: every value must be a whole number")
    lists = ("died_words", "killing_words", "toll_words", "none_phrases", "unreal_words")
    return CasualtyCues(
        {str(k).lower(): v for k, v in numbers.items()},
        *(tuple(str(w).lower() for w in doc.get(key) or ()) for key in lists),
    )


def _any(words: Sequence[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


class CasualtyReader:
    """The counts one vocabulary's cues find in a quote."""

    def __init__(self, cues: CasualtyCues) -> None:
        count = rf"(?P<count>\d{{1,6}}|{_any(list(cues.numbers))})"
        died, killing = _any(cues.died_words), _any(cues.killing_words)
        self.cues = cues
        self.patterns = (
            re.compile(rf"\b{count}(?: [\w-]+){{0,3}}? (?:were |was |have been |had been )?{died}\b"),
            re.compile(rf"\b{killing} (?:at least |some |about )?{count}\b"),
            re.compile(rf"\b{_any(cues.toll_words)} (?:\w+ )?(?:to|at|of) (?:at least )?{count}\b"),
        )
        self.unreal_before = re.compile(rf"\b{_any(cues.unreal_words)} (?:have )?$")
        self.none = re.compile(rf"\b{_any(cues.none_phrases)}\b")

    def count(self, quote: str) -> int | None:
        """The smallest count the quote states, 0 when it says no one died, else None."""
        text = " ".join(quote.lower().replace(",", " ").split())
        if self.none.search(text):
            return 0
        values = (self._value(m) for p in self.patterns for m in p.finditer(text) if self._real(text, m))
        found = [v for v in values if v is not None]
        return min(found) if found else None

    def _real(self, text: str, match: re.Match[str]) -> bool:
        return not self.unreal_before.search(text[: match.start()])

    def _value(self, match: re.Match[str]) -> int | None:
        """The count, or None for a year ("in 2019 ...": four digits from 1900 to 2099)."""
        word = match.group("count")
        if not word.isdigit():
            return self.cues.numbers[word]
        return None if len(word) == 4 and 1900 <= int(word) <= 2099 else int(word)


def fatalities(reader: CasualtyReader, quotes: Sequence[str]) -> int | None:
    """The smallest count any report gives (ACLED's conservative figure), or None."""
    counts = [c for c in (reader.count(q) for q in quotes) if c is not None]
    return min(counts) if counts else None
