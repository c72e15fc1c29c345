"""The derived layer as named global steps, run in order over the stored claims.

Each step reads the claims (`Inputs`, read once in the refresh's snapshot) and what
the steps before it produced (`Derived`), and returns `Derived` with its own part
filled in; `store.replace_derived` writes every step's tables in one transaction.
The steps themselves are listed in workflow.GLOBAL_STEPS: duplicates, entities,
places, then the two defined here, events and facts.

A step that fails as a whole is reported (`Failures`) and leaves its part empty;
the steps after it still run on what there is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from threadline.errors import Failures
from threadline.graph.cite import Citing, root_of
from threadline.graph.containment import containment
from threadline.graph.facts import facts_of
from threadline.graph.stored import graph_events
from threadline.records import Assertion, EventMention, Mention, Story
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.layout import Derived
from threadline.vocab import KnownEntity, load_knowledge


@dataclass
class Inputs:
    """What the global steps read: the stored claims, judgements and knowledge, each
    read once, on first use, inside the refresh's snapshot."""

    store: Store
    settings: Settings
    failures: Failures = field(default_factory=Failures)

    @cached_property
    def stories(self) -> list[Story]:
        return self.store.stories()

    @cached_property
    def mentions(self) -> list[Mention]:
        return self.store.mentions()

    @cached_property
    def assertions(self) -> list[Assertion]:
        return self.store.assertions()

    @cached_property
    def event_mentions(self) -> list[EventMention]:
        return self.store.event_mentions()

    @cached_property
    def known(self) -> tuple[KnownEntity, ...]:
        return (*load_knowledge(self.settings.data_dir), *self.store.reference_entities())

    def citing(self, derived: Derived) -> Citing:
        """How the events and facts steps cite evidence, given the entities and copies found."""
        roots = root_of(self.stories, derived.duplicates)
        return Citing(derived.entity_of, roots, {s.id: s.outlet for s in self.stories})


@dataclass(frozen=True)
class GlobalStep:
    """One named step of the derived layer and the tables it writes."""

    name: str
    run: Callable[[Inputs, Derived], Derived]
    writes: tuple[str, ...]


def run_steps(steps: Sequence[GlobalStep], inputs: Inputs) -> Derived:
    derived = Derived(duplicates=(), entities=(), entity_of={}, reasons={}, places={})
    for step in steps:
        derived = step.run(inputs, derived)
    return derived


def events_step(inputs: Inputs, derived: Derived) -> Derived:
    """Event mentions merged across stories, with the claims of responsibility for them."""
    citing = inputs.citing(derived)

    def merge() -> Derived:
        within = containment(inputs.assertions, derived.entity_of)  # a district joins its city
        events, claims = graph_events(inputs.event_mentions, citing, within)
        return replace(derived, events=tuple(events), responsibilities=tuple(claims))

    return inputs.failures.run("events", "merging the event mentions", merge) or derived


def facts_step(inputs: Inputs, derived: Derived) -> Derived:
    """Relation claims grouped by the entities they join."""
    citing = inputs.citing(derived)
    types = {e.id: e.type for e in derived.entities}

    def group() -> Derived:
        return replace(derived, facts=tuple(facts_of(inputs.assertions, citing, types)))

    return inputs.failures.run("facts", "grouping the relation claims", group) or derived


EVENTS = GlobalStep("events", events_step, ("events", "responsibilities"))
FACTS = GlobalStep("facts", facts_step, ("facts",))
