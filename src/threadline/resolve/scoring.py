"""Score (the second move of the flow): two multi-part names from different stories
that blocking put side by side.

The scorer is a short ladder of evidence, not a learned model, so every merge
can be explained in one line:

- 0.0  the guards forbid the pair (see guards.py), or one side is an acronym
       or a single part (those go through the acronym and short-form rules);
- 0.95 the same parts, spelled or ordered differently: every part of each
       name has a same_part in the other (Mohammed/Muhammad from the variants
       table, Zaydi/Zaidi from folded spelling, Shukur/Shukr one vowel apart),
       generic words aside when both have some ("Badr movement" / "Badr
       Organization");
- 0.75 the same parts, but only one name adds a generic word ("Islamic
       Resistance" / "Islamic Resistance Movement"): left to the short-form
       rule, which demands that the short name fits one full name only;
- 0.90 people only: one name adds middle parts to the other and both share
       given name and surname ("Shibl al Zaydi" / "Shibl Mohsen Obaid al Zaydi");
- 0.75 organisations and places: one name adds a country ("Hezbollah" /
       "Lebanese Hezbollah") - below the bar, left to the short-form rule,
       which also demands that the short name fits one full name only;
- 0.0  anything else.

MERGE_AT is the bar a pair must reach to be merged (the decision; a pair below it is
recorded as refused, with its score and reason).
"""

from __future__ import annotations

from threadline.records import EntityType
from threadline.resolve.guards import conflict
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name
from threadline.resolve.similarity import same_part, unmatched

MERGE_AT = 0.85


def _generic_score(a: Name, b: Name) -> tuple[float, str]:
    """Same distinguishing parts: one name, unless only one of them says what it is
    ("Islamic Resistance" / "Islamic Resistance Movement" may be two things)."""
    generic_a = len(a.core) > len(a.specific)
    generic_b = len(b.core) > len(b.specific)
    if generic_a != generic_b:
        return 0.75, "one adds a generic word only"
    return 0.95, f"'{a.surface}' and '{b.surface}' are one name spelled two ways"


def score(a: Name, b: Name, lex: Lexicon, types: tuple[EntityType, EntityType]) -> tuple[float, str]:
    """How likely `a` and `b` name one entity, with the reason in words."""
    if a.is_acronym or b.is_acronym or min(len(a.core), len(b.core)) < 2:
        return 0.0, "acronym or single part"
    why = conflict(a, b, lex, types)
    if why:
        return 0.0, why
    only_a, only_b = unmatched(a.specific, b.specific, lex), unmatched(b.specific, a.specific, lex)
    if not only_a and not only_b:
        return _generic_score(a, b)
    extras = only_a or only_b
    if types == ("person", "person"):
        first = same_part(a.specific[0], b.specific[0], lex)
        last = same_part(a.specific[-1], b.specific[-1], lex)
        if first and last:
            return 0.9, f"'{a.surface}' and '{b.surface}' share given name and surname"
        return 0.0, "given name or surname differ"
    if all(p in lex.places for p in extras):
        return 0.75, "one adds a country"
    return 0.0, "one adds a distinguishing part"
