"""Incremental refreshes equal a full rebuild: the same documents stored in one run, one
by one, in another order, or with some removed again give byte-identical exports and
derived rows, and `rebuild` on the same store changes nothing.

The per-story work (NLP, extraction) is done once per module: each document is analysed
once, and the stores differ only in the order the analyses are written and the global
steps refreshed, which is what the incremental path changes."""

from __future__ import annotations

import io
import json
import logging
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from bench.corpus import write_corpus
from sqlalchemy import Connection, Table, select
from tests.scale.conftest import AnalyseFolder

from threadline.errors import Failures
from threadline.export import EXPORTERS, export
from threadline.graph import events_region, incremental, resolve_region, steps
from threadline.graph.cues import story_texts
from threadline.graph.steps import Inputs
from threadline.query.index import EVENT_ENTITIES, SEARCH, refresh_search_index
from threadline.records import Document, Extraction, KnownEntity, StepRun
from threadline.refresh import derive_from_claims, index_update, rebuild_derived, refresh_derived
from threadline.resolve import story_nodes
from threadline.resolve.known import known_nodes
from threadline.resolve.ledger_order import LedgerOrder
from threadline.settings import Settings
from threadline.store import Store, changes
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.store.ledger import ledger_rows
from threadline.vocabulary import vocabulary_of
from threadline.workflow import (
    Analysed,
    ingest,
    store_analysed,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example pages, and generated stories whose names recur and which copy each other."""
    folder = tmp_path_factory.mktemp("incremental")
    for page in EXAMPLES.iterdir():
        if page.suffix in (".txt", ".html", ".jsonl"):
            (folder / page.name).write_bytes(page.read_bytes())
    with (folder / "generated.jsonl").open("w", encoding="utf-8") as stream:
        write_corpus(16, seed=11, stream=stream)
    return folder


@pytest.fixture(scope="module")
def analyses(corpus: Path, analyse_folder: AnalyseFolder) -> list[Analysed]:
    return analyse_folder(corpus)


def fresh(tmp_path: Path, name: str) -> Store:
    return Store(f"sqlite:///{tmp_path / name}.db")


def filled(store: Store, analyses: Sequence[Analysed], refresh_each: bool) -> Store:
    """The analyses written in the order given, the global steps refreshed after each
    one (as `threadline ingest` file by file does) or once at the end."""
    settings = Settings()
    for analysed in analyses:
        store_analysed(store, analysed)
        if refresh_each:
            assert refresh_derived(store, settings) == []
    if not refresh_each:
        assert refresh_derived(store, settings) == []
    return store


def exports(store: Store) -> dict[str, str]:
    """Every export format's output, and every derived table's rows in a fixed order."""
    out = {}
    for name in EXPORTERS.names():
        stream = io.StringIO()
        export(store, name, stream)
        out[name] = stream.getvalue()
    with store.snapshot() as conn:
        for table in t.DERIVED:
            rows = [json.dumps(r, sort_keys=True, default=str) for r in table_rows(conn, table)]
            out[table.name] = "\n".join(sorted(rows))
        out["index"] = index_rows(conn)
    return out


def table_rows(conn: Connection, table: Table) -> list[dict[str, Any]]:
    """A derived table's rows; the decisions ledger's in its order, numbered 0, 1, ...
    (its position keys depend on the order decisions were added in: store/ledger.py)."""
    if table is t.decisions:
        return ledger_rows(conn)
    return [dict(r._mapping) for r in conn.execute(select(table))]


def index_rows(conn: Connection) -> str:
    """The query layer's index: its rows by what they index, in their order within one."""
    search = conn.exec_driver_sql(f"SELECT kind, ref, story, title, body, keys FROM {SEARCH} ORDER BY rowid")
    links = conn.exec_driver_sql(f"SELECT entity_id, event_id, role FROM {EVENT_ENTITIES}")
    by_ref = sorted((tuple(r) for r in search), key=lambda r: (r[0], r[1]))
    return json.dumps([by_ref, sorted(tuple(r) for r in links)])


def changed_since(store: Store, step: str = "duplicates", full: bool = False) -> set[str] | None:
    settings = Settings()
    return Inputs(store, settings, vocabulary_of(settings.data_dir), full=full).changed_since(step)


def test_one_run_one_by_one_and_reversed_give_the_same_bytes(
    tmp_path: Path, analyses: list[Analysed]
) -> None:
    once = filled(fresh(tmp_path, "once"), analyses, refresh_each=False)
    kinds = {d.kind for d in once.duplicates()}
    assert kinds == {"story", "partial"}  # the corpus has copies and shared paragraphs
    at_once = exports(once)
    one_by_one = filled(fresh(tmp_path, "each"), analyses, refresh_each=True)
    assert changed_since(one_by_one) == set()  # the refreshes built on the rows before them
    assert exports(one_by_one) == at_once
    assert exports(filled(fresh(tmp_path, "reversed"), analyses[::-1], refresh_each=True)) == at_once
    rebuild_derived(one_by_one, Settings())
    assert exports(one_by_one) == at_once


def test_removing_documents_equals_never_having_them(tmp_path: Path, analyses: list[Analysed]) -> None:
    """Documents removed after the rest were refreshed (a copy among them, so duplicates
    change) leave what a store that never had them holds."""
    gone = {a.document.id for a in analyses if "republished" in a.document.source} | {
        analyses[-1].document.id,
        analyses[0].document.id,
    }
    store = filled(fresh(tmp_path, "all"), analyses, refresh_each=False)
    store.remove_documents(sorted(gone))
    assert refresh_derived(store, Settings()) == []
    kept = [a for a in analyses if a.document.id not in gone]
    assert exports(store) == exports(filled(fresh(tmp_path, "kept"), kept, refresh_each=False))


def test_ingest_file_by_file_equals_one_run(tmp_path: Path, corpus: Path) -> None:
    """The real command path, on a few files: each its own ingest, then all at once."""
    files = sorted(str(p) for p in corpus.iterdir() if p.name.startswith(("03", "04", "05")))
    settings = Settings()
    each = fresh(tmp_path, "files")
    for path in files[::-1]:
        assert not ingest([path], each, settings).failed
    once = fresh(tmp_path, "run")
    assert not ingest(files, once, settings).failed
    assert exports(each) == exports(once)


def test_a_refresh_redoes_everything_when_it_cannot_build_on_the_stored_rows(
    tmp_path: Path, analyses: list[Analysed]
) -> None:
    """Written stories are what the next refresh redoes; a rebuild, a store whose last
    refresh left a unit out, or rows of another version of the step: everything."""
    store = fresh(tmp_path, "fallback")
    assert changed_since(store) is None  # no rows yet
    filled(store, analyses[:2], refresh_each=False)
    store_analysed(store, analyses[2])
    assert changed_since(store) == {e.story.id for e in analyses[2].extractions}
    assert changed_since(store, full=True) is None
    older = StepRun("duplicates", "0.9", {}, "2026-01-01T00:00:00", "2026-01-01T00:00:01")
    store.replace_derived(Derived((), (), {}, {}, {}, runs=(older,)))
    assert changed_since(store) is None
    store.replace_derived(Derived((), (), {}, {}, {}), complete=False)
    assert changed_since(store) is None


def test_paragraphs_shared_widely_are_counted_over_the_whole_store(
    tmp_path: Path, analyses: list[Analysed], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the changed stories' paragraphs share buckets with too much of the store to
    look each up, the shared paragraphs are counted over every story: the same rows."""
    at_once = exports(filled(fresh(tmp_path, "once"), analyses, refresh_each=False))
    monkeypatch.setattr(incremental, "LOOKUPS", 0)
    monkeypatch.setattr(incremental, "LOOKUPS_PER_PARAGRAPH", 0)
    assert exports(filled(fresh(tmp_path, "wide"), analyses[::-1], refresh_each=True)) == at_once


def claims_rows(store: Store) -> dict[str, list[str]]:
    """Every table the claims live in (documents with their order, stories, what was
    extracted from them, the changes a refresh reads), distinct rows sorted (a story
    changes once per generation, however many times a write records it)."""
    tables = (t.documents, t.stories, *t.STORY_CHILDREN, t.story_changes)
    with store.snapshot() as conn:
        return {
            table.name: sorted(
                {
                    json.dumps(dict(r._mapping), sort_keys=True, default=str)
                    for r in conn.execute(select(table))
                }
            )
            for table in tables
        }


def test_a_batch_written_together_equals_its_documents_written_in_turn(
    tmp_path: Path, analyses: list[Analysed]
) -> None:
    def writes(batch: Sequence[Analysed]) -> list[tuple[Document, Sequence[Extraction], dict]]:
        return [(a.document, a.extractions, a.minhashes) for a in batch]

    together, in_turn = fresh(tmp_path, "together"), fresh(tmp_path, "in-turn")
    first, again = analyses[:5], [*analyses[3:5], *analyses[5:8]]  # again: two stored already
    together.replace_documents(writes(first))
    together.replace_documents(writes(again))
    # a document named twice in one batch sends the batch down the one-by-one path
    in_turn.replace_documents(writes([*first, first[0]]))
    in_turn.replace_documents(writes([*again, again[0]]))
    assert claims_rows(together) == claims_rows(in_turn)
    assert len(claims_rows(together)["documents"]) == 8


def test_entities_redone_by_region_in_any_order_equal_one_run(
    tmp_path: Path,
    analyses: list[Analysed],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Documents in shuffled orders, refreshed after each with every region redone by
    region however large (graph/resolve_region.py): the same bytes as one run."""
    once = exports(filled(fresh(tmp_path, "once"), analyses, refresh_each=False))
    monkeypatch.setattr(resolve_region, "MOST", 1.0)
    caplog.set_level(logging.INFO, logger="threadline.graph.resolve_region")
    for seed in (3, 8):
        shuffled = random.Random(seed).sample(list(analyses), len(analyses))
        assert exports(filled(fresh(tmp_path, f"shuffled{seed}"), shuffled, refresh_each=True)) == once
    redone = [r for r in caplog.records if "region of" in r.getMessage()]
    assert len(redone) > len(analyses)  # most refreshes were by region


def test_the_ledger_order_is_rebuilt_from_each_decision(tmp_path: Path, analyses: list[Analysed]) -> None:
    """Every stored decision's position key (resolve/ledger_order.py) follows the order
    they were taken in: what puts a region's decisions back among the stored ones."""
    store = filled(fresh(tmp_path, "ledger"), analyses, refresh_each=False)
    settings = Settings()
    vocabulary = vocabulary_of(settings.data_dir)
    inputs = Inputs(store, settings, vocabulary)
    lex = vocabulary.lexicon
    reading = story_texts(store, inputs.mentions, lambda: inputs.texts, lex, full=False)
    nodes = {**story_nodes(inputs.mentions, reading.stories, lex, None), **known_nodes(inputs.known, lex)}
    order = LedgerOrder(nodes)
    keys = [order.key(d) for d in store.decisions()]
    assert len(keys) > 100 and {k[0] for k in keys} >= {2, 3, 6, 7, 8, 9}
    assert keys == sorted(keys)


def regional(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Counts, per step after resolution, the refreshes that built on its stored rows;
    the events step takes its region however much of the store it holds."""
    used: Counter[str] = Counter()
    for name in ("places_after_changes", "facts_after_changes", "events_after_changes"):

        def counted(*args: object, _name: str = name, _step: object = getattr(steps, name)) -> object:
            found = _step(*args)  # type: ignore[operator]
            used[_name.split("_")[0]] += found is not None
            return found

        monkeypatch.setattr(steps, name, counted)
    monkeypatch.setattr(events_region, "WHOLE", 1.01)
    return used


def stories_of(analyses: Sequence[Analysed]) -> set[str]:
    return {e.story.id for a in analyses for e in a.extractions}


def test_events_facts_and_places_grow_across_refreshes(
    tmp_path: Path, analyses: list[Analysed], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The later documents written onto the earlier ones' rows, one refresh each: new
    mentions join stored events, facts gain claims, stored places' entities gain
    mentions; each step builds on its stored rows and the bytes are one run's."""
    at_once = exports(filled(fresh(tmp_path, "once"), analyses, refresh_each=False))
    half = len(analyses) // 2
    store = filled(fresh(tmp_path, "halves"), analyses[:half], refresh_each=False)
    earlier = stories_of(analyses[:half])
    used = regional(monkeypatch)
    filled(store, analyses[half:], refresh_each=True)
    assert used == {
        "places": len(analyses) - half,
        "facts": len(analyses) - half,
        "events": len(analyses) - half,
    }
    assert exports(store) == at_once

    def across(items: Sequence[Sequence[dict]]) -> bool:  # cited by earlier and later stories
        return any(
            earlier & {i["story"] for i in cited} and {i["story"] for i in cited} - earlier for cited in items
        )

    assert across([e.evidence for e in store.events()])
    assert across([f.evidence for f in store.facts()])
    mentions = {m.id: m.story_id for m in store.mentions()}
    located = {e.id for e in store.entities() if e.type == "location"} & set(store.places())
    grown = {e for m, e in store.entity_of().items() if e in located and mentions[m] not in earlier}
    assert grown & {e for m, e in store.entity_of().items() if mentions[m] in earlier}


def test_an_earlier_copy_moves_the_root_of_stored_stories(
    tmp_path: Path, analyses: list[Analysed], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The original of a stored re-published copy arrives later: the copy's events and
    facts now count one independent source less, as a run that had both from the start."""
    original = next(a for a in analyses if "03_sanctions_original" in a.document.source)
    rest = [a for a in analyses if a is not original]
    store = filled(fresh(tmp_path, "copy-first"), rest, refresh_each=False)
    copy = {d.story_id for d in store.duplicates() if d.kind == "story"}
    used = regional(monkeypatch)
    filled(store, [original], refresh_each=True)
    assert used == {"places": 1, "facts": 1, "events": 1}
    assert {d.story_id for d in store.duplicates() if d.kind == "story"} - copy  # a root moved
    assert exports(store) == exports(filled(fresh(tmp_path, "once"), analyses, refresh_each=False))


def test_removed_stories_leave_what_never_having_them_leaves_in_each_step(
    tmp_path: Path, analyses: list[Analysed], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A removal: places and facts build on their stored rows; the events step, whose
    removed tellings' keys are gone, merges everything again."""
    gone = {analyses[1].document.id, analyses[-2].document.id}
    store = filled(fresh(tmp_path, "all"), analyses, refresh_each=False)
    store.remove_documents(sorted(gone))
    used = regional(monkeypatch)
    assert refresh_derived(store, Settings()) == []
    assert used == {"places": 1, "facts": 1, "events": 0}
    kept = [a for a in analyses if a.document.id not in gone]
    assert exports(store) == exports(filled(fresh(tmp_path, "kept"), kept, refresh_each=False))


def test_the_duplicates_step_writes_only_the_stories_it_decided_again(
    tmp_path: Path, analyses: list[Analysed]
) -> None:
    """After one more document, the step's rows are scoped to the stories it redid:
    the new ones among them, not every stored story."""
    store = filled(fresh(tmp_path, "scoped"), analyses[:-1], refresh_each=False)
    store_analysed(store, analyses[-1])
    derived = derive_from_claims(store, Settings(), Failures())
    redone = derived.scopes["duplicates"].keys
    assert {e.story.id for e in analyses[-1].extractions} <= redone
    assert len(redone) < len(store.stories())


def derived_tables(store: Store) -> dict[str, set[str]]:
    with store.snapshot() as conn:
        return {
            table.name: {json.dumps(r, sort_keys=True) for r in table_rows(conn, table)}
            for table in t.DERIVED
        }


def stored_ledger(store: Store) -> set[str]:
    with store.snapshot() as conn:
        return {json.dumps(dict(r._mapping), sort_keys=True) for r in conn.execute(select(t.decisions))}


@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_one_more_document_writes_only_the_rows_that_differ(
    tmp_path: Path, analyses: list[Analysed], database: str, request: pytest.FixtureRequest
) -> None:
    """One document onto refreshed rows: the write compares the mention links and
    duplicates with those the refresh read, in memory, the facts, events and claims of
    responsibility of the steps' regions with those stored in their scope, and the decisions ledger by key and digest, and deletes and inserts only the rows that differ (a changed row: its
    old version out, its new one in); the bytes are one run's (on PostgreSQL: the
    derived rows are SQLite's one run's)."""
    url = request.getfixturevalue("pg_url") if database == "postgres" else None
    store = filled(Store(url) if url else fresh(tmp_path, "few"), analyses[:-1], refresh_each=False)
    before, keyed_before = derived_tables(store), stored_ledger(store)
    store_analysed(store, analyses[-1])
    with store.snapshot() as conn:  # refresh_derived's steps, with what the write did kept
        generation, touched = store.claims_generation(), changes.changed_stories(conn)
        derived = derive_from_claims(store, Settings(), Failures())
    assert derived.baseline is not None and derived.baseline.entity_of is not None
    assert "duplicates" in derived.baseline.records
    assert derived.scopes["facts"].total is not None  # only the facts a change reaches, by region
    # only the events and claims of the events step's region, the stored ones left unread
    assert not {"events", "responsibilities"} & set(derived.baseline.records)
    assert derived.scopes["events"].total is not None and derived.scopes["responsibilities"].total is not None
    done = store.rewrite_derived(derived, generation)
    refresh_search_index(store, index_update(touched, done))  # told what changed, by the compared rows
    after = derived_tables(store)
    for table in ("mention_entities", "duplicates", "facts", "events", "responsibilities", "entities"):
        assert done.rows[table] == len(before[table] ^ after[table]), table
    assert 0 < done.rows["mention_entities"] < len(after["mention_entities"]) / 3
    keyed_after = stored_ledger(store)  # the ledger's rows with their position keys
    assert done.rows["decisions"] == len(keyed_before ^ keyed_after)
    assert 0 < done.rows["decisions"] < len(keyed_after) / 3
    once = filled(fresh(tmp_path, "once"), analyses, refresh_each=False)
    if url:
        assert after == derived_tables(once)
    else:
        assert exports(store) == exports(once)


def test_knowledge_added_between_refreshes_sends_the_later_steps_down_the_whole_path(
    tmp_path: Path, analyses: list[Analysed], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference place added (`kb add` killed before its refresh) moves pins of
    entities no new story touches: places, events and facts are redone whole, as a
    rebuild would."""
    half = len(analyses) // 2
    store = filled(fresh(tmp_path, "kb"), analyses[:half], refresh_each=False)
    place = next(e for e in store.entities() if e.type == "location" and e.id in store.places())
    store.replace_reference_entities("test", [KnownEntity("ref-1", place.name, "location", lat=1.5, lon=2.5)])
    used = regional(monkeypatch)
    filled(store, analyses[half : half + 1], refresh_each=True)
    assert used["places"] == used["facts"] == used["events"] == 0
    refreshed = exports(store)
    rebuild_derived(store, Settings())
    assert exports(store) == refreshed
    filled(store, analyses[half + 1 : half + 2], refresh_each=True)
    assert used["places"] == 1  # the digest now kept, the next refresh builds on the rows
