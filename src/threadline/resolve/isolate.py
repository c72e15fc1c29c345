"""Failure isolation for resolution: one broken unit (a story, a pair of names, a
cluster) is recorded and skipped, so it never costs the rest of the corpus.

With no `Failures` to record into, nothing is caught: a direct caller (a test, a
script) sees the exception itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TypeVar

from threadline.errors import Failures
from threadline.resolve.nodes import Node

STEP = "resolution"
SHOWN = 4  # names listed in a failure's subject before "and N more"

T = TypeVar("T")
U = TypeVar("U")


def attempt(failures: Failures | None, subject: str, call: Callable[[], T]) -> T | None:
    """call(); when it raises, None and the failure recorded (or raised, with no Failures)."""
    if failures is None:
        return call()
    return failures.run(STEP, subject, call)


def each(
    failures: Failures | None,
    units: Iterable[U],
    subject: Callable[[U], str],
    produce: Callable[[U], Iterable[T]],
) -> Iterator[T]:
    """What `produce` makes of each unit; a unit that raises yields nothing."""
    for unit in units:
        yield from attempt(failures, subject(unit), partial(_listed, produce, unit)) or ()


def _listed(produce: Callable[[U], Iterable[T]], unit: U) -> list[T]:
    return list(produce(unit))


def listed(words: Iterable[str]) -> str:
    """Some names in words, the first few only: "'A', 'B', 'C', 'D' and 3 more"."""
    shown = list(dict.fromkeys(words))
    more = f" and {len(shown) - SHOWN} more" if len(shown) > SHOWN else ""
    return ", ".join(shown[:SHOWN]) + more


def names_of(nodes: Iterable[Node]) -> str:
    """The names of some nodes with their stories: "'A' (s1), 'B' (s2)"."""
    return listed(f"'{n.name.surface}' ({n.story_id})" for n in nodes)
