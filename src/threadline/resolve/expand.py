"""Acronyms inside longer names: "UN Security Council" is "United Nations Security Council".

An acronym word stands for a long name when its own story holds exactly one
multi-word name with those initials, else when the corpus defines it once
("Long Name (LN)"), else when one knowledge entry lists it. The name with the
acronym spelled out is then an ordinary name, matched by key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from threadline.resolve.acronyms import AcronymDefinition, is_acronym_text, letters_of, words_of
from threadline.resolve.cluster import Link
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import parse_name
from threadline.resolve.nodes import Node

Table = Mapping[str, str]  # acronym letters -> the long name's surface


def initials(surface: str, lex: Lexicon) -> str:
    return "".join(w[0] for w in words_of(surface) if w not in lex.skippable)


def _unique(pairs: Iterable[tuple[str, str]], lex: Lexicon) -> dict[str, str]:
    """Letters -> long surface, for letters that stand for one long name only."""
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for letters, surface in pairs:
        seen[letters].setdefault(parse_name(surface, lex).key, surface)
    return {letters: next(iter(v.values())) for letters, v in seen.items() if len(v) == 1}


def story_table(nodes: Sequence[Node], lex: Lexicon) -> dict[str, str]:
    """The acronyms one story's multi-word names spell."""
    pairs = [
        (initials(n.name.surface, lex), n.name.surface)
        for n in nodes
        if len(n.parts) >= 2 and n.type != "person"
    ]
    return _unique(((k, s) for k, s in pairs if len(k) >= 2), lex)


def corpus_table(
    definitions: Sequence[AcronymDefinition], kb_nodes: Iterable[Node], lex: Lexicon
) -> dict[str, str]:
    """The acronyms the corpus defines, then those knowledge entries list."""
    table = _unique(((letters_of(d.short), d.long) for d in definitions), lex)
    listed = [
        (letters_of(n.surface), kb.names[0].surface) for kb in kb_nodes for n in kb.names if n.is_acronym
    ]
    return {**_unique(listed, lex), **table}


def spelled_out(surface: str, tables: Sequence[Table]) -> str | None:
    """The surface with its acronym words spelled out, or None if it has none to spell."""
    words = surface.split()
    if len(words) < 2:
        return None
    out, changed = [], False
    for word in words:
        long = None
        if is_acronym_text(word):  # asked once per word, not once per table
            letters = letters_of(word)
            long = next((t[letters] for t in tables if letters in t), None)
        out.append(long or word)
        changed = changed or long is not None
    return " ".join(out) if changed else None


@lru_cache(maxsize=65536)
def holds_acronym(surface: str) -> bool:
    """Whether `spelled_out` may spell anything out in `surface`, whatever the tables: two
    words or more, one of them an acronym's. A story with no such name needs no table of
    its own (most stories: its initials were read for every multi-word name, a fiftieth
    of resolution)."""
    words = surface.split()
    return len(words) >= 2 and any(is_acronym_text(w) for w in words)


# the memoised pure functions, emptied after a resolution (resolve.clear_caches)
CACHES = (holds_acronym,)


def expansion_links(
    views: Iterable[tuple[Sequence[Node], Table]], corpus: Table, by_key: Mapping[str, Node], lex: Lexicon
) -> Iterator[Link]:
    """A name holding an acronym, to a node named by the spelled-out form."""
    for nodes, table in views:
        for node in nodes:
            long = spelled_out(node.name.surface, (table, corpus))
            target = by_key.get(parse_name(long, lex).key) if long else None
            if target is not None and target is not node:
                reason = f"'{node.name.surface}' spells out as '{long}' ('{target.name.surface}', {target.story_id})"
                yield Link(node.id, target.id, reason, guarded=False)


def first_by_key(nodes: Iterable[Node]) -> dict[str, Node]:
    """The first node for each name key, knowledge entries included under every name."""
    out: dict[str, Node] = {}
    for node in nodes:
        for name in node.names if node.is_known else (node.name,):
            out.setdefault(name.key, node)
    return out
