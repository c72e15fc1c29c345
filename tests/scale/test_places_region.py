"""The places step by region pins what pinning every location entity pins: whatever
resolution moved since the stored rows (an entity that gains a mention in a new story,
a link that moves from one entity to another, an entity that disappears), the places
and tallies it hands to the write are those of the whole step over the same entities.

The stored rows are a real refresh's; resolution's output is then changed by hand, so
that each kind of move is there for certain, whatever the model finds in the stories."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from bench.corpus import write_corpus
from tests.scale.conftest import AnalyseFolder

from threadline.graph import steps
from threadline.graph.steps import Inputs, assemble, run_steps
from threadline.refresh import refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.baseline import StoredLinks
from threadline.store.layout import Derived
from threadline.vocabulary import vocabulary_of
from threadline.workflow import Analysed, store_analysed

Alter = Callable[[Derived], Derived]


@pytest.fixture(scope="module")
def analyses(tmp_path_factory: pytest.TempPathFactory, analyse_folder: AnalyseFolder) -> list[Analysed]:
    """Generated stories (each a document) whose places recur across stories."""
    folder = tmp_path_factory.mktemp("places")
    with (folder / "news.jsonl").open("w", encoding="utf-8") as stream:
        write_corpus(14, seed=7, stream=stream)
    return analyse_folder(folder)


@pytest.fixture
def store(tmp_path: Path, analyses: list[Analysed]) -> Store:
    """All but the last document refreshed into the store, the last written after."""
    opened = Store(f"sqlite:///{tmp_path / 'places.db'}")
    for analysed in analyses[:-1]:
        store_analysed(opened, analysed)
    assert refresh_derived(opened, Settings()) == []
    store_analysed(opened, analyses[-1])
    return opened


def both_ways(store: Store, alter: Alter) -> tuple[Derived, Derived]:
    """The places step by region and whole, after resolution's output is altered."""
    settings = Settings()
    vocabulary = vocabulary_of(settings.data_dir)
    inputs = Inputs(store, settings, vocabulary)
    derived = alter(run_steps(assemble(["duplicates", "entities"]), inputs))
    assert inputs.change("places", derived) is not None  # the step builds on its stored rows
    # the stored links held as what differs: the new story's mentions found unlinked
    assert isinstance(inputs.before.entity_of, StoredLinks)
    whole = Inputs(store, settings, vocabulary, full=True)
    return steps.places_step(inputs, derived), steps.places_step(whole, derived)


def assert_same_places(store: Store, alter: Alter) -> None:
    by_region, whole = both_ways(store, alter)
    assert by_region.places == whole.places
    assert by_region.place_tallies == whole.place_tallies


def located(derived: Derived, store: Store) -> list[str]:
    """Location entities pinned in the stored rows and now, most mentions first."""
    counts: dict[str, int] = {}
    for entity in derived.entity_of.values():
        counts[entity] = counts.get(entity, 0) + 1
    pinned = store.places()
    ids = [e.id for e in derived.entities if e.type == "location" and e.id in pinned]
    return sorted(ids, key=lambda e: (-counts.get(e, 0), e))


def test_an_entity_that_gains_a_mention_in_a_new_story(store: Store) -> None:
    grown: list[str] = []

    def unchanged(derived: Derived) -> Derived:
        stored = store.entity_of()  # the new story's mentions have no stored link yet
        pinned = set(located(derived, store))
        grown.extend(e for m, e in derived.entity_of.items() if m not in stored and e in pinned)
        return derived

    assert_same_places(store, unchanged)
    assert grown  # a stored, pinned place named again by the new story


def test_a_link_that_moves_from_one_entity_to_another(store: Store) -> None:
    def moved(derived: Derived) -> Derived:
        first, second = located(derived, store)[:2]
        mention = next(m for m, e in sorted(derived.entity_of.items()) if e == first)
        return replace(derived, entity_of={**derived.entity_of, mention: second})

    assert_same_places(store, moved)


def test_an_entity_that_disappears(store: Store) -> None:
    def gone(derived: Derived) -> Derived:
        kept, lost = located(derived, store)[:2]
        entity_of = {m: kept if e == lost else e for m, e in derived.entity_of.items()}
        entities = tuple(e for e in derived.entities if e.id != lost)
        return replace(derived, entity_of=entity_of, entities=entities)

    assert_same_places(store, gone)
