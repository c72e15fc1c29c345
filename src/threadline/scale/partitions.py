"""How the documents are cut into the partitions sent to the workers.

A partition is the unit of work: its stories go through one `nlp.pipe` stream on a
worker, and the driver writes its documents in one transaction. Big partitions batch
better; but the map ends only when the last partition does, and while one worker
parses a whole last partition the others wait, before the global steps can start.
So the partitions keep their full size while the input goes on, and the last ones
taper (guided self-scheduling): each takes a share of what is left, down to one
document, and the workers finish within about a document of each other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def partitions(items: Iterable[T], size: int, workers: int = 1) -> Iterator[list[T]]:
    """`items` in runs of `size`; with several `workers`, the runs once the input is
    read taper, each the ceiling of what is left over twice the workers. Only a few
    partitions' worth of items is read ahead, so memory stays bounded."""
    size = max(1, size)
    if workers <= 1:
        it = iter(items)
        while run := list(islice(it, size)):
            yield run
        return
    it = iter(items)
    ahead: deque[T] = deque()
    lookahead = 2 * workers * size
    while True:
        ahead.extend(islice(it, lookahead - len(ahead)))
        if not ahead:
            return
        read_all = len(ahead) < lookahead
        take = min(size, -(-len(ahead) // (2 * workers))) if read_all else size
        yield [ahead.popleft() for _ in range(take)]
