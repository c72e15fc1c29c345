"""Python's cycle collector paused while a step builds many records at once.

A refresh holds millions of objects (every mention link, the stored and the new derived
rows). Each full pass of the cycle collector walks all of them, and a step that
allocates hundreds of thousands of records (event views, clusters, keys) sets off one
pass after another: at 30,000 stories about a third of merging the events went to it.
The records built are trees (dataclasses, tuples, lists, dicts), freed by reference
counting; nothing they form needs the cycle collector, which runs again on leaving.
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
