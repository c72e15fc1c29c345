"""Boilerplate: page furniture that is not reporting, matched by the rules in boilerplate.yaml.

A line is cut only on positive evidence: a rule's pattern, a row of short links or
navigation parts, or a line whose every part is furniture ("Last updated 18:02 GMT ·
Refresh for new posts · 11 updates"). A plain sentence matches none of them. A feed's
trailer after a sentence ("The post … appeared first on X.") is cut from the line's end
and the sentence kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from threadline.errors import DataFileError
from threadline.ingest.lines import word_count
from threadline.vocab import load_yaml
from threadline.vocabulary import active

RULES_FILE = "boilerplate.yaml"
End = Literal["strong", "weak"]

_LINK_SEPARATORS = re.compile(r"\s*[|•·»›]\s*|\s+[>/]\s+")
_PART_SEPARATORS = re.compile(r"\s+[|•·»›>/]\s+|\s*\|\s*")
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
NAVIGATION = Rule("navigation", "two or more short parts between separators", re.compile(r"(?!)"))
WIDGET_ROW = Rule("widget_row", "a row whose every part is page furniture", re.compile(r"(?!)"))


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


def rules() -> tuple[Rule, ...]:
    """The active vocabulary's boilerplate rules (threadline.vocabulary)."""
    return active().boilerplate_rules


def tail_patterns() -> tuple[re.Pattern[str], ...]:
    """The active vocabulary's feed trailers (threadline.vocabulary)."""
    return active().tail_patterns


def read_rules(data_dir: Path) -> tuple[Rule, ...]:
    """Every rule of boilerplate.yaml, compiled; a malformed rule raises DataFileError."""
    return tuple(_rule(entry) for entry in load_yaml(RULES_FILE, data_dir)["rules"])


def read_tail_patterns(data_dir: Path) -> tuple[re.Pattern[str], ...]:
    """The feed trailers of boilerplate.yaml, each matching the end of a line."""
    try:
        tails = load_yaml(RULES_FILE, data_dir)["tails"]
        return tuple(re.compile(str(e["pattern"]), re.IGNORECASE) for e in tails)
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"{RULES_FILE}: bad tail pattern: {exc}") from exc


def is_link_list(line: str) -> bool:
    """A row of three or more short items between separators: a menu, not a sentence."""
    items = [item for item in _LINK_SEPARATORS.split(line) if item]
    return len(items) >= 3 and all(word_count(item) <= _LINK_ITEM_MAX_WORDS for item in items)


def line_parts(line: str) -> list[str]:
    """The parts of a line between spaced separators ("<Outlet> | Yemen", "Save · Share")."""
    return [part.strip() for part in _PART_SEPARATORS.split(line) if part.strip()]


def is_navigation(line: str) -> bool:
    """Two or more short parts between separators, none a sentence: a masthead with its
    section or a breadcrumb ("<OUTLET> | Yemen"), never a headline or a sentence."""
    parts = line_parts(line)
    return len(parts) >= 2 and all(
        word_count(part) <= _LINK_ITEM_MAX_WORDS and part[-1] not in ".!?" for part in parts
    )


def _rule_for(line: str) -> Rule | None:
    return next((rule for rule in rules() if rule.matches(line)), None)


def match_boilerplate(line: str) -> Rule | None:
    """The rule that cuts `line`, or None when the line may be reporting. A menu is named
    as one before any rule ("Home | Niger | Donate" is no donation appeal)."""
    if is_link_list(line):
        return LINK_LIST
    if is_navigation(line):
        return NAVIGATION
    found = _rule_for(line)
    if found is not None:
        return found
    parts = line_parts(line)
    if len(parts) >= 2 and all(_rule_for(part) or is_link_list(part) for part in parts):
        return WIDGET_ROW
    return None


def split_tail(line: str) -> tuple[str, str | None]:
    """The line less a feed trailer after its sentence, and the trailer (None when none)."""
    for pattern in tail_patterns():
        found = pattern.search(line)
        if found is not None and found.start() > 0 and line[: found.start()].strip():
            return line[: found.start()].rstrip(), line[found.start() :].strip()
    return line, None
