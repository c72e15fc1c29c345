"""What resolution reads in a story's text, read once per story and kept.

Resolution reads a story's text in four places, each a pure function of the story's
text, its mentions and the lexicon: the words around a text mention that vote on its
type (entity_types.context_cues), the acronyms the text defines (acronyms.definitions_in),
the other names it states ("X, known as Y": appositions.stated_aliases) and an acronym
in brackets right after a name ("Name (ACR)", within_story.bracketed_acronym_links).
None of them depends on another story or on what resolution decided, so they are
computed once, when a story is first resolved, and stored (`Cues`, as JSON, per story:
store `story_cues`); a later refresh reads them back instead of every story's text.

`StoryText` answers the four questions from the stored cues where it has them, else
from the text (each part computed on first use, in the resolution unit that asks, so a
part that fails costs only that unit, as before). A text mention is named by its
(start, end): the store keys mentions by story, zone and offsets, so two text mentions
of one story never share them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from sys import intern
from typing import Any

from threadline.records import EntityType, Mention, shared_int
from threadline.resolve.acronyms import AcronymDefinition, definitions_in
from threadline.resolve.appositions import stated_aliases
from threadline.resolve.entity_types import context_cues
from threadline.resolve.lexicon import Lexicon

# Bump when what the cues hold, or how they are read, changes: stored cues of another
# version are computed again from the text.
CUES_FORMAT = "1"
Span = tuple[int, int]  # a text mention's (start, end)


@dataclass(frozen=True, slots=True)
class Cues:
    """Everything resolution reads in one story's text."""

    context: Mapping[Span, tuple[EntityType, ...]]  # only text mentions the words around vote for
    definitions: tuple[AcronymDefinition, ...]
    aliases: tuple[tuple[Span, Span, str], ...]  # first, second, the phrase between, in text order
    brackets: frozenset[tuple[Span, Span]]  # (name, acronym): "Name (ACR)" in the text

    def to_json(self) -> str:
        return json.dumps(
            {
                "context": [[*span, list(kinds)] for span, kinds in sorted(self.context.items())],
                "definitions": [[d.short, d.long, d.start, d.end] for d in self.definitions],
                "aliases": [[*a, *b, phrase] for a, b, phrase in self.aliases],
                "brackets": [[*a, *b] for a, b in sorted(self.brackets)],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, story_id: str, raw: str) -> Cues:
        """The kept cues, read back with one object per equal value: a refresh holds
        every story's cues at once, and json makes a fresh int, string and list for
        each number, type and span it reads (resolution's offsets, interned, are shared
        with the mentions': store/layout.py)."""
        doc = json.loads(raw)
        return cls(
            context={_span_of(s, e): _kinds(kinds) for s, e, kinds in doc["context"]},
            definitions=tuple(_definition(story_id, *d) for d in doc["definitions"]),
            aliases=tuple(
                (_span_of(s1, e1), _span_of(s2, e2), intern(phrase))
                for s1, e1, s2, e2, phrase in doc["aliases"]
            ),
            brackets=frozenset((_span_of(s1, e1), _span_of(s2, e2)) for s1, e1, s2, e2 in doc["brackets"])
            or NO_BRACKETS,
        )


NO_BRACKETS: frozenset[tuple[Span, Span]] = frozenset()  # most stories': one object, not one each
_KINDS: dict[tuple[str, ...], tuple[EntityType, ...]] = {}  # the few lists of types a context gives


def _kinds(kinds: list[str]) -> tuple[EntityType, ...]:
    key = tuple(kinds)
    return _KINDS.setdefault(key, tuple(intern(k) for k in key))  # type: ignore[misc]


def _span_of(start: int, end: int) -> Span:
    return (shared_int(start), shared_int(end))


def _definition(story_id: str, short: str, long: str, start: int, end: int) -> AcronymDefinition:
    return AcronymDefinition(story_id, intern(short), intern(long), shared_int(start), shared_int(end))


class StoryText:
    """One story's text as resolution reads it: from stored cues, or from the text."""

    __slots__ = ("_aliases", "_brackets", "_context", "_definitions", "lex", "stored", "story_id", "text")

    def __init__(self, story_id: str, text: str, lex: Lexicon, stored: Cues | None = None) -> None:
        self.story_id, self.text, self.lex, self.stored = story_id, text, lex, stored
        self._context: dict[Span, tuple[EntityType, ...]] = {}
        self._definitions: tuple[AcronymDefinition, ...] | None = None
        self._aliases: tuple[tuple[Span, Span, str], ...] | None = None
        self._brackets: frozenset[tuple[Span, Span]] | None = None

    def context(self, mention: Mention) -> tuple[EntityType, ...]:
        """Types the words right around a text mention suggest (a headline's cue nothing)."""
        if mention.zone != "text":
            return ()
        span = (mention.start, mention.end)
        if self.stored is not None:
            return self.stored.context.get(span, ())
        if span not in self._context:
            self._context[span] = tuple(context_cues(mention, self.text, self.lex))
        return self._context[span]

    def definitions(self) -> tuple[AcronymDefinition, ...]:
        if self.stored is not None:
            return self.stored.definitions
        if self._definitions is None:
            self._definitions = tuple(definitions_in(self.story_id, self.text, self.lex))
        return self._definitions

    def aliases(self, mentions: Sequence[Mention]) -> list[tuple[Mention, Mention, str]]:
        """Pairs of the story's text mentions the text says name one entity, with the phrase."""
        if self.stored is None and self._aliases is None:
            found = stated_aliases(mentions, self.text)
            self._aliases = tuple((_span(a.first), _span(a.second), a.phrase) for a in found)
        stated = self.stored.aliases if self.stored is not None else self._aliases or ()
        if not stated:
            return []  # most stories state none: no map of their mentions
        at = {_span(m): m for m in mentions}
        return [(at[a], at[b], phrase) for a, b, phrase in stated]

    def bracketed(self, name: Mention, acronym: Mention, mentions: Iterable[Mention]) -> bool:
        """Whether the text reads "name (acronym)": only an opening bracket between them
        and a closing one right after the acronym; `mentions`: the story's text mentions."""
        return (_span(name), _span(acronym)) in self._bracket_pairs(mentions)

    def bracket_spans(self, mentions: Iterable[Mention]) -> frozenset[tuple[Span, Span]]:
        """Every (name, acronym) pair of spans the text reads as "name (acronym)";
        `mentions`: the story's text mentions."""
        return self._bracket_pairs(mentions)

    def _bracket_pairs(self, mentions: Iterable[Mention]) -> frozenset[tuple[Span, Span]]:
        if self.stored is not None:
            return self.stored.brackets
        if self._brackets is None:
            self._brackets = bracket_pairs(mentions, self.text)
        return self._brackets

    def cues(self, mentions: Sequence[Mention]) -> Cues:
        """Everything this story's text gives, to store; `mentions`: all of the story's."""
        if self.stored is not None:
            return self.stored
        text_mentions = [m for m in mentions if m.zone == "text"]
        context = {_span(m): kinds for m in text_mentions if (kinds := self.context(m))}
        self.aliases(text_mentions)
        return Cues(context, self.definitions(), self._aliases or (), self._bracket_pairs(text_mentions))


def bracket_pairs(mentions: Iterable[Mention], text: str) -> frozenset[tuple[Span, Span]]:
    """Every (name, acronym) pair of text mentions where text[name.end:acronym.start],
    stripped, is "(" and text[acronym.end:acronym.end + 2], stripped, opens with ")":
    the name must end in the run of blanks before that bracket, or right at it."""
    spans = [_span(m) for m in mentions]
    by_end: dict[int, list[Span]] = {}
    for span in spans:
        by_end.setdefault(span[1], []).append(span)
    found: set[tuple[Span, Span]] = set()
    for acronym in spans:
        if not text[acronym[1] : acronym[1] + 2].strip().startswith(")"):
            continue
        bracket = _blank_start(text, acronym[0]) - 1
        if bracket < 0 or text[bracket] != "(":
            continue
        for end in range(_blank_start(text, bracket), bracket + 1):
            found.update((name, acronym) for name in by_end.get(end, ()) if name != acronym)
    return frozenset(found)


def _blank_start(text: str, end: int) -> int:
    """Where the run of whitespace that ends at `end` begins."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _span(mention: Mention) -> Span:
    return (mention.start, mention.end)


def cues_version(lex: Lexicon) -> str:
    """The version stored cues must carry to be read: the format's and the lexicon's own
    (its word lists and context patterns), so that edited data files recompute them."""
    return f"{CUES_FORMAT}-{_lexicon_digest(lex)}"


@lru_cache(maxsize=8)
def _lexicon_digest(lex: Lexicon) -> str:
    canonical = json.dumps([[f.name, _canonical(getattr(lex, f.name))] for f in fields(lex)])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _canonical(value: Any) -> Any:
    """A JSON-able form of a lexicon field that does not depend on hash order."""
    if hasattr(value, "pattern"):
        return value.pattern
    if isinstance(value, Mapping):
        return sorted([str(k), _canonical(v)] for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(_canonical(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return [[f.name, _canonical(getattr(value, f.name))] for f in fields(value)]
    return value
