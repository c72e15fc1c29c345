"""The ingest workflow: a thin shell that reads, calls the stages, and writes.

Per document (one transaction each): split into stories, parse them in one
`nlp.pipe` stream, extract mentions, relations and events, sign for dedup.
A document that now yields no story loses the version stored before; a JSONL file
read whole loses the stored records no longer in it.
After all documents: run the global steps over the store (duplicates, entity
resolution, places, events, facts); a unit of a step that fails is left out and
reported, the rest written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TextIO, TypeVar

from spacy.language import Language

from threadline.dedup import find_duplicates, find_partial_overlaps, story_signatures
from threadline.errors import Failures, InputError, StepFailure, StoreError, ThreadlineError
from threadline.extract import Extractor
from threadline.graph.steps import EVENTS, FACTS, GlobalStep, Inputs, run_steps
from threadline.ingest import read_inputs, split_document
from threadline.ingest.budget import document_budget
from threadline.ingest.outlets import infer_outlets
from threadline.nlp.pipeline import build_pipeline, mentions_of, parse_stories
from threadline.nlp.titles import title_mentions
from threadline.places import Gazetteer, Place, place_entities
from threadline.query.index import refresh_search_index
from threadline.records import Assertion, Document, EventMention, Extraction, Mention, Story, document_id
from threadline.resolve import Resolution, resolve_entities
from threadline.resolve.isolate import listed
from threadline.resolve.lexicon import load_lexicon
from threadline.settings import Settings
from threadline.store import Store
from threadline.store.layout import Derived
from threadline.vocab import KnownEntity, load_knowledge
from threadline.vocabulary import using, vocabulary_of

T = TypeVar("T", Assertion, EventMention)


@dataclass
class IngestReport:
    written: int = 0  # documents new or changed
    unchanged: int = 0  # documents already stored with the same content
    stories: int = 0
    removed: int = 0  # stored documents removed: gone from their feed, or now yielding no story
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # read, but a value was dropped
    notes: list[str] = field(default_factory=list)  # what changed beside the documents read
    derived_failures: list[StepFailure] = field(default_factory=list)  # units the global steps left out

    @property
    def failed(self) -> bool:
        return bool(self.errors or self.derived_failures)


def unique_by_id(claims: Iterable[T]) -> tuple[T, ...]:
    """A claim found twice in one story (two patterns, one fact) is stored once."""
    return tuple({claim.id: claim for claim in reversed(list(claims))}.values())[::-1]


def extract_stories(
    nlp: Language, stories: Sequence[Story], batch_size: int = 32, extractor: Extractor | None = None
) -> list[Extraction]:
    """Mentions, relation claims and event mentions of each story."""
    extractor = extractor or Extractor.named()
    results = []
    for doc, title_doc, story in parse_stories(nlp, stories, batch_size):
        mentions = mentions_of(doc, story)
        in_title = (
            title_mentions(mentions_of(title_doc, story, "title"), story, mentions)
            if title_doc is not None
            else []
        )
        assertions, events = extractor.extract(doc, story, mentions)
        results.append(
            Extraction(
                story=story,
                mentions=(*mentions, *in_title),
                assertions=unique_by_id(assertions),
                events=unique_by_id(events),
            )
        )
    return results


def ingest_document(store: Store, nlp: Language, document: Document, settings: Settings) -> int | None:
    """Store one document's stories and claims; None when it is unchanged."""
    if store.document_hash(document.id) == document.content_hash:
        return None
    known = load_knowledge(settings.data_dir)
    with document_budget(document, settings):  # size and time: over either, an error naming it
        stories = infer_outlets(split_document(document), known)
        if not stories:
            raise InputError(document.origin, "no article text left after cleaning")
        extractor = Extractor.named(settings.relation_families, settings.event_extractors)
        extractions = extract_stories(nlp, stories, settings.batch_size, extractor)
    minhashes = {key: blob for s in stories for key, blob in story_signatures(s).items()}
    store.replace_document(document, extractions, minhashes)
    return len(stories)


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    stdin: TextIO | None = None,
    on_document: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest every input; a bad one is reported and the others go on."""
    # readers meanwhile are told the derived rows will follow; every stage reads settings' data folder
    with store.ingesting(), using(vocabulary_of(settings.data_dir)):
        return _ingest(paths, store, settings, stdin, on_document)


def _ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    stdin: TextIO | None,
    on_document: Callable[[str], None] | None,
) -> IngestReport:
    report = IngestReport()
    nlp = build_pipeline(settings)
    feeds: dict[str, FeedRead] = {}
    for item in read_inputs(paths, stdin):
        if isinstance(item, Document):
            report.warnings.extend(item.warnings)
        _ingest_item(store, nlp, item, settings, report)
        _tally(feeds, item)
        if on_document:
            on_document(item.origin)
    for feed, read in feeds.items():
        _remove_gone_records(store, feed, read, report)
    if report.written or report.removed or store.derived_stale():  # stale: a run or judgement was cut short
        report.derived_failures = refresh_derived(store, settings)
    return report


def _ingest_item(
    store: Store, nlp: Language, item: Document | InputError, settings: Settings, report: IngestReport
) -> None:
    """Ingest one input into the report. An input that yields no story now loses the
    version stored before; an internal error keeps it (the error is reported)."""
    try:
        if isinstance(item, InputError):
            raise item
        stored = ingest_document(store, nlp, item, settings)
    except InputError as exc:
        gone = item.id if isinstance(item, Document) else exc.locator and document_id(exc.locator)
        removed = store.remove_documents([gone]) if gone else 0
        report.removed += removed
        report.errors.append(str(exc) + ("; the version stored before was removed" if removed else ""))
        return
    except StoreError:
        raise  # the store itself refused (busy, read-only): every next document would too
    except ThreadlineError as exc:
        report.errors.append(str(exc))
        return
    except Exception as exc:  # one broken document must not stop the others
        first_line = (str(exc).splitlines() or [""])[0][:200]
        report.errors.append(f"{item.origin}: internal error {exc.__class__.__name__}: {first_line}")
        return
    report.stories += stored or 0
    report.written += stored is not None
    report.unchanged += stored is None


@dataclass
class FeedRead:
    """What one run read of a JSONL file: the records it holds, and how many of its
    lines (or the file itself) could not be read (a stored record may be among them)."""

    seen: set[str] = field(default_factory=set)  # document ids of its records, read well or not
    unreadable: int = 0


def _tally(feeds: dict[str, FeedRead], item: Document | InputError) -> None:
    if item.feed is None:
        return
    read = feeds.setdefault(item.feed, FeedRead())
    locator = item.locator if isinstance(item, InputError) else item.locator or item.source
    if locator:
        read.seen.add(document_id(locator))
    else:
        read.unreadable += 1


def _remove_gone_records(store: Store, feed: str, read: FeedRead, report: IngestReport) -> None:
    """Stored records of a JSONL file that are no longer in it go, with their stories."""
    gone = [doc for doc in store.feed_documents(feed) if doc not in read.seen]
    if not gone:
        return
    if read.unreadable:
        report.notes.append(
            f"{feed}: {len(gone)} stored records were not found in it but are kept, because "
            "part of it could not be read (see the errors above); fix it and ingest it again"
        )
        return
    removed = store.remove_documents(gone)
    report.removed += removed
    report.notes.append(
        f"{feed}: {removed} stored records no longer in the file were removed, with their stories"
    )


def refresh_derived(store: Store, settings: Settings) -> list[StepFailure]:
    """The derived layer follows from the stored claims: run the global steps
    (GLOBAL_STEPS: duplicates, entities, places, events, facts), then write all their
    rows in one transaction. A unit of a step that fails (a story, a pair of
    names, a cluster) is left out and returned; everything else is written.

    The claims are read as one snapshot, with the count of changes they had; if
    another process changes them before the rows are written, the store stays
    marked behind, and that process's own refresh brings it up to date."""
    failures = Failures()
    with store.snapshot():
        generation = store.claims_generation()
        derived = derive_from_claims(store, settings, failures)
    store.replace_derived(derived, generation)
    refresh_search_index(store)  # the query layer's full-text and event-entity index (query/index.py)
    return failures.items


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
        failures = refresh_derived(store, settings)
    return Rebuilt(store.derived_counts(), failures)


def derive_from_claims(store: Store, settings: Settings, failures: Failures) -> Derived:
    """Every global step's output as the stored claims, judgements and reference
    entities give it now (nothing is written)."""
    return run_steps(GLOBAL_STEPS, Inputs(store, settings, failures))


def duplicates_step(inputs: Inputs, derived: Derived) -> Derived:
    """Copies of earlier stories, and stories that share paragraphs with one."""
    store, failures = inputs.store, inputs.failures
    copies = find_duplicates(inputs.stories, store.minhashes(), failures=failures)
    overlaps = find_partial_overlaps(
        inputs.stories, store.minhashes(paragraphs=True), (d.story_id for d in copies), failures
    )
    return replace(derived, duplicates=(*copies, *overlaps))


def entities_step(inputs: Inputs, derived: Derived) -> Derived:
    """Names across stories resolved into entities, the analyst's judgements binding."""
    texts = {s.id: s.text for s in inputs.stories}
    lex = load_lexicon(inputs.settings.data_dir)
    judgements = inputs.store.judgements()
    resolution = resolve_entities(inputs.mentions, texts, inputs.known, judgements, lex, inputs.failures)
    return replace(
        derived,
        entities=resolution.entities,
        entity_of=resolution.entity_of,
        reasons=resolution.reasons,
        decisions=resolution.decisions,
    )


def places_step(inputs: Inputs, derived: Derived) -> Derived:
    """Where each location entity is on the map."""
    resolution = Resolution(derived.entities, dict(derived.entity_of), dict(derived.reasons))
    texts = {s.id: s.text for s in inputs.stories}
    return replace(derived, places=_places(resolution, inputs.mentions, inputs.known, texts, inputs.failures))


GLOBAL_STEPS: tuple[GlobalStep, ...] = (
    GlobalStep("duplicates", duplicates_step, ("duplicates",)),
    GlobalStep("entities", entities_step, ("entities", "mention_entities", "decisions")),
    GlobalStep("places", places_step, ("places",)),
    EVENTS,
    FACTS,
)


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


def _places(
    resolution: Resolution,
    mentions: Sequence[Mention],
    known: tuple[KnownEntity, ...],
    texts: Mapping[str, str],
    failures: Failures,
) -> dict[str, Place]:
    """Places of the location entities: a place that fails is left unpinned; if the
    gazetteer itself cannot be built, none is pinned (the entities stay)."""

    def pin() -> dict[str, Place]:
        gazetteer = gazetteer_for(known)
        entity_of = resolution.entity_of
        return place_entities(
            resolution.entities, mentions, entity_of, gazetteer, failures=failures, texts=texts
        )

    locations = listed(repr(e.name) for e in resolution.entities if e.type == "location")
    return failures.run("places", f"pinning the location entities {locations}", pin) or {}


@lru_cache(maxsize=2)
def gazetteer_for(known: tuple[KnownEntity, ...]) -> Gazetteer:
    """One per process and knowledge: the knowledge files' places are indexed in memory
    (GeoNames itself is a SQLite file opened in a millisecond, places/index.py)."""
    return Gazetteer(known)
