"""The model's attribute rules, matched through an index instead of spaCy's Matcher.

The pinned model's `attribute_ruler` (tag → POS and morphology, a few lemma and
POS exceptions: 179 rules) asks spaCy's Matcher every rule at every token, and that
was 16-18 % of parsing a news corpus. Every one of its rules is a token pattern of
one or two tokens whose conditions are equalities, IN / NOT_IN sets or a regular
expression on LOWER, TAG, DEP or IS_SPACE; so each rule is indexed by a value its
first token must have, and only the rules a token's values name are tried there.
The matches (rule number, key, start, end) are the Matcher's, deduplicated and
sorted as AttributeRuler.match sorts them, and are applied by the ruler's own
`set_annotations`: the same attributes, set in the same order, so every token's
POS, morphology and lemma are what the model alone gives (tests/nlp compares them
token by token). A ruler holding any other kind of condition is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from operator import eq

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# a condition: the column it reads (an index into _COLUMNS) and the test of its value
Condition = tuple[int, Callable[[str | bool], bool]]
# each attribute a rule may read, in the order the columns of a Doc's values are made
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
Columns = tuple[list[str], list[str], list[str], list[bool]]


def columns_of(doc: Doc) -> Columns:
    """Each token's values of the attributes rules read, one list per attribute."""
    return (
        [t.lower_ for t in doc],
        [t.tag_ for t in doc],
        [t.dep_ for t in doc],
        [t.is_space for t in doc],
    )


class UnsupportedRule(ValueError):
    """A rule with a condition this index does not evaluate exactly as the Matcher does."""


@dataclass(frozen=True)
class Rule:
    """One pattern of one ruler entry: its number (the order rules apply in), the
    Matcher key it was added under, and one condition list per token."""

    number: int
    key: int
    tokens: tuple[tuple[Condition, ...], ...]

    def matches_at(self, columns: Columns, start: int) -> bool:
        if start + len(self.tokens) > len(columns[0]):
            return False
        for i, conditions in enumerate(self.tokens, start):
            for column, test in conditions:
                if not test(columns[column][i]):
                    return False
        return True


def _condition(attr: str, value: object) -> Condition:
    """The test of one attribute's condition, as spaCy's Matcher evaluates it."""
    if attr not in _COLUMNS:
        raise UnsupportedRule(attr)
    column = _COLUMNS.index(attr)
    if isinstance(value, str | bool) and (attr == "IS_SPACE") == isinstance(value, bool):
        return column, partial(eq, value)
    if isinstance(value, dict) and len(value) == 1 and attr != "IS_SPACE":
        (predicate, argument), *_ = value.items()
        if predicate in ("IN", "NOT_IN") and all(isinstance(v, str) for v in argument):
            members = frozenset(argument)
            return column, partial(_is_in if predicate == "IN" else _not_in, members)
        if predicate == "REGEX" and isinstance(argument, str):
            return column, partial(_searched, re.compile(argument))
    raise UnsupportedRule(f"{attr}: {value!r}")


# Tests as module-level functions (bound with partial), not lambdas: a pipeline
# pickled for processes started by spawn or forkserver carries its ruler and these.
def _is_in(members: frozenset[str], value: str | bool) -> bool:
    return value in members


def _not_in(members: frozenset[str], value: str | bool) -> bool:
    return value not in members


def _searched(pattern: re.Pattern[str], value: str | bool) -> bool:
    return bool(pattern.search(str(value)))


def _index_values(spec: dict) -> tuple[str, Iterable[str | bool]] | None:
    """An attribute of the first token and the values it must take for the rule to
    match (None: none fixes them, the rule is tried at every token)."""
    for attr in _COLUMNS:
        value = spec.get(attr)
        if isinstance(value, str | bool):
            return attr, (value,)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, value["IN"]
    return None


class IndexedRules:
    """The ruler's rules, by the value their first token must have."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.by_value: dict[tuple[str, object], list[Rule]] = {}
        self.everywhere: list[Rule] = []
        for number, entry in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(number)]
            patterns = entry["patterns"]
            if not isinstance(patterns, list) or not all(_token_list(p) for p in patterns):
                raise UnsupportedRule(f"rule {number}: {patterns!r}")
            for pattern in patterns:
                tokens = [spec for spec in pattern if isinstance(spec, dict)]
                self._add(Rule(number, key, _conditions(tokens)), tokens[0])

    def _add(self, rule: Rule, first: dict) -> None:
        index = _index_values(first)
        if index is None:
            self.everywhere.append(rule)
            return
        attr, values = index
        for value in values:
            self.by_value.setdefault((attr, value), []).append(rule)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What AttributeRuler.match returns: (rule number, key, start, end), each once, sorted."""
        columns = columns_of(doc)
        found = set()
        by_value, everywhere = self.by_value, self.everywhere
        for i, values in enumerate(zip(*columns, strict=True)):
            for attr, value in zip(_COLUMNS, values, strict=True):
                for rule in by_value.get((attr, value), ()):
                    if rule.matches_at(columns, i):
                        found.add((rule.number, rule.key, i, i + len(rule.tokens)))
            for rule in everywhere:
                if rule.matches_at(columns, i):
                    found.add((rule.number, rule.key, i, i + len(rule.tokens)))
        return sorted(found)


def _token_list(pattern: object) -> bool:
    return isinstance(pattern, list) and bool(pattern) and all(isinstance(s, dict) for s in pattern)


def _conditions(pattern: list[dict]) -> tuple[tuple[Condition, ...], ...]:
    if not 1 <= len(pattern) <= 2:
        raise UnsupportedRule(f"a pattern of {len(pattern)} tokens")
    return tuple(tuple(_condition(attr, value) for attr, value in spec.items()) for spec in pattern)


def index_attribute_rules(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Run the pipeline's attribute ruler through IndexedRules; False (ruler kept as it
    is) when there is none or one of its rules is of a kind the index does not evaluate."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        indexed = IndexedRules(ruler)
    except UnsupportedRule:
        return False
    ruler.match = indexed.match  # type: ignore[method-assign]
    return True
