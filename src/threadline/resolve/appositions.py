"""Another name stated in the text: "X, known in Arabic as Y", "X, whose real name is Y",
"X, better known by his kunya Y", "X, who goes by the nom de guerre Y", "X (also spelled Y)".

Only two mentions joined by one of these phrases and nothing else count, so
"X, known as the architect of ..." (no mention after "as") links nothing. A place
and a name that is no place are not linked ("X, known in Arabic as Y" where the
model called one of them a place), unless the phrase names a person's other name
(kunya, nom de guerre, real name): then the model's type is what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from threadline.records import Mention

_QUALIFIER = r"(?:also |more commonly |better |best |commonly |widely |locally |formerly |previously |otherwise |now )?"
_BY_NAME = (
    r"(?:his |her |its |their |the )?(?:kunya|nom de guerre|nom-de-guerre|alias|name|nickname|pseudonym|"
    r"moniker|war name|code name|codename)"
)
_KNOWN_AS = (
    rf"{_QUALIFIER}(?:known|referred to|called|spelled|spelt|written|styled|dubbed|identified)"
    r"(?: locally| in arabic| in english| in french| in kurdish| in persian| in farsi| in hebrew| in turkish"
    r"| in somali| in hausa| in pashto| in urdu| in russian| in spanish| by his nom de guerre)?"
    r" as"
)
# "better known by his kunya Y", "who goes by the nom de guerre Y", "whose kunya is Y"
_KNOWN_BY = (
    rf"(?:{_QUALIFIER}known by|(?:who |which )?(?:goes|went|go) by|(?:who |which )?(?:uses|used|use)|using|under"
    rf"|with) {_BY_NAME}"
)
_WHOSE = rf"whose (?:real |full |birth |given |original |actual )?{_BY_NAME} (?:is|was)"
_REAL_NAME = (
    r"(?:whose real name is|real name|born|birth name|also called|a\.k\.a\.|aka|alias|nom de guerre|kunya|"
    r"nicknamed|or simply|also spelled|also spelt|also written|formerly|previously|now called|now named)"
)
BETWEEN = re.compile(
    rf"^\s*[,(]?\s*(?:{_KNOWN_AS}|{_KNOWN_BY}|{_WHOSE}|{_REAL_NAME})\s*:?\s+(?:the\s+)?[\"“‘']?$",
    re.IGNORECASE,
)
# Phrases that only a person's other name follows: the model's types do not bar the link.
PERSONAL = re.compile(
    r"kunya|nom.de.guerre|real name|birth name|full name|given name|pseudonym|born", re.IGNORECASE
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
        if (first.type == "location") != (second.type == "location") and not PERSONAL.search(gap):
            continue
        yield StatedAlias(first.story_id, first, second, " ".join(gap.split()).strip(",( "))
