"""Guards: pairs of names that must never be merged automatically, with the reason
(the decide move of the flow: cluster.py asks them before it applies a link, and a
refusal is recorded with the reason they give).

A wrong merge (two brothers, two brigades) is worse than a missed one, so
every automatic merge is checked against these rules; only an analyst's
judgement or the text itself ("X, known as Y") may override them.

- Different acronyms (AAH, KH) are different names; an acronym and a long
  name whose initials do not spell it are too.
- Different kinds of unit: "Kataib Hezbollah" (brigades) is not "Hezbollah",
  "Hamas Relations Office" is not "Hamas", "X Brigades" is not "X Movement".
- Both names have a part the other lacks: "Islamic Resistance in Iraq" is not
  "Islamic Resistance in Hamas", "Muhammad Al-Hafi" is not "Ahmed Al-Hafi".
  One-sided extras are fine ("Shibl al-Zaydi" / "Shibl Mohsen Obaid al-Zaydi").
- People: different given names ("Ahmed Hafi" / "Muhammad Ahmed Hafi"); a
  kunya ("Abu Taqi") is a by-name, not a given name, and is not compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from threadline.records import EntityType
from threadline.resolve.acronyms import fits_initials
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name
from threadline.resolve.similarity import generic_kinds, same_part, units, unmatched

KUNYA = ("abu_", "umm_")


def acronym_conflict(short: Name, others: Iterable[Name], lex: Lexicon) -> str | None:
    """An acronym joins names only if no other acronym is among them and, when they
    hold multi-word names, it spells the initials of one of them."""
    longs = []
    for other in others:
        if other.is_acronym and other.key != short.key:
            return f"'{short.surface}' and '{other.surface}' are different acronyms"
        if len(other.core) >= 2 and not other.is_acronym:
            longs.append(other)
    if longs and not any(fits_initials(short.surface, n.surface, lex) for n in longs):
        return f"'{short.surface}' spells the initials of none of '{longs[0].surface}' and the rest"
    return None


def _given_conflict(a: Name, b: Name, lex: Lexicon) -> str | None:
    if min(len(a.specific), len(b.specific)) < 2:
        return None
    ga, gb = a.specific[0], b.specific[0]
    if ga.startswith(KUNYA) or gb.startswith(KUNYA) or same_part(ga, gb, lex):
        return None
    return f"given names differ: '{a.surface}' / '{b.surface}'"


@lru_cache(maxsize=65536)
def designator_words(name: Name, lex: Lexicon) -> frozenset[str]:
    """The words of a name made of generic and unit words only ("the Strip"); else empty."""
    words = frozenset(name.tokens) - lex.skippable
    return words if words and all(w in lex.generic or w in lex.units for w in words) else frozenset()


@lru_cache(maxsize=262144)
def conflict(
    a: Name, b: Name, lex: Lexicon, types: tuple[EntityType, EntityType] = ("other", "other")
) -> str | None:
    """Why `a` and `b` cannot name one entity, or None when they may."""
    if a.key == b.key:
        return None
    for short, full in ((a, b), (b, a)):
        words = designator_words(short, lex)
        if words:
            return None if words <= set(full.tokens) else f"'{full.surface}' is no '{short.surface}'"
    if a.is_acronym or b.is_acronym:
        short, other = (a, b) if a.is_acronym else (b, a)
        return acronym_conflict(short, [other], lex)
    ua, ub = units(a.core, lex), units(b.core, lex)
    if ua != ub:
        return f"different kinds of unit: '{a.surface}' / '{b.surface}'"
    ka, kb = generic_kinds(a.core, lex), generic_kinds(b.core, lex)
    if ka and kb and ka != kb:
        return f"different kinds: '{a.surface}' / '{b.surface}'"
    only_a, only_b = unmatched(a.specific, b.specific, lex), unmatched(b.specific, a.specific, lex)
    if only_a and only_b:
        return f"each has a part the other lacks: '{a.surface}' ({only_a[0]}) / '{b.surface}' ({only_b[0]})"
    if types == ("person", "person"):
        return _given_conflict(a, b, lex)
    return None
