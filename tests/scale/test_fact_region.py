"""The facts step by region: the stored facts a change reaches are found by index (the
stories each fact cites, store/fact_links.py; its subject and object), only theirs are
regrouped and written, and the table ends as grouping every claim would leave it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from bench.corpus import write_corpus
from sqlalchemy import create_engine, select

from threadline.errors import Failures
from threadline.graph import steps
from threadline.graph.cite import Citing, root_of
from threadline.graph.facts import facts_of
from threadline.graph.facts_region import Regrouped, facts_after_changes, key
from threadline.graph.regions import Change
from threadline.graph.steps import Inputs, assemble, run_steps
from threadline.records import Fact
from threadline.refresh import rebuild_derived, refresh_derived
from threadline.registry import Registered
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.fact_links import link_rows
from threadline.store.layout import Derived, fact_row
from threadline.vocabulary import vocabulary_of
from threadline.workflow import ingest


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of generated stories (one a document), refreshed once: facts cited by one
    story and by several."""
    folder = tmp_path_factory.mktemp("facts")
    with (folder / "news.jsonl").open("w", encoding="utf-8") as stream:
        write_corpus(24, seed=5, stream=stream)
    store = Store(f"sqlite:///{folder / 'facts.db'}")
    assert not ingest([str(folder / "news.jsonl")], store, Settings()).failed
    store.close()
    return folder / "facts.db"


@pytest.fixture
def store(filled: Path, tmp_path: Path) -> Iterator[Store]:
    shutil.copy(filled, tmp_path / "copy.db")
    opened = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    yield opened
    opened.close()


def cited(f: Fact) -> set[str]:
    return {item["story"] for item in (*f.evidence, *f.disputed_by)}


def tables(store: Store) -> dict[str, list[str]]:
    """The facts and the stories they cite, as stored, in a fixed order."""
    with store.snapshot() as conn:
        return {
            table.name: sorted(
                json.dumps(dict(r._mapping), sort_keys=True) for r in conn.execute(select(table))
            )
            for table in (t.facts, t.fact_stories)
        }


def regrouped(monkeypatch: pytest.MonkeyPatch) -> list[Regrouped]:
    """Each region the facts step regrouped, as it handed it on."""
    found: list[Regrouped] = []

    def kept(*args: object) -> Regrouped:
        found.append(facts_after_changes(*args))  # type: ignore[arg-type]
        return found[-1]

    monkeypatch.setattr(steps, "facts_after_changes", kept)
    return found


def test_a_fact_citing_a_removed_story_is_regrouped_as_a_rebuild_groups_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A story removed that alone cites one fact and shares another: the first goes,
    the second loses its evidence; the others are neither read nor written, and the
    rows are a rebuild's."""
    facts = store.facts()
    alone = next(
        f
        for f in facts
        if len(cited(f)) == 1 and any(len(cited(g)) > 1 for g in facts if cited(f) < cited(g))
    )
    shared = next(f for f in facts if cited(alone) < cited(f))
    (story,) = cited(alone)
    document = next(s.document_id for s in store.stories() if s.id == story)
    store.remove_documents([document])
    found = regrouped(monkeypatch)
    assert refresh_derived(store, Settings()) == []
    (region,) = found
    assert {alone.id, shared.id} <= region.scope.keys and len(region.scope.keys) < len(facts) / 2
    after = {f.id: f for f in store.facts()}
    assert alone.id not in after and cited(after[shared.id]) == cited(shared) - {story}
    assert region.scope.total == len(after) == store.last_step_runs()[-1].rows["facts"]
    refreshed = tables(store)
    rebuild_derived(store, Settings())
    assert tables(store) == refreshed


def whole(store: Store, derived: Derived) -> list[Fact]:
    """Every fact grouped from every stored claim, as the whole step groups them."""
    outlets = {s.id: s.outlet for s in store.stories()}
    citing = Citing(derived.entity_of, root_of(outlets, derived.duplicates), outlets)
    types = {e.id: e.type for e in derived.entities}
    return facts_of(store.assertions(), citing, types, vocabulary_of(Settings().data_dir).ontology)


def test_a_fact_whose_entity_changed_type_is_regrouped_as_the_whole_step_groups_it(store: Store) -> None:
    """An entity's row changes type (its facts' predicates may no longer fit it): the
    facts naming it are found by their subject and object columns and grouped again;
    the stored facts outside the region with the region's are the whole step's."""
    stored = store.facts()
    led = next(f for f in stored if f.predicate == "leader_of")
    entities = tuple(replace(e, type="location") if e.id == led.subject else e for e in store.entities())
    derived = Derived(store.duplicates(), entities, store.entity_of(), {}, {})
    nothing = frozenset[str]()
    change = Change(
        stories=nothing,
        present=nothing,
        mentions=nothing,
        entities=frozenset({led.subject}),
        roots=nothing,
        old_entity_of=derived.entity_of,
        entity_of=derived.entity_of,
    )
    with store.snapshot() as conn:
        region = facts_after_changes(conn, change, derived, vocabulary_of(Settings().data_dir).ontology)
    assert led.id in region.scope.keys and led.id not in {f.id for f in region.facts}  # a place leads no one
    kept = [f for f in stored if f.id not in region.scope.keys]
    assert sorted((*kept, *region.facts), key=key) == whole(store, derived)
    assert region.scope.total == len(whole(store, derived)) < len(stored)


def test_a_package_step_after_the_facts_step_sees_every_fact(store: Store) -> None:
    """A step of someone else's after threadline's reads `derived.facts` whole: the
    region's facts are joined to the stored others before it runs."""
    store.remove_documents([store.stories()[0].document_id])
    seen: list[int] = []

    def counting(inputs: Inputs, derived: Derived) -> Derived:
        seen.append(len(derived.facts))
        return derived

    settings = Settings()
    inputs = Inputs(store, settings, vocabulary_of(settings.data_dir), Failures())
    derived = run_steps([*assemble(), Registered("counting", "1", counting)], inputs)
    assert derived.scopes["facts"].total is None and seen == [len(derived.facts)]
    store.rewrite_derived(derived)
    written = tables(store)
    rebuild_derived(store, settings)
    assert tables(store) == written and len(store.facts()) == seen[0]


def test_a_store_from_before_the_links_opens_with_them_and_refreshes_by_region(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A store at revision 0013 (no fact_stories): opening it links its stored facts from
    their evidence, and its next refresh goes by region, as a rebuild."""
    linked = tables(store)["fact_stories"]
    store.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE fact_stories")
        conn.exec_driver_sql("DROP INDEX ix_events_type_location")  # revision 0015's
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0013'")
    engine.dispose()
    old = Store(f"sqlite:///{tmp_path / 'copy.db'}")
    assert tables(old)["fact_stories"] == linked
    assert link_rows(fact_row(f) for f in old.facts())  # every fact cites a story
    old.remove_documents([old.stories()[-1].document_id])
    found = regrouped(monkeypatch)
    assert refresh_derived(old, Settings()) == [] and len(found) == 1
    refreshed = tables(old)
    rebuild_derived(old, Settings())
    assert tables(old) == refreshed
    old.close()


def test_the_stored_links_follow_each_write_of_the_facts(store: Store) -> None:
    """Every write of the facts, whole or by region, leaves each fact's cited stories as
    its evidence and dissent name them."""
    for document in [s.document_id for s in store.stories()[:3]]:
        store.remove_documents([document])
        assert refresh_derived(store, Settings()) == []
        expected = sorted(
            json.dumps(r, sort_keys=True) for r in link_rows(fact_row(f) for f in store.facts())
        )
        assert tables(store)["fact_stories"] == expected
