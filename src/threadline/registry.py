"""Stages by name: a registry per kind of stage, in the style of spaCy's registries.

Threadline's own stages register themselves when their module is imported; a package
of someone else's adds one through an entry point in the registry's group
(`threadline.relation_families`, `threadline.event_extractors`) whose object is a
`Registered` record, without editing threadline. Settings name the stages to run, so
the pipeline is assembled from names, and every stage carries the version its output
is recorded with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Generic, TypeVar

from threadline.errors import ThreadlineError

F = TypeVar("F", bound=Callable[..., object])


class UnknownStage(ThreadlineError):
    """Settings name a stage no module and no installed package registers."""


@dataclass(frozen=True, slots=True)
class Registered(Generic[F]):
    """One stage: its name, the version its output carries, and the function itself."""

    name: str
    version: str
    run: F


class Registry(Generic[F]):
    """The stages of one kind, by name: threadline's own first, then entry points."""

    def __init__(self, group: str) -> None:
        self.group = group
        self._stages: dict[str, Registered[F]] = {}
        self._plugins: set[str] = set()  # names that came from entry points
        self._plugins_read = False

    def add(self, name: str, version: str, run: F) -> Registered[F]:
        """Register `run` as `name`; a second stage of one name is a mistake, not an override."""
        if name in self._stages and self._stages[name].run is not run:
            raise ValueError(f"{self.group}: two stages are named {name!r}")
        stage = Registered(name, version, run)
        self._stages[name] = stage
        return stage

    def get(self, name: str) -> Registered[F]:
        """The stage called `name`, looking in installed packages' entry points when
        threadline has none of that name."""
        if name not in self._stages:
            self._read_plugins()
        try:
            return self._stages[name]
        except KeyError:
            known = ", ".join(sorted(self._stages)) or "none"
            raise UnknownStage(f"{self.group}: no stage named {name!r} (known: {known})") from None

    def assemble(self, names: Iterable[str]) -> tuple[Registered[F], ...]:
        """The stages named, in the order given (the order settles which finds a fact first)."""
        return tuple(self.get(name) for name in names)

    def names(self) -> tuple[str, ...]:
        self._read_plugins()
        return tuple(self._stages)

    def _read_plugins(self) -> None:
        """Load the group's entry points once: each names a `Registered` record."""
        if self._plugins_read:
            return
        self._plugins_read = True
        for point in entry_points(group=self.group):
            if point.name in self._stages:
                continue
            stage = point.load()
            if not isinstance(stage, Registered):
                raise UnknownStage(f"{self.group}: entry point {point.name!r} is not a Registered stage")
            self._stages[point.name] = stage
            self._plugins.add(point.name)

    def forget_plugins(self) -> None:
        """Read entry points afresh on the next look-up (after a package is installed or removed)."""
        for name in self._plugins:
            del self._stages[name]
        self._plugins.clear()
        self._plugins_read = False
