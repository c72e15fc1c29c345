"""Document identity in the store: a document is known by its full source, never by a bare
file name; a JSONL file re-read whole loses the records gone from it; an input that now
yields no story loses its old version. On a real SQLite file and, where THREADLINE_TEST_PG
names one, a real PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, insert

from threadline.export.json_export import build_export
from threadline.records import content_id, document_id
from threadline.resolve import Judgement
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.store.migrate import alembic_config
from threadline.workflow import ingest

RAID = "Police raided a warehouse in {place} on Monday and seized rifles, officials said.\n"
PROTEST = "Hundreds of people protested outside the provincial council in {place} on Tuesday.\n"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = (
        f"sqlite:///{tmp_path / 'id.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    )
    opened = Store(url)
    yield opened
    opened.close()


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_feed(path: Path, records: list[dict[str, str]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def stories_by_source(store: Store) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for story in build_export(store)["stories"]:
        found.setdefault(story["source"], []).append(story["text"])
    return found


def test_one_file_name_in_two_folders_gives_two_documents(store: Store, here: Path) -> None:
    for folder, place in (("dirA", "Basra"), ("dirB", "Kirkuk")):
        (here / "corpus" / folder).mkdir(parents=True)
        (here / "corpus" / folder / "article.txt").write_text(RAID.format(place=place), encoding="utf-8")
    report = ingest(["corpus"], store, Settings())
    assert (report.written, report.errors) == (2, [])
    [texts] = stories_by_source(store).values()  # the export's source stays the file name
    assert sorted("Basra" in text for text in texts) == [False, True]
    again = ingest(["corpus/dirA", "corpus/dirB/article.txt"], store, Settings())
    assert (again.written, again.unchanged) == (0, 2)  # the same ids whichever way they are named


def test_one_record_id_in_two_feeds_gives_two_documents(store: Store, here: Path) -> None:
    write_feed(here / "wire.jsonl", [{"id": "1", "text": RAID.format(place="Mosul")}])
    write_feed(here / "agency.jsonl", [{"id": "1", "text": PROTEST.format(place="Najaf")}])
    report = ingest(["wire.jsonl", "agency.jsonl"], store, Settings())
    assert report.written == 2 and len(stories_by_source(store)["1"]) == 2


def test_an_id_twice_in_one_feed_is_reported_and_the_first_kept(store: Store, here: Path) -> None:
    write_feed(
        here / "feed.jsonl",
        [{"id": "r", "text": RAID.format(place="Mosul")}, {"id": "r", "text": PROTEST.format(place="Najaf")}],
    )
    report = ingest(["feed.jsonl"], store, Settings())
    assert report.errors == [
        "feed.jsonl:2: duplicate id 'r', first on line 1: line 1 is kept, this one skipped"
    ]
    [text] = stories_by_source(store)["r"]
    assert "Mosul" in text


def test_records_gone_from_a_feed_are_removed_and_counted(store: Store, here: Path) -> None:
    records = [
        {"id": f"r{n}", "text": RAID.format(place=place)} for n, place in enumerate(("Hilla", "Kut", "Amara"))
    ]
    write_feed(here / "feed.jsonl", records)
    write_feed(here / "other.jsonl", [{"id": "r1", "text": PROTEST.format(place="Samawa")}])
    ingest(["feed.jsonl", "other.jsonl"], store, Settings())
    write_feed(here / "feed.jsonl", records[:1])
    report = ingest(["feed.jsonl"], store, Settings())
    assert (report.unchanged, report.removed) == (1, 2)
    assert report.notes == [
        "feed.jsonl: 2 stored records no longer in the file were removed, with their stories"
    ]
    by_source = stories_by_source(store)
    assert sorted(by_source) == ["r0", "r1"] and "Samawa" in by_source["r1"][0]  # the other feed's r1 stays
    assert not store.derived_stale()


def test_a_feed_with_an_unreadable_line_keeps_the_records_it_may_hold(store: Store, here: Path) -> None:
    records = [
        {"id": "r0", "text": RAID.format(place="Hilla")},
        {"id": "r1", "text": RAID.format(place="Kut")},
    ]
    write_feed(here / "feed.jsonl", records)
    ingest(["feed.jsonl"], store, Settings())
    (here / "feed.jsonl").write_text(
        json.dumps(records[0]) + '\n{"id": "r1", "text": broken\n', encoding="utf-8"
    )
    report = ingest(["feed.jsonl"], store, Settings())
    assert report.removed == 0 and sorted(stories_by_source(store)) == ["r0", "r1"]
    assert report.notes == [
        "feed.jsonl: 1 stored records were not found in it but are kept, because part of it "
        "could not be read (see the errors above); fix it and ingest it again"
    ]


@pytest.mark.parametrize("now", ["   ", "Share this post"])  # empty; nothing left after cleaning
def test_a_record_that_now_yields_no_story_loses_its_old_version(store: Store, here: Path, now: str) -> None:
    write_feed(here / "feed.jsonl", [{"id": "r0", "text": RAID.format(place="Hilla")}])
    ingest(["feed.jsonl"], store, Settings())
    write_feed(here / "feed.jsonl", [{"id": "r0", "text": now}])
    report = ingest(["feed.jsonl"], store, Settings())
    assert report.removed == 1 and len(report.errors) == 1
    assert report.errors[0].startswith("feed.jsonl:1: ")
    assert report.errors[0].endswith("; the version stored before was removed")
    assert stories_by_source(store) == {} and store.entities() == []


def test_a_file_emptied_loses_its_old_version(store: Store, here: Path) -> None:
    (here / "a.txt").write_text(RAID.format(place="Hilla"), encoding="utf-8")
    ingest(["a.txt"], store, Settings())
    (here / "a.txt").write_text("", encoding="utf-8")
    report = ingest(["a.txt"], store, Settings())
    assert report.errors == ["a.txt: empty file (only white space); the version stored before was removed"]
    assert store.counts()["documents"] == 0


def test_a_row_written_before_locators_is_replaced_not_doubled(tmp_path: Path, here: Path) -> None:
    """A store of revision 0002 knew a document by its file name alone: ingesting the same
    file after the upgrade replaces that row instead of adding a second copy."""
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        legacy = document_id("a.txt")
        old_document = {"id": legacy, "source": "a.txt", "origin": "a.txt", "format": "text"}
        connection.execute(insert(t.documents), [{**old_document, "content_hash": "h-old", "seq": 1}])
        old_story = {"id": content_id("s", "a.txt", 0), "document_id": legacy, "source": "a.txt", "idx": 0}
        connection.execute(
            insert(t.stories), [{**old_story, "text": "An old text.", "blocks": [], "removed": []}]
        )
    engine.dispose()
    (here / "corpus").mkdir()
    (here / "corpus" / "a.txt").write_text(RAID.format(place="Hilla"), encoding="utf-8")
    store = Store(url)
    report = ingest(["corpus"], store, Settings())
    assert report.written == 1 and store.counts()["documents"] == 1
    [story] = build_export(store)["stories"]
    assert story["source"] == "a.txt" and "Hilla" in story["text"]
    store.close()


def test_a_judgement_and_the_stale_mark_are_written_together(store: Store) -> None:
    """Whatever kills the command after this write, the next run recomputes the derived rows."""
    store.replace_derived(Derived(duplicates=(), entities=(), entity_of={}, reasons={}, places={}))
    assert not store.derived_stale()
    store.add_judgement(
        Judgement("split", ("Karim Mansouri", "Mansouri"), "ana", "2025-06-01", entity_type="person")
    )
    assert store.derived_stale()
    [judgement] = store.judgements()
    assert (judgement.subjects, judgement.entity_type) == (("Karim Mansouri", "Mansouri"), "person")
