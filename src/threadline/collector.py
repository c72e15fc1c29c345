"""Python's cycle collector paused while a stage builds many records at once.

A refresh holds millions of objects (every mention link, the stored and the new derived
rows). Each full pass of the cycle collector walks all of them, and a stage that
allocates hundreds of thousands of records (names, nodes, links, decisions; event
views, clusters, keys) sets off one pass after another: a fifth to a third of
resolution at 3,000 stories, about a third of merging the events at 30,000. The records
built are trees (dataclasses, tuples, lists, dicts), freed by reference counting;
nothing they form needs the cycle collector, which runs again on leaving (and collects
whatever garbage there is, as usual).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside; collection as it was on leaving (a caller that had
    paused it keeps it paused)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
