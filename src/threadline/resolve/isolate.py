"""Failure isolation for resolution: one broken unit (a story, a pair of names, a
cluster) is recorded and skipped, so it never costs the rest of the corpus.

With no `Failures` to record into, nothing is caught: a direct caller (a test, a
script) sees the exception itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import NoReturn, TypeVar

from threadline.errors import Failures
from threadline.resolve.nodes import Node

STEP = "resolution"
SHOWN = 4  # names listed in a failure's subject before "and N more"

T = TypeVar("T")
U = TypeVar("U")


Subject = str | Callable[[], str]  # the unit in words, or how to say it: said only when it fails


def attempt(failures: Failures | None, subject: Subject, call: Callable[[], T]) -> T | None:
    """call(); when it raises, None and the failure recorded (or raised, with no Failures).
    A subject given as a callable is put in words only for a unit that fails: most never do,
    and naming every story, pair and link costs a resolution several per cent."""
    if failures is None:
        return call()
    try:
        return call()
    except Exception as exc:
        failed(failures, subject, exc)
        return None


def failed(failures: Failures, subject: Subject, exc: Exception) -> None:
    """Record a unit that raised `exc`, as Failures.run records it had it made the call
    (for loops that catch themselves rather than wrap each unit: cluster.py)."""
    said = subject if isinstance(subject, str) else subject()
    failures.run(STEP, said, partial(_raise, exc))


def _raise(exc: Exception) -> NoReturn:
    raise exc


def each(
    failures: Failures | None,
    units: Iterable[U],
    subject: Callable[[U], str],  # said only for a unit that fails
    produce: Callable[[U], Iterable[T]],
) -> Iterator[T]:
    """What `produce` makes of each unit; a unit that raises yields nothing."""
    for unit in units:
        yield from attempt(failures, partial(subject, unit), partial(_listed, produce, unit)) or ()


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
