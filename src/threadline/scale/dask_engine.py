"""Ingest on Dask: the per-story work mapped over partitions of documents, the rest here.

The work per document (cleaning, splitting, NLP, extraction, signing) is a pure
function of the document and the settings (`workflow.analyse_document`), so it runs
on Dask workers, each loading the spaCy pipeline once. This process reads the inputs,
skips documents already stored with the same content, sends the rest out in
partitions (scale/partitions.py), writes each partition's documents in one transaction
as it comes back, and runs the global steps (duplicates, resolution, places, events,
facts) once after the map, exactly as a single-process ingest does. The store
therefore holds the same rows whichever engine ran.

A run resumes: a partition is stored whole or not at all, and what a run before
stored is skipped before any partition is sent (a document is known by its source
and content hash), so re-running after a crash analyses only what was not written. Records that fail are reported, and with
`failed_out` written as JSON lines with the reason.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, TextIO

from spacy.language import Language

from threadline.errors import InputError, StoreError, ThreadlineError
from threadline.ingest import read_inputs
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document
from threadline.scale.partitions import partitions
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import Vocabulary, using, vocabulary_of
from threadline.workflow import (
    Analysed,
    FeedRead,
    IngestReport,
    analyse_document,
    analyse_documents,
    finish_ingest,
    ingest_item,
    store_analysed,
    tally,
)

if TYPE_CHECKING:
    from distributed import Client

Outcome = Analysed | ThreadlineError
Finished = tuple[Document | InputError, Outcome | None]  # an input, and what became of it
log = logging.getLogger(__name__)
DEFAULT_PARTITION = 16  # documents per task: big enough to batch nlp.pipe, small enough to balance


@dataclass
class DaskRun:
    """How a Dask ingest went, beside the usual report."""

    report: IngestReport
    partitions: int = 0  # sent to the workers
    skipped: int = 0  # documents already stored, never sent


class WorkerFailure(ThreadlineError):
    """An unexpected error on a worker, carried back as text (its own class may not pickle)."""


_PIPELINES: dict[Settings, Language] = {}


def pipeline_for(settings: Settings, vocabulary: Vocabulary) -> Language:
    """The spaCy pipeline of this worker process, loaded on its first partition."""
    if settings not in _PIPELINES:
        _PIPELINES[settings] = build_pipeline(settings, vocabulary)
    return _PIPELINES[settings]


def analyse_partition(documents: Sequence[Document], settings: Settings) -> list[Outcome]:
    """The worker's task: every document analysed, or the error that stopped it. The
    vocabulary is loaded here, once per worker process, from settings' data folder.

    The partition's stories go through one `nlp.pipe` stream, as a single-process
    ingest's window does (a document's one or two stories alone leave spaCy's batches
    nearly empty: about 15 % more CPU); if that fails, each document is analysed on
    its own, so that a bad one is named and costs only itself."""
    vocabulary = vocabulary_of(settings.data_dir)
    nlp = pipeline_for(settings, vocabulary)
    with using(vocabulary):  # for the readers and cleaners that still look it up
        together = analyse_documents(nlp, documents, settings, vocabulary) if len(documents) > 1 else None
        if together is not None:
            return list(together)
        return [_analyse_one(nlp, document, settings, vocabulary) for document in documents]


def _analyse_one(nlp: Language, document: Document, settings: Settings, vocabulary: Vocabulary) -> Outcome:
    try:
        return analyse_document(nlp, document, settings, vocabulary)
    except InputError as exc:
        return exc
    except ThreadlineError as exc:
        return WorkerFailure(str(exc))
    except Exception as exc:  # one broken document must not stop its partition
        first_line = (str(exc).splitlines() or [""])[0][:200]
        return WorkerFailure(f"{document.origin}: internal error {exc.__class__.__name__}: {first_line}")


def ingest_with_dask(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    client: Client | None = None,
    partition_size: int = DEFAULT_PARTITION,
    failed_out: TextIO | None = None,
    on_document: Callable[[str], None] | None = None,
) -> DaskRun:
    """Ingest `paths` with the per-story work on Dask: on `client`'s cluster, or with
    Dask's synchronous scheduler in this process when there is no client."""
    run = DaskRun(IngestReport())
    # the workers are the parallelism here: a worker forking spaCy processes of its own
    # would only oversubscribe its cores
    settings = replace(settings, nlp_processes=1)
    vocabulary = vocabulary_of(settings.data_dir)
    with store.ingesting(), using(vocabulary):
        feeds: dict[str, FeedRead] = {}
        for finished in _outcomes(paths, store, settings, client, partition_size, run, feeds):
            _record_partition(store, finished, run.report, failed_out)
            if on_document:
                for item, _ in finished:
                    on_document(item.origin)
        finish_ingest(store, settings, vocabulary, feeds, run.report)
    return run


def _outcomes(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    client: Client | None,
    partition_size: int,
    run: DaskRun,
    feeds: dict[str, FeedRead],
) -> Iterator[list[Finished]]:
    """Each input with what became of it (None: already stored, unchanged), a partition
    at a time: the analysed partitions as they come back, then the inputs never sent."""
    unsent: list[Finished] = []
    documents = _to_send(paths, store, run, feeds, unsent)
    pending = partitions(documents, partition_size, _worker_count(client))
    for partition, outcomes in _mapped(pending, settings, client, run):
        yield list(zip(partition, outcomes, strict=True))
    yield unsent


def _to_send(
    paths: Sequence[str],
    store: Store,
    run: DaskRun,
    feeds: dict[str, FeedRead],
    unsent: list[Finished],
) -> Iterator[Document]:
    """The documents worth analysing; the others (unreadable, unchanged) go to `unsent`."""
    for item in read_inputs(paths, None):
        tally(feeds, item)
        if isinstance(item, InputError):
            unsent.append((item, item))
        elif store.document_hash(item.id) == item.content_hash:
            run.skipped += 1
            unsent.append((item, None))
        else:
            run.report.warnings.extend(item.warnings)
            yield item


def _worker_count(client: Client | None) -> int:
    """The workers the cluster has now (1 for the synchronous scheduler)."""
    return max(1, len(client.scheduler_info().get("workers", {}))) if client is not None else 1


def _mapped(
    partitions: Iterator[list[Document]], settings: Settings, client: Client | None, run: DaskRun
) -> Iterator[tuple[list[Document], list[Outcome]]]:
    """Each partition with its outcomes, as they finish; at most a few partitions per
    worker in flight, so memory stays bounded however large the input."""
    if client is None:
        import dask

        for partition in partitions:
            run.partitions += 1
            task = dask.delayed(analyse_partition)(partition, settings)
            yield partition, task.compute(scheduler="synchronous")
        return
    yield from _mapped_on_cluster(partitions, settings, client, run)


def _mapped_on_cluster(
    partitions: Iterator[list[Document]], settings: Settings, client: Client, run: DaskRun
) -> Iterator[tuple[list[Document], list[Outcome]]]:
    from distributed import as_completed

    window = 2 * _worker_count(client)
    sent: dict[Hashable, list[Document]] = {}

    def send(partition: list[Document]):  # type: ignore[no-untyped-def]
        run.partitions += 1
        future = client.submit(analyse_partition, partition, settings, pure=False)
        sent[future.key] = partition
        return future

    flow = as_completed([send(p) for p in islice(partitions, window)])
    for future in flow:
        partition, outcomes = sent.pop(future.key), future.result()
        future.release()
        for more in islice(partitions, 1):  # sent before this one is written: no worker waits on the store
            flow.add(send(more))
        yield partition, outcomes


def _record_partition(
    store: Store, finished: Sequence[Finished], report: IngestReport, failed_out: TextIO | None
) -> None:
    """A partition's analysed documents written in one transaction, then each input
    counted, and its error reported, as a single-process ingest would."""
    analysed = [outcome for _, outcome in finished if isinstance(outcome, Analysed)]
    stored = _store_together(store, analysed)
    for item, outcome in finished:
        if stored and isinstance(outcome, Analysed):
            ingest_item(store, item, report, partial(_already_stored, outcome))
        else:
            _record(store, item, outcome, report, failed_out)


def _already_stored(analysed: Analysed, _document: Document) -> int:
    """The `write` of an input its partition's transaction already stored: its stories."""
    return len(analysed.extractions)


def _store_together(store: Store, analysed: Sequence[Analysed]) -> bool:
    """Write the documents in one transaction: all stored, or none (False). One
    transaction per partition instead of per document: the driver shares the cores
    with the workers, and writing each document on its own (a commit each) took a
    quarter of its time during the map. After an internal error the caller writes
    each document on its own, so that the one at fault is named."""
    if not analysed:
        return False
    try:
        store.replace_documents([(a.document, a.extractions, a.minhashes) for a in analysed])
    except StoreError:
        raise  # the store itself refused (busy, read-only): one by one would be refused too
    except Exception:
        log.debug("a partition could not be written together; writing it one by one", exc_info=True)
        return False
    return True


def _record(
    store: Store,
    item: Document | InputError,
    outcome: Outcome | None,
    report: IngestReport,
    failed_out: TextIO | None,
) -> None:
    errors_before = len(report.errors)

    def write(document: Document) -> int | None:
        if outcome is None:
            return None
        if isinstance(outcome, ThreadlineError):
            raise outcome
        return store_analysed(store, outcome)

    try:
        ingest_item(store, item, report, write)
    except StoreError:
        raise
    if failed_out is not None and len(report.errors) > errors_before:
        failed_out.write(json.dumps({"input": item.origin, "reason": report.errors[-1]}) + "\n")
