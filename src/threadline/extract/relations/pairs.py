"""Pairs of names in one sentence, described by the features a learned relation model reads.

The features say how a sentence ties two names together, in the words a pattern writer
would look at: their types and order, the dependency path from one to the other through
the word both hang under (with that path's words), the words between them, the words
just outside them, a role title between them, whether either names a country (for the
pair's types), and the last word of a name of two words or more ("X County", "Y
University", "Z Party"): the kind of thing a name says it is, which tells what it can
lie in or be part of.

A pronoun that stands for a name ("It lies on the Vistula", "He joined the party in
1990") takes that name's part in the pairs of its sentence; the pair's features are read
at the pronoun, with a feature saying so.
Training (training/relations.py) and extraction (learned.py) read the same features.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from threadline.extract.anaphora import antecedent, pronoun_types
from threadline.extract.parsed import ParsedStory
from threadline.extract.relations.places import is_country

MAX_APART = 30  # tokens between two names of one pair, at most
TYPES = frozenset({"person", "organization", "location"})
MAX_PATH = 6
ANAPHOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})


@dataclass(frozen=True, slots=True)
class Pair:
    subject: Token
    object: Token
    anchor: Token  # the word both hang under: a fact's modality is read there
    features: tuple[str, ...]


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i and len(chain) < 60:
        chain.append(chain[-1].head)
    return chain


def _path(a: Token, b: Token) -> tuple[Token, list[str], list[str]] | None:
    """The word both hang under, and the path from a up to it and down to b: arcs with
    their words, and arcs alone."""
    up, down = _ancestors(a), _ancestors(b)
    down_index = {t.i: k for k, t in enumerate(down)}
    top = next((k for k, t in enumerate(up) if t.i in down_index), None)
    if top is None:
        return None
    rise, fall = up[:top], list(reversed(down[: down_index[up[top].i]]))
    steps = [f"{t.dep_}^" for t in rise] + [f"{t.dep_}v" for t in fall]
    words = [f"{t.dep_}^{t.lemma_.lower()}" for t in rise[1:]] + [up[top].lemma_.lower()]
    words += [f"{t.dep_}v{t.lemma_.lower()}" for t in fall[:-1]]
    return up[top], steps, words


def _word(ps: ParsedStory, token: Token) -> str:
    """A token as the model sees it: a name by its type, a title as ROLE, else its lemma."""
    if token.i in ps.mention_at:
        return ps.mention_at[token.i].type.upper()
    if token.i in ps.title_at:
        return "ROLE"
    return token.lemma_.lower()


def _head_word(ps: ParsedStory, token: Token) -> str:
    """The last word of a name of two words or more ("county" in "Bergen County"). A
    one-word name is its own last word: the model would learn that name, not a kind."""
    mention = ps.mention_at.get(token.i)
    words = mention.text.split() if mention is not None else []
    return words[-1].lower() if len(words) >= 2 else "-"


def _between(ps: ParsedStory, a: Token, b: Token) -> list[str]:
    first, last = sorted((a.i, b.i))
    return [_word(ps, t) for t in ps.doc[first + 1 : last] if not t.is_space]


def features(
    ps: ParsedStory, a: Token, b: Token, types: str, path: tuple[Token, list[str], list[str]]
) -> list[str]:
    """The features of the pair at positions a and b (a name, or a pronoun standing for one)."""
    top, steps, words = path
    order = "fwd" if a.i < b.i else "back"
    between = _between(ps, a, b)
    doc = ps.doc
    found = [
        f"types={types}",
        f"{types}|order={order}",
        f"{types}|{order}|arcs={' '.join(steps) if len(steps) <= MAX_PATH else 'long'}",
        f"{types}|{order}|path={' '.join(words) if len(steps) <= MAX_PATH else 'long'}",
        f"{types}|top={top.lemma_.lower()}",
        f"{types}|{order}|gap={min(len(between), 8)}",
        f"before={_word(ps, doc[min(a.i, b.i) - 1]) if min(a.i, b.i) > 0 else '<s>'}",
        f"after={_word(ps, doc[max(a.i, b.i) + 1]) if max(a.i, b.i) + 1 < len(doc) else '</s>'}",
    ]
    if len(between) <= 4:
        found.append(f"{types}|{order}|between={' '.join(between)}")
    found += [f"{order}|word={w}" for w in set(between)]
    found += [f"subject_country={is_country(a)}", f"object_country={is_country(b)}"]
    found.append(f"{types}|countries={is_country(a)},{is_country(b)}")
    found += [f"{types}|{side}_head={_head_word(ps, t)}" for side, t in (("subject", a), ("object", b))]
    found += [
        f"{side}_pronoun={t.lower_}"
        for side, t in (("subject", a), ("object", b))
        if t.i not in ps.mention_at
    ]
    if between:
        found += [f"{order}|first={between[0]}", f"{order}|last={between[-1]}"]
    return found


def _names(ps: ParsedStory, sent: Span) -> list[tuple[Token, Token]]:
    """(where it stands, the name it is) for the names of a sentence and the pronouns
    standing for names named before it."""
    found = [(t, t) for t in sent if t.i in ps.mention_at and ps.type_of(t) in TYPES]
    for token in sent:
        if pronoun_types(token) and token.dep_ in ANAPHOR_DEPS:
            named = antecedent(ps, token, tuple(TYPES))
            if named is not None and not sent.start <= named.i < sent.end:
                found.append((token, named))
    return found


def sentence_pairs(ps: ParsedStory) -> Iterator[Pair]:
    """Every ordered pair of names of the story that share a sentence, with its features."""
    for sent in ps.doc.sents:
        names = _names(ps, sent)
        for a, named_a in names:
            for b, named_b in names:
                texts = (ps.mention_at[named_a.i].text, ps.mention_at[named_b.i].text)
                if a.i == b.i or abs(a.i - b.i) > MAX_APART or texts[0] == texts[1]:
                    continue
                path = _path(a, b)
                if path is not None:
                    types = f"{ps.type_of(named_a)}>{ps.type_of(named_b)}"
                    yield Pair(named_a, named_b, path[0], tuple(features(ps, a, b, types, path)))
