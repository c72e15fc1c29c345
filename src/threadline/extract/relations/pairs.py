"""Pairs of names in one sentence, described by the features a learned relation model reads.

The features say how a sentence ties two names together, in the words a pattern writer
would look at: their types and order, the dependency path from one to the other through
the word both hang under (with that path's words), the words between them, the words
just outside them, a role title between them, and whether either names a country.
Training (training/relations.py) and extraction (learned.py) read the same features.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.relations.places import is_country

MAX_APART = 30  # tokens between two names of one pair, at most
TYPES = frozenset({"person", "organization", "location"})
MAX_PATH = 6


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


def _between(ps: ParsedStory, a: Token, b: Token) -> list[str]:
    first, last = sorted((a.i, b.i))
    return [_word(ps, t) for t in ps.doc[first + 1 : last] if not t.is_space]


def features(
    ps: ParsedStory, a: Token, b: Token, top: Token, steps: list[str], words: list[str]
) -> list[str]:
    types = f"{ps.type_of(a)}>{ps.type_of(b)}"
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
    if between:
        found += [f"{order}|first={between[0]}", f"{order}|last={between[-1]}"]
    return found


def sentence_pairs(ps: ParsedStory) -> Iterator[Pair]:
    """Every ordered pair of names of the story that share a sentence, with its features."""
    for sent in ps.doc.sents:
        names = [t for t in sent if t.i in ps.mention_at and ps.type_of(t) in TYPES]
        for a in names:
            for b in names:
                if (
                    a.i == b.i
                    or abs(a.i - b.i) > MAX_APART
                    or ps.mention_at[a.i].text == ps.mention_at[b.i].text
                ):
                    continue
                found = _path(a, b)
                if found is not None:
                    top, steps, words = found
                    yield Pair(a, b, top, tuple(features(ps, a, b, top, steps, words)))
