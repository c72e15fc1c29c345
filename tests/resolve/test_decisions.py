"""The decisions ledger: every merge, refusal and ambiguity resolution takes, with its
step, score and reason, stored beside the entities and shown by `entity --why`.

Names are made up for the test.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import delete
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.records import Decision, Mention
from threadline.resolve import Resolution, resolve_entities
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.db import STALE
from threadline.store.layout import Derived
from threadline.store.migrate import alembic_config
from threadline.vocab import KnownEntity


def person(story: str, name: str, kb_id: str | None = None) -> Mention:
    return Mention(story, 0, len(name), name, "person", "PERSON", kb_id=kb_id)


def between(result: Resolution, a: str, b: str) -> list[Decision]:
    return [d for d in result.decisions if {d.left_name, d.right_name} == {a, b}]


def test_a_scored_merge_is_recorded_with_its_score_and_one_entity() -> None:
    result = resolve_entities([person("s1", "Muhammad Dicko"), person("s2", "Mohammed Soumana Dicko")], {})
    [merged] = between(result, "Muhammad Dicko", "Mohammed Soumana Dicko")
    assert (merged.step, merged.verdict, merged.score) == ("scored pairs", "merged", 0.9)
    assert "share given name and surname" in merged.reason
    assert merged.left_entity == merged.right_entity == result.entities[0].id


def test_two_people_sharing_given_name_and_surname_are_refused_below_the_bar() -> None:
    result = resolve_entities([person("s1", "Omar Hamza Diallo"), person("s2", "Omar Soumana Diallo")], {})
    [refused] = between(result, "Omar Hamza Diallo", "Omar Soumana Diallo")
    assert (refused.step, refused.verdict, refused.score) == ("scored pairs", "refused", 0.0)
    assert "each has a part the other lacks" in refused.reason
    assert refused.left_entity != refused.right_entity and len(result.entities) == 2


def test_a_person_and_a_place_are_refused() -> None:
    place = Mention("s2", 0, 19, "Omar Soumana Diallo", "location", "GPE")
    result = resolve_entities([person("s1", "Omar Diallo"), place], {})
    [refused] = between(result, "Omar Diallo", "Omar Soumana Diallo")
    assert refused.verdict == "refused" and refused.score == 0.0
    assert "one adds a distinguishing part" in refused.reason


def test_a_guard_refusing_a_scored_link_keeps_the_score_and_says_which_guard() -> None:
    known = [KnownEntity("kb1", "Omar Diallo", "person"), KnownEntity("kb2", "Omar Soumana Diallo", "person")]
    mentions = [person("s1", "Omar Diallo", "kb1"), person("s2", "Omar Soumana Diallo", "kb2")]
    result = resolve_entities(mentions, {}, known)
    decided = between(result, "Omar Diallo", "Omar Soumana Diallo")
    assert {d.verdict for d in decided} == {"refused"} and len(result.entities) == 2
    [scored] = [d for d in decided if d.step == "scored pairs"]
    assert scored.score == 0.9 and scored.reason.endswith("two knowledge entries: kb1 / kb2")


def test_a_surname_two_full_names_fit_is_recorded_as_ambiguous_against_each() -> None:
    text = "Omar Soumana Diallo met Hamza Soumana Diallo. Diallo said."
    mentions = [
        Mention("s1", 0, 19, "Omar Soumana Diallo", "person", "PERSON"),
        Mention("s1", 24, 44, "Hamza Soumana Diallo", "person", "PERSON"),
        Mention("s1", 46, 52, "Diallo", "person", "PERSON"),
    ]
    result = resolve_entities(mentions, {"s1": text})
    ambiguous = [d for d in result.decisions if d.verdict == "ambiguous"]
    assert {d.right_name for d in ambiguous} == {"Omar Soumana Diallo", "Hamza Soumana Diallo"}
    assert all(d.left_name == "Diallo" and d.step == "short forms" for d in ambiguous)
    assert not [d for d in result.decisions if d.verdict == "merged"]


def test_entity_why_prints_merges_and_refusals_from_the_store(tmp_path: Path) -> None:
    mentions = [
        person("s1", "Muhammad Dicko"),
        person("s2", "Mohammed Soumana Dicko"),
        person("s3", "Mohammed Hamza Dicko"),
    ]
    result = resolve_entities(mentions, {})
    url = f"sqlite:///{tmp_path / 't.db'}"
    store = Store(url)
    store.replace_derived(
        Derived(
            duplicates=(),
            entities=result.entities,
            entity_of=result.entity_of,
            reasons=result.reasons,
            places={},
            decisions=result.decisions,
        )
    )
    store.close()
    shown = CliRunner().invoke(app, ["entity", "Mohammed Hamza Dicko", "--why", "--db", url])
    assert shown.exit_code == 0, shown.output
    below_bar = "'Mohammed Hamza Dicko' / 'Mohammed Soumana Dicko' (scored pairs, score 0.00): below the bar"
    guarded = "'Muhammad Dicko' / 'Mohammed Hamza Dicko' (scored pairs, score 0.90)"
    kept_apart = shown.output.split("kept apart:")[1]
    assert below_bar in kept_apart and guarded in kept_apart
    assert "each has a part the other lacks" in kept_apart.split(guarded)[1]


STORY = """Commander visits {place}

Published: {day} June 2025

Omar Soumana Diallo, a commander of the fictional Katibat Sayf al-Sahil, visited {place} on Monday, the group said. Diallo spoke to reporters.
"""


def test_a_store_from_before_the_decisions_gets_them_from_the_next_reader(tmp_path: Path) -> None:
    for n, place in enumerate(("Menaka", "Gao")):
        (tmp_path / f"{place}.txt").write_text(STORY.format(place=place, day=n + 2), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 't.db'}"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["ingest", str(tmp_path / "Menaka.txt"), str(tmp_path / "Gao.txt"), "--db", url]
        ).exit_code
        == 0
    )
    store = Store(url)
    diallo = next(e for e in store.entities() if e.name == "Omar Soumana Diallo")
    before = store.decisions_about(diallo.id)
    assert any(d.verdict == "merged" and d.left_entity == d.right_entity == diallo.id for d in before)
    config = alembic_config(store.engine)
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")  # as threadline left it before the decisions table
        conn.execute(delete(t.meta).where(t.meta.c.key == STALE))  # its derived rows were current
    store.close()
    shown = runner.invoke(app, ["entity", diallo.id, "--why", "--db", url])
    assert shown.exit_code == 0 and "brought them up to date" in shown.stderr
    assert "  merged:\n" in shown.stdout
    assert Store(url).decisions_about(diallo.id) == before
