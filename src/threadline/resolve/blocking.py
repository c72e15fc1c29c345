"""Block (the first move of the flow, see the package docstring): which pairs of
names from different stories are worth scoring at all.

Two names are compared only when they share both their first and their last
distinguishing part, read either with transliteration choices folded
(zaydi/zaidi -> "zaidi") or as metaphone (shukur/shukr -> "XKR"): the scorer
merges nothing else (see scoring.py). Single-part names and acronyms are not
blocked here: the short-form and acronym rules resolve them. A block holding
more than MAX_BLOCK names is skipped as uninformative, which keeps the work
near linear in the number of distinct names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

import jellyfish

from threadline.resolve.names import Name
from threadline.resolve.nodes import Node
from threadline.resolve.similarity import spelling_key

MAX_BLOCK = 300


def block_keys(name: Name) -> set[str]:
    """The blocks a multi-part name falls in."""
    if len(name.core) < 2 or name.is_acronym:
        return set()
    first, last = name.specific[0], name.specific[-1]
    folded = sorted({spelling_key(first), spelling_key(last)})
    sounds = sorted({_sound(first), _sound(last)})
    return {"s:" + "|".join(folded), "m:" + "|".join(sounds)}


@lru_cache(maxsize=65536)
def _sound(part: str) -> str:
    """A part's metaphone: the same parts recur in every story's names."""
    return jellyfish.metaphone(part.replace("_", " "))


# the memoised pure functions, emptied after a resolution (resolve.clear_caches)
CACHES = (_sound,)


def candidate_pairs(nodes: Iterable[Node]) -> Iterator[tuple[Node, Node]]:
    """Pairs of nodes whose fullest names differ and share a block, each pair of names
    once (the first node to bear a name stands for it), in a stable order. Pairs carry
    the nodes themselves: a knowledge node's fullest name is not its key, so a name
    key is no way back to its node."""
    blocks: dict[str, dict[str, Node]] = defaultdict(dict)
    for node in nodes:
        for key in block_keys(node.name):
            blocks[key].setdefault(node.name.key, node)
    seen: set[tuple[str, str]] = set()
    for block in sorted(blocks):
        members = sorted(blocks[block].values(), key=lambda n: (n.name.key, n.id))
        if len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if (a.name.key, b.name.key) not in seen:
                    seen.add((a.name.key, b.name.key))
                    yield a, b
