"""The derived layer as named global steps, run in order over the stored claims.

Each step reads the claims (`Inputs`, read once in the refresh's snapshot) and what
the steps before it produced (`Derived`), and returns `Derived` with its own parts
replaced; `store.replace_derived` writes every step's tables in one transaction,
with one `StepRun` per step (name, version, rows per table, start and finish).

Steps are registered by name with a version (`STEPS`, a registry.Registry with the
entry-point group `threadline.global_steps`) and assembled from settings
(`global_steps`): by default duplicates → entities → places → events → facts; a
package of someone else's appends its own (a search index, say) by name.

A step that fails as a whole is reported (`Failures`) and leaves its part as it was;
the steps after it still run on what there is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property, lru_cache

from threadline.collector import collector_paused
from threadline.dedup import find_duplicates, find_partial_overlaps
from threadline.errors import Failures
from threadline.graph.cite import Citing, root_of
from threadline.graph.containment import closed, direct_edges
from threadline.graph.cues import StoryTexts, story_texts
from threadline.graph.events_region import events_after_changes, located_in_edges, with_every_event
from threadline.graph.facts import facts_of
from threadline.graph.facts_region import facts_after_changes, with_every_fact
from threadline.graph.incremental import duplicates_after_changes, stored_buckets_agree
from threadline.graph.passing import Background
from threadline.graph.places_region import Pinning, places_after_changes
from threadline.graph.regions import Before, Change
from threadline.graph.resolve_region import by_region, resolved_with
from threadline.graph.stored import graph_events
from threadline.places import Gazetteer, place_entities, story_countries
from threadline.places.step import Tally, pin_entities
from threadline.records import (
    Assertion,
    Duplicate,
    EventMention,
    KnownEntity,
    Mention,
    Place,
    StepRun,
    Story,
)
from threadline.registry import Registered, Registry
from threadline.resolve import Judgement, Resolution, clear_caches, resolve_entities
from threadline.resolve.isolate import listed
from threadline.resolve.story_text import cues_version
from threadline.settings import Settings
from threadline.store import Store, changes, regions
from threadline.store.layout import TABLE_OF_PART, Derived, Scope, rows_written
from threadline.vocabulary import Vocabulary


@dataclass
class Inputs:
    """What the global steps read: the stored claims, judgements and knowledge, each
    read once, on first use, inside the refresh's snapshot."""

    store: Store
    settings: Settings
    vocabulary: Vocabulary  # settings.data_dir's model, loaded once by the caller
    failures: Failures = field(default_factory=Failures)
    full: bool = False  # every step over every claim, whatever changed (`threadline rebuild`)

    def changed_since(self, step: str) -> set[str] | None:
        """The stories written or removed since the stored derived rows, for a step that
        can redo only their part; None when it must redo everything: a full rebuild, no
        complete rows to build on (an older store, a unit left out last time), or rows a
        different version of the step made."""
        if self.full:
            return None
        last = {run.step: run.version for run in self.store.last_step_runs()}
        with self.store.snapshot() as conn:
            if last.get(step) != STEPS.get(step).version or not changes.builds_on_stored(conn):
                return None
            return changes.changed_stories(conn)

    @cached_property
    def before(self) -> Before:
        """The derived rows stored by the refresh before, for the steps that redo a part."""
        return Before(self.store)

    def change(self, step: str, derived: Derived) -> Change | None:
        """What moved since the stored rows, for a step after resolution that redoes only
        what it reaches (graph/regions.py); None: redo everything (as `changed_since`,
        and when no story changed: a refresh asked for anyway runs the step whole)."""
        changed = self.changed_since(step)
        if not changed or self.store.resolved_with() != self.resolved_with:
            return None  # or the knowledge, lexicon or judgements differ from the stored rows'
        with self.store.snapshot() as conn:
            return self.before.change(conn, changed, derived)

    @cached_property
    def resolved_with(self) -> str:
        """A digest of what the steps read besides the claims (graph/resolve_region.py): a
        gazetteer entry added by `kb add`, or a knowledge file edited, since the stored
        rows moves pins and events an unchanged story's entities do not show."""
        return resolved_with(cues_version(self.vocabulary.lexicon), self.known, self.judgements)

    @cached_property
    def judgements(self) -> list[Judgement]:
        return self.store.judgements()

    @cached_property
    def stories(self) -> list[Story]:
        return self.store.stories()

    @cached_property
    def mentions(self) -> list[Mention]:
        with collector_paused():  # every mention of the store made at once (collector.py)
            return self.store.mentions()

    @cached_property
    def assertions(self) -> list[Assertion]:
        return self.store.assertions()

    @cached_property
    def event_mentions(self) -> list[EventMention]:
        return self.store.event_mentions()

    @cached_property
    def known(self) -> tuple[KnownEntity, ...]:
        return (*self.vocabulary.knowledge, *self.store.reference_entities())

    @cached_property
    def texts(self) -> dict[str, str]:
        return {s.id: s.text for s in self.stories}

    def texts_of(self, stories: set[str]) -> Mapping[str, str]:
        """These stories' texts: from the stories where a step read them all, else only
        theirs (after an ingest, the new stories': the others' texts are not held)."""
        if "stories" in self.__dict__:
            return self.texts
        with self.store.snapshot() as conn:
            return regions.texts_of(conn, stories)

    @cached_property
    def outlets(self) -> dict[str, str | None]:
        """Every story id -> its outlet, read without the texts unless the stories were read."""
        if "stories" in self.__dict__:
            return {s.id: s.outlet for s in self.stories}
        with self.store.snapshot() as conn:
            return regions.every_outlet(conn)

    @cached_property
    def published(self) -> dict[str, str]:
        """Story id -> its publication day, for those with one, read without the texts
        unless the stories were read."""
        if "stories" in self.__dict__:
            return {s.id: s.published for s in self.stories if s.published}
        with self.store.snapshot() as conn:
            return regions.every_published(conn)

    def forget(self, names: Sequence[str]) -> None:
        """Let go of what was read for the steps before (read again if a step asks)."""
        for name in names:
            self.__dict__.pop(name, None)

    def citing(self, derived: Derived) -> Citing:
        """How the events and facts steps cite evidence, given the entities and copies found."""
        return Citing(derived.entity_of, root_of(self.outlets, derived.duplicates), self.outlets)


StepFunction = Callable[[Inputs, Derived], Derived]
GlobalStep = Registered[StepFunction]
# Global steps by name; a package adds one through the entry-point group below.
STEPS: Registry[StepFunction] = Registry("threadline.global_steps")
DEFAULT_STEPS = ("duplicates", "entities", "places", "events", "facts")
# The tables threadline's own steps write, recorded even when a run leaves one empty;
# another step's tables are those of the parts of `Derived` it replaced.
WRITES = {
    "duplicates": ("duplicates",),
    "entities": ("entities", "mention_entities", "decisions"),
    "places": ("places", "place_tallies"),
    "events": ("events", "responsibilities"),
    "facts": ("facts",),
}
# What no step of threadline's after this one reads (the events and facts steps read
# the assertions, event mentions and outlets): let go of, so that the steps after it
# build their rows in that memory (every mention and text: a fifth of a refresh's).
# A package's step that reads one after all reads it again, from the same snapshot.
DONE_WITH = {"places": ("mentions", "stories", "texts")}


def assemble(names: Sequence[str] | None = None) -> tuple[GlobalStep, ...]:
    """The steps named, in order. None: threadline's own; a list that begins with "+"
    names steps to run after them ("+search": threadline's five, then search)."""
    if names is None:
        return STEPS.assemble(DEFAULT_STEPS)
    if names and names[0].startswith("+"):
        return STEPS.assemble((*DEFAULT_STEPS, *(n.removeprefix("+") for n in names)))
    return STEPS.assemble(names)


def run_steps(steps: Sequence[GlobalStep], inputs: Inputs) -> Derived:
    """Each step in turn on what the ones before it left, each run recorded."""
    derived = Derived(duplicates=(), entities=(), entity_of={}, reasons={}, places={})
    for step in steps:
        if step.name not in WRITES:  # a package's step sees every row of every part
            derived = with_every_event(inputs.store, with_every_fact(inputs.store, derived))
        started = _now()
        after = _unscoped_if_replaced(derived, _run(step, inputs, derived))
        rows = rows_written(derived, after, WRITES.get(step.name, ()))
        run = StepRun(step.name, step.version, rows, started, _now())
        derived = replace(after, runs=(*after.runs, run))
        inputs.forget(DONE_WITH.get(step.name, ()))
    return derived


def _unscoped_if_replaced(before: Derived, after: Derived) -> Derived:
    """A table whose rows a step replaced without saying which it redid is written
    whole: a scope set by an earlier step no longer says what differs from the store."""
    stale = {
        table
        for part, table in TABLE_OF_PART.items()
        if getattr(after, part) is not getattr(before, part)
        and table in after.scopes
        and after.scopes[table] is before.scopes.get(table)
    }
    if not stale:
        return after
    return replace(after, scopes={t: s for t, s in after.scopes.items() if t not in stale})


def _run(step: GlobalStep, inputs: Inputs, derived: Derived) -> Derived:
    """One step's output. Threadline's own steps leave out their failing units
    themselves (and let a store error stop the run); a package's step that raises is
    recorded as a failure and leaves the graph as the steps before it left it."""
    if step.name in WRITES:
        return step.run(inputs, derived)
    subject = f"the step {step.name} {step.version}"
    return inputs.failures.run(step.name, subject, lambda: step.run(inputs, derived)) or derived


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def duplicates_step(inputs: Inputs, derived: Derived) -> Derived:
    """Copies of earlier stories, and stories that share paragraphs with one: redone
    for the stories changed since the stored rows where it can (graph/incremental.py)."""
    store, failures = inputs.store, inputs.failures
    changed = inputs.changed_since("duplicates")
    # no story written since: a refresh asked for anyway (a judgement, a repair) runs the
    # step whole, so that it still reads every stored signature
    if changed and stored_buckets_agree():

        def all_overlaps(copies: set[str]) -> list[Duplicate]:
            return find_partial_overlaps(inputs.stories, store.minhashes(paragraphs=True), copies, failures)

        with store.snapshot() as conn:
            redone = duplicates_after_changes(
                store, conn, changed, inputs.before.duplicates, failures, all_overlaps
            )
        scopes = derived.scopes
        if redone.stories is not None:
            scopes = {**scopes, "duplicates": Scope("story_id", redone.stories)}
        return replace(derived, duplicates=tuple(redone.rows), scopes=scopes)
    copies = find_duplicates(inputs.stories, store.minhashes(), failures=failures)
    overlaps = find_partial_overlaps(
        inputs.stories, store.minhashes(paragraphs=True), (d.story_id for d in copies), failures
    )
    return replace(derived, duplicates=(*copies, *overlaps))


def entities_step(inputs: Inputs, derived: Derived) -> Derived:
    """Names across stories resolved into entities, the analyst's judgements binding.
    What resolution reads in a story's text is read once and kept (resolve/story_text.py):
    the stories with kept cues are not read again, the others' are kept with the rows."""
    lex = inputs.vocabulary.lexicon
    judgements = inputs.judgements
    reading = story_texts(inputs.store, inputs.mentions, inputs.texts_of, lex, inputs.full)
    digest = inputs.resolved_with  # the same digest the later steps compare
    resolution = _by_region(inputs, reading, digest, bool(judgements)) or resolve_entities(
        inputs.mentions, {}, inputs.known, judgements, lex, inputs.failures, reading.stories
    )
    clear_caches()  # the later steps reuse what resolution's caches held
    return replace(
        derived,
        entities=resolution.entities,
        entity_of=resolution.entity_of,
        reasons=resolution.reasons,
        decisions=resolution.decisions,
        cues=None if inputs.failures.items else reading.to_keep(inputs.mentions, digest),
    )


def _by_region(inputs: Inputs, reading: StoryTexts, digest: str, judged: bool) -> Resolution | None:
    """The resolution with only the new stories' region redone (graph/resolve_region.py),
    where the stored rows were made with the same lexicon, knowledge and judgements."""
    if judged or inputs.store.resolved_with() != digest:
        return None  # judgements, or rows resolved with other knowledge, lexicon or judgements
    changed = inputs.changed_since("entities")
    if not changed:
        return None  # a full rebuild, rows of another version, or a refresh with no new story
    lex = inputs.vocabulary.lexicon
    return by_region(inputs.store, inputs.mentions, reading, inputs.known, lex, changed)


def places_step(inputs: Inputs, derived: Derived) -> Derived:
    """Where each location entity is on the map: a place that fails is left unpinned;
    if the gazetteer itself cannot be built, none is pinned (the entities stay). Only
    the entities a change reaches are pinned again, where the stored places and tallies
    allow it (graph/places_region.py)."""
    change = inputs.change("places", derived)
    tallies: dict[str, Tally] = {}

    def pin_all() -> Mapping[str, Place]:
        gazetteer = gazetteer_for(inputs.known, inputs.vocabulary)
        demonyms = inputs.vocabulary.demonyms
        if change is not None:
            pinning = Pinning(
                lambda mentions, texts: story_countries(mentions, gazetteer, texts, demonyms),
                lambda entities, found: pin_entities(entities, found, gazetteer, inputs.failures),
            )
            with inputs.store.snapshot() as conn:
                pinned = places_after_changes(conn, inputs.before, change, derived, pinning)
            tallies.update(pinned.tallies)
            return pinned.places
        return place_entities(
            derived.entities,
            inputs.mentions,
            derived.entity_of,
            gazetteer,
            failures=inputs.failures,
            texts=inputs.texts,
            demonyms=demonyms,
            tallies=tallies,
        )

    locations = listed(repr(e.name) for e in derived.entities if e.type == "location")
    places = inputs.failures.run("places", f"pinning the location entities {locations}", pin_all)
    return replace(derived, places=places or {}, place_tallies=tallies if places is not None else None)


@lru_cache(maxsize=2)
def gazetteer_for(known: tuple[KnownEntity, ...], vocabulary: Vocabulary) -> Gazetteer:
    """One per process, knowledge and vocabulary: the knowledge files' places are indexed
    in memory (GeoNames itself is a SQLite file opened in a millisecond, places/index.py)."""
    return Gazetteer(known, vocabulary=vocabulary)


def events_step(inputs: Inputs, derived: Derived) -> Derived:
    """Event mentions merged across stories, with the claims of responsibility for them:
    merged again only in the region a change reaches, where the stored events allow it
    (graph/events_region.py)."""
    change = inputs.change("events", derived)

    def merge() -> Derived:
        edges = None
        if change is not None:
            with inputs.store.snapshot() as conn:
                edges = located_in_edges(conn, derived.entity_of)  # read once, the full path too
                found = events_after_changes(conn, inputs.before, change, derived, edges)
            if found is not None:
                return replace(
                    derived,
                    events=tuple(found.events),
                    responsibilities=tuple(found.responsibilities),
                    containment=found.containment,
                    loose=found.loose,
                    witnesses=found.witnesses,
                    scopes={**derived.scopes, **found.scopes},  # only the region's rows
                )
        if edges is None:  # a district joins its city
            edges = direct_edges(inputs.assertions, derived.entity_of)
        loose: set[str] = set()
        background = Background()  # gives back the witnesses (graph/events_region.py)
        events, claims = graph_events(
            inputs.event_mentions, inputs.citing(derived), closed(edges), loose, inputs.published, background
        )
        return replace(
            derived,
            events=tuple(events),
            responsibilities=tuple(claims),
            containment=edges,
            loose=frozenset(loose),
            witnesses=background.witnesses,
        )

    with collector_paused():  # collector.py
        return inputs.failures.run("events", "merging the event mentions", merge) or derived


def facts_step(inputs: Inputs, derived: Derived) -> Derived:
    """Relation claims grouped by the entities they join: regrouped only where a change
    reaches, where the stored facts allow it (graph/facts_region.py)."""
    ontology = inputs.vocabulary.ontology
    change = inputs.change("facts", derived)

    def group() -> Derived:
        if change is not None:
            with inputs.store.snapshot() as conn:
                found = facts_after_changes(conn, change, derived, ontology)
            scopes = {**derived.scopes, "facts": found.scope}  # only these rows: the others as stored
            return replace(derived, facts=tuple(found.facts), scopes=scopes)
        types = {e.id: e.type for e in derived.entities}
        facts = facts_of(inputs.assertions, inputs.citing(derived), types, ontology)
        return replace(derived, facts=tuple(facts))

    return inputs.failures.run("facts", "grouping the relation claims", group) or derived


STEPS.add("duplicates", "1.0", duplicates_step)
STEPS.add("entities", "1.0", entities_step)
STEPS.add("places", "1.0", places_step)
STEPS.add("events", "1.0", events_step)
STEPS.add("facts", "1.0", facts_step)
