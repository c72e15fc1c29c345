"""Writing the derived rows of a region: a step that redid only some rows says which
(a `Scope`), and the write touches those and leaves the rest of the table as stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from threadline.errors import Failures
from threadline.graph.steps import GlobalStep, Inputs, run_steps
from threadline.records import Duplicate, Entity
from threadline.registry import Registered
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.layout import Derived, Scope
from threadline.vocabulary import vocabulary_of


def empty() -> Derived:
    return Derived(duplicates=(), entities=(), entity_of={}, reasons={}, places={})


def entity(ident: str, name: str) -> Entity:
    return Entity(id=ident, type="organization", name=name, aliases=(name,))


def stored(tmp_path: Path) -> Store:
    """A store holding three copies rows, three entities and their mention links."""
    store = Store(f"sqlite:///{tmp_path / 'scoped.db'}")
    store.replace_derived(
        replace(
            empty(),
            duplicates=tuple(Duplicate(s, "s0", 0.9) for s in ("s1", "s2", "s3")),
            entities=(entity("e1", "Alpha"), entity("e2", "Beta"), entity("e3", "Gamma")),
            entity_of={"m1": "e1", "m2": "e2", "m3": "e3"},
        )
    )
    return store


def test_a_scoped_write_replaces_the_rows_in_scope_and_keeps_the_others(tmp_path: Path) -> None:
    store = stored(tmp_path)
    # the step redid s2 (no longer a copy) and s4 (new), entity e2 (renamed) and e4 (new)
    derived = replace(
        empty(),
        duplicates=(Duplicate("s4", "s0", 0.95),),
        entities=(entity("e2", "Beta Force"), entity("e4", "Delta")),
        entity_of={"m2": "e4", "m4": "e4"},
        scopes={
            "duplicates": Scope("story_id", frozenset({"s2", "s4"})),
            "entities": Scope("id", frozenset({"e2", "e4"})),
            "mention_entities": Scope("mention_id", frozenset({"m2", "m4"})),
        },
    )
    done = store.rewrite_derived(derived)
    assert [(d.story_id, d.similarity) for d in store.duplicates()] == [
        ("s1", 0.9),
        ("s3", 0.9),
        ("s4", 0.95),
    ]
    assert sorted((e.id, e.name) for e in store.entities()) == [
        ("e1", "Alpha"),
        ("e2", "Beta Force"),
        ("e3", "Gamma"),
        ("e4", "Delta"),
    ]
    # only the rows in scope were compared: the index hears of e2 and e4 alone
    assert done.keys("entities", "id") == {"e2", "e4"}
    assert store.entity_of() == {"m1": "e1", "m2": "e4", "m3": "e3", "m4": "e4"}


def test_an_empty_scope_writes_nothing_and_no_scope_writes_the_table_whole(tmp_path: Path) -> None:
    store = stored(tmp_path)
    nothing = frozenset[str]()
    untouched = replace(
        empty(), scopes={"duplicates": Scope("story_id", nothing), "entities": Scope("id", nothing)}
    )
    store.rewrite_derived(replace(untouched, entity_of={"m1": "e1", "m2": "e2", "m3": "e3"}))
    assert len(store.duplicates()) == 3 and len(store.entities()) == 3
    store.rewrite_derived(empty())
    assert store.duplicates() == [] and store.entities() == [] and store.entity_of() == {}


def test_a_later_step_that_replaces_a_scoped_part_has_it_written_whole(tmp_path: Path) -> None:
    """A package's step that rewrites the entities after threadline's entities step
    cannot know what the scope said: its rows are written whole."""
    scope = Scope("id", frozenset({"e1"}))

    def regional(inputs: Inputs, derived: Derived) -> Derived:
        return replace(derived, entities=(entity("e1", "Alpha"),), scopes={"entities": scope})

    def renaming(inputs: Inputs, derived: Derived) -> Derived:
        return replace(derived, entities=tuple(replace(e, name=e.name.upper()) for e in derived.entities))

    def reading(inputs: Inputs, derived: Derived) -> Derived:
        return replace(derived, facts=())

    settings = Settings()
    inputs = Inputs(stored(tmp_path), settings, vocabulary_of(settings.data_dir), Failures())
    steps: list[GlobalStep] = [Registered("regional", "1", regional), Registered("reading", "1", reading)]
    assert run_steps(steps, inputs).scopes == {"entities": scope}  # the facts step left it alone
    steps.append(Registered("renaming", "1", renaming))
    assert run_steps(steps, inputs).scopes == {}
