"""An entity page reads only the judgements about it (through the indexed, folded
`judgement_subjects`), and an old store's judgements are found after the upgrade."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, event, select

from threadline.query import entity_detail, one_entity, review
from threadline.query.evidence import verdicts
from threadline.records import Judgement
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.migrate import alembic_config


def test_a_page_shows_its_own_verdicts_and_the_judgements_naming_it(writable: Store) -> None:
    ksr = entity_detail(writable, one_entity(writable, "KSR").id)
    other = next(e for e in writable.entities() if e.id != ksr.id and e.type == "person")
    own = ksr.relations[0]
    review(writable, None, "fact", own.id, "reject", author="ana")
    elsewhere = next(f for f in writable.facts() if f.id not in {r.id for r in ksr.relations})
    review(writable, None, "fact", elsewhere.id, "accept", author="bo")
    # a rename naming KSR by an alias in other letter case, and one naming someone else
    alias = ksr.aliases[0] if ksr.aliases else ksr.name
    writable.add_judgement(Judgement("rename", (alias.upper(),), "ana", "2026-01-01", name="X"))
    writable.add_judgement(Judgement("rename", (other.id,), "ana", "2026-01-02", name="Y"))
    shown = entity_detail(writable, ksr.id)
    assert [(j.kind, j.name) for j in shown.judgements] == [("rename", "X")]
    assert {r.id: r.verdict for r in shown.relations if r.verdict} == {own.id: "reject"}


def test_verdicts_about_some_ids_are_the_latest_on_those_only(writable: Store) -> None:
    facts = [f.id for f in writable.facts()[:2]]
    review(writable, None, "fact", facts[0], "reject", author="ana")
    review(writable, None, "fact", facts[1], "reject", author="ana")
    review(writable, None, "fact", facts[0], "accept", author="bo")
    with writable.snapshot() as conn:
        assert verdicts(conn, [facts[0]]) == {facts[0]: "accept"}
        assert verdicts(conn, []) == {}
        assert verdicts(conn) == {facts[0]: "accept", facts[1]: "reject"}


def test_the_entity_page_never_reads_every_judgement(writable: Store) -> None:
    ksr = one_entity(writable, "KSR").id
    review(writable, None, "fact", entity_detail(writable, ksr).relations[0].id, "reject", author="ana")
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:
        seen.append(statement)

    event.listen(writable.engine, "before_cursor_execute", record)
    try:
        entity_detail(writable, ksr)
    finally:
        event.remove(writable.engine, "before_cursor_execute", record)
    reading = [s for s in seen if "FROM judgements" in s]
    assert reading and all("judgement_subjects" in s for s in reading), reading


def test_an_old_stores_judgements_are_found_after_the_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")  # a store as the last release left it
        for subjects, kind in ((["f-00aa"], "review"), (["e-1", "Abu Layla"], "merge")):
            payload = {"subjects": subjects, "target_id": subjects[0], "verdict": "reject"}
            conn.exec_driver_sql(
                "INSERT INTO judgements (kind, payload, author, created) VALUES (?, ?, 'ana', '2026')",
                (kind, json.dumps(payload)),
            )
    engine.dispose()
    store = Store(url)  # opening upgrades it
    with store.snapshot() as conn:
        rows = conn.execute(select(t.judgement_subjects.c.subject)).scalars().all()
        assert sorted(rows) == ["abu layla", "e-1", "f-00aa"]
        assert verdicts(conn, ["f-00aa"]) == {"f-00aa": "reject"}
    store.close()
