"""Boilerplate: page furniture that is not reporting, matched by the rules in boilerplate.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from threadline.errors import DataFileError
from threadline.ingest.lines import word_count
from threadline.vocab import load_yaml

RULES_FILE = "boilerplate.yaml"
End = Literal["strong", "weak"]

_LINK_SEPARATORS = re.compile(r"\s*[|•·»]\s*")
_LINK_ITEM_MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class Rule:
    """One boilerplate rule: a family name, why it is safe, and the line pattern it cuts."""

    name: str
    comment: str
    pattern: re.Pattern[str]
    max_words: int | None = None
    end: End | None = None

    def matches(self, line: str) -> bool:
        if self.max_words is not None and word_count(line) > self.max_words:
            return False
        return self.pattern.search(line) is not None


LINK_LIST = Rule("link_list", "a row of three or more short links", re.compile(r"(?!)"))


def _rule(entry: dict[str, object]) -> Rule:
    try:
        flags = 0 if entry.get("case") == "sensitive" else re.IGNORECASE
        end = entry.get("end")
        if end not in (None, "strong", "weak"):
            raise ValueError(f"end must be strong or weak, not {end!r}")
        max_words = entry.get("max_words")
        return Rule(
            name=str(entry["name"]),
            comment=str(entry["comment"]),
            pattern=re.compile(str(entry["pattern"]), flags),
            max_words=int(max_words) if max_words is not None else None,  # type: ignore[call-overload]
            end=end,  # type: ignore[arg-type]
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise DataFileError(f"{RULES_FILE}: bad rule {entry!r}: {exc}") from exc


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """Every rule of boilerplate.yaml, compiled; a malformed rule raises DataFileError."""
    return tuple(_rule(entry) for entry in load_yaml(RULES_FILE)["rules"])


def is_link_list(line: str) -> bool:
    """A row of three or more short items between separators: a menu, not a sentence."""
    items = [item for item in _LINK_SEPARATORS.split(line) if item]
    return len(items) >= 3 and all(word_count(item) <= _LINK_ITEM_MAX_WORDS for item in items)


def match_boilerplate(line: str) -> Rule | None:
    """The first rule that cuts `line`, or None when the line may be reporting."""
    return next((rule for rule in rules() if rule.matches(line)), None)
