"""The derived layer's refresh: the global steps over the stored claims, their rows
written as one transaction with a record of each step's run, then the search index.

`threadline ingest` ends with a refresh (workflow.finish_ingest); `threadline rebuild`
runs every step whole; a reading command catches up first when an earlier run stopped
before it finished (catch_up).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from threadline.collector import collector_paused
from threadline.errors import Failures, StepFailure, StoreError
from threadline.graph.steps import Inputs, assemble, run_steps
from threadline.query.index import IndexUpdate, index_current, refresh_search_index
from threadline.settings import Settings
from threadline.store import Store, changes
from threadline.store.layout import Derived
from threadline.store.rewrite import Rewritten
from threadline.vocabulary import Vocabulary, vocabulary_of


def refresh_derived(
    store: Store, settings: Settings, vocabulary: Vocabulary | None = None, full: bool = False
) -> list[StepFailure]:
    """The derived layer follows from the stored claims: run the global steps
    (settings.global_steps, by default duplicates, entities, places, events, facts),
    then write all their rows, and a record of each step's run, in one transaction. A unit of a step that fails (a story, a pair of
    names, a cluster) is left out and returned; everything else is written.

    The claims are read as one snapshot, with the count of changes they had; if
    another process changes them before the rows are written, the store stays
    marked behind, and that process's own refresh brings it up to date.

    A step that can redo only what changed since the stored rows does so (the
    duplicates step, graph/incremental.py), unless `full`; a refresh that left a unit
    out makes the next one full."""
    failures = Failures()
    with store.snapshot() as conn:
        generation = store.claims_generation()
        touched = None if full or not changes.builds_on_stored(conn) else changes.changed_stories(conn)
        index_follows = touched is not None and index_current(store)
        derived = derive_from_claims(store, settings, failures, vocabulary, full)
    # the rows made, read and compared are trees: the cycle collector's full passes would
    # walk every object the refresh holds, again and again (collector.py)
    with collector_paused():
        done = store.rewrite_derived(derived, generation, complete=not failures.items)
    # the query layer's full-text and event-entity index (query/index.py): updated for
    # what changed where it followed the rows before, else rebuilt
    update = index_update(touched, done) if index_follows and touched is not None and done.written else None
    refresh_search_index(store, update)
    return failures.items


def index_update(stories: set[str], done: Rewritten) -> IndexUpdate:
    """What the search index must redo after this write of the derived rows."""
    return IndexUpdate(
        stories=stories,
        entities=done.keys("entities", "id"),
        facts=done.keys("facts", "id"),
        events=done.keys("events", "id") | done.keys("responsibilities", "event"),
    )


@dataclass
class Rebuilt:
    """What `threadline rebuild` did: the rows each global step now holds, and the units left out."""

    counts: dict[str, int]
    failures: list[StepFailure]


def rebuild_derived(store: Store, settings: Settings) -> Rebuilt:
    """Every global step run again over the stored claims, whether or not they changed
    (after an upgrade, or a change of the knowledge files). Readers meanwhile are told
    the derived rows will follow, as during an ingest."""
    with store.ingesting():
        failures = refresh_derived(store, settings, full=True)
    return Rebuilt(store.derived_counts(), failures)


def derive_from_claims(
    store: Store,
    settings: Settings,
    failures: Failures,
    vocabulary: Vocabulary | None = None,
    full: bool = False,
) -> Derived:
    """Every global step's output as the stored claims, judgements and reference
    entities give it now (nothing is written); the steps read `vocabulary` (None: the
    one of settings' data folder); `full`: no step builds on the stored rows."""
    inputs = Inputs(store, settings, vocabulary or vocabulary_of(settings.data_dir), failures, full)
    derived = run_steps(assemble(settings.global_steps), inputs)
    # the stored rows the steps read, for the write to compare with in memory
    return replace(derived, baseline=inputs.before.baseline())


@dataclass
class CatchUp:
    """What a reading command should say about derived rows that lag behind."""

    note: str | None = None  # one line for stderr; None when they were current
    failures: list[StepFailure] = field(default_factory=list)


def catch_up(store: Store, settings: Settings) -> CatchUp:
    """Before a command reads the derived layer (entities, places, events, facts). Behind because an ingest
    is writing now: say so and leave them; that ingest recomputes them when its
    documents are in, and a reader must not race it. Behind with no ingest running
    (one was killed, or a judgement was recorded but not applied): recompute them
    first, as the next ingest would, and say so."""
    if not store.derived_stale():
        return CatchUp()
    if store.ingest_running():
        return CatchUp(
            "note: an ingest is writing to this store; entities, events and facts "
            "cover the stories stored before it and follow when it finishes"
        )
    try:
        failures = refresh_derived(store, settings)
    except StoreError as exc:
        return CatchUp(f"note: entities, events and facts are behind the stories; cannot update them: {exc}")
    return CatchUp(
        "note: entities, events and facts were behind the stories (an earlier run "
        "stopped before it finished them); brought them up to date first",
        failures,
    )
