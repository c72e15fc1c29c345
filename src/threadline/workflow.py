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

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import TextIO, TypeVar

from spacy.language import Language

from threadline.dedup import story_signatures
from threadline.errors import InputError, StepFailure, StoreError, ThreadlineError
from threadline.extract import Extractor
from threadline.graph.steps import assemble
from threadline.ingest import read_inputs, split_document
from threadline.ingest.budget import OutOfTime, batch_budget, check_size, document_budget
from threadline.ingest.outlets import infer_outlets
from threadline.nlp.pipeline import build_pipeline, mentions_of, parse_stories
from threadline.nlp.titles import title_mentions
from threadline.records import Assertion, Document, EventMention, Extraction, Story, document_id
from threadline.refresh import refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import Vocabulary, using, vocabulary_of

log = logging.getLogger(__name__)

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
    nlp: Language,
    stories: Sequence[Story],
    batch_size: int = 32,
    extractor: Extractor | None = None,
    n_process: int = 1,
) -> list[Extraction]:
    """Mentions, relation claims and event mentions of each story (parsed in `n_process`
    spaCy processes)."""
    extractor = extractor or Extractor.named()
    results = []
    for doc, title_doc, story in parse_stories(nlp, stories, batch_size, n_process):
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


@dataclass(frozen=True)
class Analysed:
    """One document's stories and claims, ready to store: what the per-story work
    (cleaning, NLP, extraction, signing) makes of it, with no store in sight, so that
    it can run anywhere (scale/dask_engine.py runs it on Dask workers)."""

    document: Document
    extractions: list[Extraction]
    minhashes: dict[tuple[str, int], bytes]


def analyse_document(
    nlp: Language, document: Document, settings: Settings, vocabulary: Vocabulary | None = None
) -> Analysed:
    """Split, parse and extract one document within its budgets; an InputError naming
    it when nothing is left after cleaning or a budget is spent. `vocabulary`: the
    model of settings' data folder, loaded once by the caller (None: loaded here)."""
    vocabulary = vocabulary or vocabulary_of(settings.data_dir)
    with document_budget(document, settings):  # size and time: over either, an error naming it
        stories = infer_outlets(split_document(document), vocabulary.knowledge)
        if not stories:
            raise InputError(document.origin, "no article text left after cleaning")
        extractor = Extractor.named(settings.relation_families, settings.event_extractors, vocabulary)
        # one document's stories are too few to be worth forking spaCy processes for
        extractions = extract_stories(nlp, stories, settings.batch_size, extractor)
    minhashes = {key: blob for s in stories for key, blob in story_signatures(s).items()}
    return Analysed(document, extractions, minhashes)


def store_analysed(store: Store, analysed: Analysed) -> int:
    """Write one analysed document in its own transaction; its number of stories."""
    store.replace_document(analysed.document, analysed.extractions, analysed.minhashes)
    return len(analysed.extractions)


def ingest_document(
    store: Store,
    nlp: Language,
    document: Document,
    settings: Settings,
    vocabulary: Vocabulary | None = None,
    on_stage: Callable[[str], None] | None = None,
    ready: Mapping[str, Analysed] | None = None,
) -> int | None:
    """Store one document's stories and claims; None when it is unchanged. `on_stage`
    hears which stage the document is in ("NLP and extraction", then "writing");
    `ready` holds documents already analysed in a batch (analyse_documents)."""
    if store.document_hash(document.id) == document.content_hash:
        return None
    stage = on_stage or _quiet
    analysed = (ready or {}).get(document.id)
    if analysed is None or analysed.document != document:
        stage(ANALYSING)
        analysed = analyse_document(nlp, document, settings, vocabulary)
    stage(WRITING)
    return store_analysed(store, analysed)


def analyse_documents(
    nlp: Language, documents: Sequence[Document], settings: Settings, vocabulary: Vocabulary
) -> list[Analysed] | None:
    """Several documents analysed together: their stories go through one `nlp.pipe`
    stream, so the network works on full batches however short each document is. One
    time budget (a document's) covers them all; None when it runs out or anything goes
    wrong, and the caller then analyses each on its own, within its own budgets, so
    that a bad document is named and costs only itself."""
    try:
        with batch_budget(settings.max_document_seconds):
            for document in documents:
                check_size(document, settings)
            split = [infer_outlets(split_document(d), vocabulary.knowledge) for d in documents]
            if not all(split):
                return None
            extractor = Extractor.named(settings.relation_families, settings.event_extractors, vocabulary)
            stories = [story for found in split for story in found]
            parsed = extract_stories(nlp, stories, settings.batch_size, extractor, settings.nlp_processes)
            extractions = iter(parsed)
    except (Exception, OutOfTime):  # the one-by-one path names what went wrong
        return None
    analysed = []
    for document, found in zip(documents, split, strict=True):
        minhashes = {key: blob for s in found for key, blob in story_signatures(s).items()}
        analysed.append(Analysed(document, [next(extractions) for _ in found], minhashes))
    return analysed


# the stages an ingest reports to `on_stage`, in the order they come
LOADING, READING, ANALYSING, WRITING, RESOLVING = (
    "loading the NLP pipeline",
    "reading",
    "NLP and extraction",
    "writing",
    "resolving names, places, events and facts",
)


def _quiet(_stage: str) -> None:
    return None


def ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    stdin: TextIO | None = None,
    on_document: Callable[[str], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest every input; a bad one is reported and the others go on. The vocabulary of
    settings' data folder is loaded once and handed to the stages (and made the active
    one for the helpers that still look it up: the ingest readers and cleaners).
    `on_document` hears each input when it is done, `on_stage` each stage as it starts."""
    vocabulary = vocabulary_of(settings.data_dir)
    # a stage name no module or package registers fails here, before any document is written
    Extractor.named(settings.relation_families, settings.event_extractors, vocabulary)
    assemble(settings.global_steps)
    # readers meanwhile are told the derived rows will follow
    with store.ingesting(), using(vocabulary):
        return _ingest(paths, store, settings, vocabulary, stdin, on_document, on_stage or _quiet)


def _ingest(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    vocabulary: Vocabulary,
    stdin: TextIO | None,
    on_document: Callable[[str], None] | None,
    on_stage: Callable[[str], None],
) -> IngestReport:
    report = IngestReport()
    on_stage(LOADING)
    nlp = build_pipeline(settings, vocabulary)
    feeds: dict[str, FeedRead] = {}
    # a window feeds every spaCy process a few batches (and forks them once)
    window_size = settings.batch_size * settings.nlp_processes
    for window in _windows(_read(paths, stdin, on_stage), window_size):
        ready = _analyse_window(store, nlp, window, settings, vocabulary, on_stage)
        for item in window:
            if isinstance(item, Document):
                report.warnings.extend(item.warnings)
            write = partial(
                ingest_document,
                store,
                nlp,
                settings=settings,
                vocabulary=vocabulary,
                on_stage=on_stage,
                ready=ready,
            )
            ingest_item(store, item, report, write)  # each document in its own transaction
            tally(feeds, item)
            if on_document:
                on_document(item.origin)
    on_stage(RESOLVING)
    finish_ingest(store, settings, vocabulary, feeds, report)
    return report


def _windows(items: Iterable[Document | InputError], size: int) -> Iterator[list[Document | InputError]]:
    """The inputs in runs of `size`, analysed together and then written one by one."""
    it = iter(items)
    while window := list(islice(it, max(1, size))):
        yield window


def _analyse_window(
    store: Store,
    nlp: Language,
    window: Sequence[Document | InputError],
    settings: Settings,
    vocabulary: Vocabulary,
    on_stage: Callable[[str], None],
) -> dict[str, Analysed]:
    """The window's new or changed documents analysed together (none for fewer than two)."""
    changed = [d for d in window if isinstance(d, Document) and store.document_hash(d.id) != d.content_hash]
    if len(changed) < 2:
        return {}
    on_stage(ANALYSING)
    return {a.document.id: a for a in analyse_documents(nlp, changed, settings, vocabulary) or ()}


def _read(
    paths: Sequence[str], stdin: TextIO | None, on_stage: Callable[[str], None]
) -> Iterator[Document | InputError]:
    """The inputs one by one, saying "reading" while the next one is read."""
    items = iter(read_inputs(paths, stdin))
    while True:
        on_stage(READING)
        item = next(items, None)
        if item is None:
            return
        yield item


def finish_ingest(
    store: Store,
    settings: Settings,
    vocabulary: Vocabulary,
    feeds: dict[str, FeedRead],
    report: IngestReport,
) -> None:
    """After every document: the records gone from their feeds go, then the global steps
    run if anything changed (or a run or judgement before was cut short)."""
    for feed, read in feeds.items():
        _remove_gone_records(store, feed, read, report)
    if report.written or report.removed or store.derived_stale():
        report.derived_failures = refresh_derived(store, settings, vocabulary)


def ingest_item(
    store: Store,
    item: Document | InputError,
    report: IngestReport,
    write: Callable[[Document], int | None],
) -> None:
    """Ingest one input into the report: `write` stores a document and says how many
    stories it has (None: unchanged). An input that yields no story now loses the
    version stored before; an internal error keeps it (the error is reported)."""
    try:
        if isinstance(item, InputError):
            raise item
        stored = write(item)
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
        log.debug("internal error on %s", item.origin, exc_info=True)
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


def tally(feeds: dict[str, FeedRead], item: Document | InputError) -> None:
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
