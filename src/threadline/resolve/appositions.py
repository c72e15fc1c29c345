"""Another name stated in the text: "X, known in Arabic as Y", "X, whose real name is Y".

Only two mentions joined by one of these phrases and nothing else count, so
"X, known as the architect of ..." (no mention after "as") links nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from threadline.records import Mention

_KNOWN_AS = (
    r"(?:also |more commonly |better |commonly |widely |locally |formerly |previously |otherwise )?"
    r"(?:known|referred to|called)"
    r"(?: locally| in arabic| in english| in kurdish| in persian| in farsi| in hebrew| in turkish| by his nom de guerre)?"
    r" as"
)
_REAL_NAME = r"(?:whose real name is|real name|born|also called|a\.k\.a\.|aka|alias|nom de guerre|nicknamed)"
BETWEEN = re.compile(
    rf"^\s*[,(]?\s*(?:{_KNOWN_AS}|{_REAL_NAME})\s+(?:the\s+)?[\"“‘']?$",
    re.IGNORECASE,
)
MAX_GAP = 60


@dataclass(frozen=True, slots=True)
class StatedAlias:
    """`first` and `second` are said in story `story_id` to name one entity, by `phrase`."""

    story_id: str
    first: Mention
    second: Mention
    phrase: str


def stated_aliases(mentions: Sequence[Mention], text: str) -> Iterator[StatedAlias]:
    """Pairs of neighbouring mentions in one story's text joined by a naming phrase."""
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    pairs = [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 : i + 3]]  # "known in Arabic as"
    for first, second in pairs:
        gap = text[first.end : second.start]
        if len(gap) > MAX_GAP or not BETWEEN.match(gap):
            continue
        if (first.type == "location") != (second.type == "location"):
            continue
        yield StatedAlias(first.story_id, first, second, " ".join(gap.split()).strip(",( "))
