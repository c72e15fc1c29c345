"""Analyst judgements are applied and never overridden."""

from __future__ import annotations

from threadline.resolve import Judgement
from threadline.vocab import KnownEntity

BROTHERS = (
    ("s1", "Muhammad Al-Hafi spoke.", {"Muhammad Al-Hafi": "person"}),
    ("s2", "Ahmed Al-Hafi spoke.", {"Ahmed Al-Hafi": "person"}),
)
SPELLINGS = (
    ("s1", "Yaqoub al-Zaidi spoke.", {"Yaqoub al-Zaidi": "person"}),
    ("s2", "Yaqub al Zaydi spoke.", {"Yaqub al Zaydi": "person"}),
)


def test_merge_overrides_the_guards(resolve) -> None:
    merge = Judgement(
        "merge", ("Muhammad Al-Hafi", "Ahmed Al-Hafi"), author="ana", created="2024-05-01T10:00:00Z"
    )
    run = resolve(*BROTHERS, judgements=[merge])
    assert run.same("Muhammad Al-Hafi", "Ahmed Al-Hafi")
    reasons = run.result.reasons[run.entity("Ahmed Al-Hafi").id]
    assert any("analyst judgement" in r and "ana" in r for r in reasons)


def test_split_blocks_an_automatic_merge(resolve) -> None:
    assert resolve(*SPELLINGS).same("Yaqoub al-Zaidi", "Yaqub al Zaydi")
    split = Judgement(
        "split", ("Yaqoub al-Zaidi", "Yaqub al Zaydi"), author="ana", created="2024-05-01T10:00:00Z"
    )
    run = resolve(*SPELLINGS, judgements=[split])
    assert not run.same("Yaqoub al-Zaidi", "Yaqub al Zaydi")


def test_split_blocks_a_knowledge_link(resolve) -> None:
    known = [KnownEntity(id="nasr", name="Nasr Movement", type="organization", aliases=("Nasr Front",))]
    stories = (
        ("s1", "The Nasr Movement said.", {"Nasr Movement": "organization"}),
        ("s2", "The Nasr Front said.", {"Nasr Front": "organization"}),
    )
    assert resolve(*stories, known=known).same("Nasr Movement", "Nasr Front")
    split = Judgement("split", ("Nasr Movement", "Nasr Front"), author="bo", created="2024-05-02T00:00:00Z")
    run = resolve(*stories, known=known, judgements=[split])
    assert not run.same("Nasr Movement", "Nasr Front")


def test_the_later_judgement_stands(resolve) -> None:
    split = Judgement(
        "split", ("Yaqoub al-Zaidi", "Yaqub al Zaydi"), author="ana", created="2024-05-01T10:00:00Z"
    )
    merge = Judgement(
        "merge", ("Yaqub al Zaydi", "Yaqoub al-Zaidi"), author="bo", created="2024-05-03T10:00:00Z"
    )
    assert resolve(*SPELLINGS, judgements=[merge, split]).same("Yaqoub al-Zaidi", "Yaqub al Zaydi")
    later_split = Judgement(
        "split", ("Yaqoub al-Zaidi", "Yaqub al Zaydi"), author="cy", created="2024-05-04T00:00:00Z"
    )
    assert not resolve(*SPELLINGS, judgements=[merge, split, later_split]).same(
        "Yaqoub al-Zaidi", "Yaqub al Zaydi"
    )


def test_subjects_by_entity_id(resolve) -> None:
    first = resolve(*BROTHERS)
    a, b = first.entity("Muhammad Al-Hafi").id, first.entity("Ahmed Al-Hafi").id
    merge = Judgement("merge", (a, b), author="ana", created="2024-05-01T10:00:00Z")
    assert resolve(*BROTHERS, judgements=[merge]).same("Muhammad Al-Hafi", "Ahmed Al-Hafi")


def test_rename(resolve) -> None:
    rename = Judgement(
        "rename", ("Yaqub al Zaydi",), author="ana", created="2024-05-01T10:00:00Z", name="Yaqub al-Zaydi"
    )
    run = resolve(*SPELLINGS, judgements=[rename])
    entity = run.entity("Yaqub al Zaydi")
    assert entity.name == "Yaqub al-Zaydi"
    assert set(entity.aliases) == {"Yaqoub al-Zaidi", "Yaqub al Zaydi"}


def test_judgement_about_names_not_in_the_corpus_is_harmless(resolve) -> None:
    merge = Judgement(
        "merge", ("Nobody Here", "Muhammad Al-Hafi"), author="ana", created="2024-05-01T10:00:00Z"
    )
    run = resolve(*BROTHERS, judgements=[merge])
    assert not run.same("Muhammad Al-Hafi", "Ahmed Al-Hafi")
