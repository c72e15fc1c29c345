"""What a relation pattern proposes, and the token patterns the families share."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from threadline.extract.parsed import HYPHENS, ROLE, ParsedStory, cached_matcher
from threadline.vocabulary import Vocabulary

PERSON = {"ENT_TYPE": "person"}
ORG = {"ENT_TYPE": "organization"}
LOC = {"ENT_TYPE": "location"}
NAME = {"ENT_TYPE": {"IN": ["organization", "location"]}}
TITLE = {"ENT_TYPE": ROLE}
COMMA = {"ORTH": ","}
HYPHEN = {"ORTH": {"IN": list(HYPHENS)}}
BREAKS = [",", ".", ";", ":", "(", ")", "“", "”", '"', "—", "–", "?", "!"]


def gap(most: int, *, verbs: bool = False) -> dict:
    """Up to `most` tokens inside one phrase: no person, no clause punctuation."""
    token: dict = {"ENT_TYPE": {"NOT_IN": ["person"]}, "ORTH": {"NOT_IN": BREAKS}, "IS_SPACE": False}
    if not verbs:
        token["POS"] = {"NOT_IN": ["VERB", "AUX"]}
    return {**token, "OP": f"{{0,{most}}}"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """subject predicate object, as mention tokens, with the token the fact hangs on."""

    subject: Token
    predicate: str
    object: Token
    anchor: Token
    pattern: str
    role: str | None = None
    former: bool = False  # the text states it as held once and no longer ("former commander")


def matches(
    ps: ParsedStory, family: str, patterns: Callable[[Vocabulary], dict[str, list[list[dict]]]]
) -> list[tuple[str, int, int]]:
    """(pattern name, start, end) for every match of a family's named patterns."""
    # the patterns hold words of the story's vocabulary: one matcher per data folder
    vocabulary = ps.vocabulary
    matcher = cached_matcher(ps.doc.vocab, f"{family}@{vocabulary.data_dir}", lambda: patterns(vocabulary))
    vocab = ps.doc.vocab
    return [(vocab.strings[key], start, end) for key, start, end in matcher(ps.doc)]


def names_in_story(ps: ParsedStory, names: tuple[str, ...], near: Token) -> Token | None:
    """The mention of one of `names` nearest before `near` (else the first after it)."""
    runs = [found for found in {ps.mentions_named(n, loosely=True) for n in names} if found]
    before = [found[k - 1] for found in runs if (k := bisect_left(found, near.i))]
    if before:
        return ps.doc[max(before)]
    return ps.doc[min(found[0] for found in runs)] if runs else None
