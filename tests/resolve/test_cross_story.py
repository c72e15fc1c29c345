"""Across stories: names that must merge, and names that must not (fictional names)."""

from __future__ import annotations

import pytest

from threadline.records import EntityType

MERGE = [
    ("Mohammed Al Hafi", "Muhammad Al-Hafi", "person"),
    ("Yaqoub al-Zaidi", "Yaqub al Zaydi", "person"),
    ("Shibl al Zaydi", "Shibl Mohsen Obaid al Zaydi", "person"),
    ("Karrar Abbas al-Saedi", "Sheikh Karrar Abbas al-Saedi", "person"),
    ("Muntadhar Hassan al-Moussawi", "Muntadhar Hassan al-Musawi", "person"),
    ("Faris Shukur", "Faris Shukr", "person"),
    ("Kata'ib Rijal al-Tahaddi", "Kataib Rijal al-Tahaddi", "organization"),
    ("Harakat Sawt al-Mustadafin", "Harakat Sawt al-Mustadhafin", "organization"),
    ("Badr movement", "Badr Organization", "organization"),
    ("Katayib Nour al-Sabah", "Kataib Nur al-Sabah", "organization"),
    ("Liwa Dir al-Janub", "Liwa Dir al-Janoub", "organization"),
    ("Deir ez-Zor", "Deir al-Zor", "location"),
]

APART = [
    ("Muhammad Al-Hafi", "Ahmed Al-Hafi", "person"),
    ("Hassan Jawad Kadhim", "Hussein Jawad Kadhim", "person"),
    ("Ahmed Salim Darraj", "Muhammad Ahmed Salim Darraj", "person"),
    ("Yaqoub al Zaidim", "Yaqoub al Zaydi", "person"),
    ("Karrar al-Saedi", "Karrar al-Saadi", "person"),
    ("Kataib Nour al-Sabah", "Harakat Nour al-Sabah", "organization"),
    ("Kataib Nour al-Sabah", "Saraya Nour al-Sabah", "organization"),
    ("Islamic Resistance in Iraq", "Islamic Resistance in Hamas", "organization"),
    ("Gaza City", "Gaza Strip", "location"),
    ("Sawt Office", "Sawt TV", "organization"),
    ("Frederick II", "Frederick III", "person"),
    ("Department of Labor", "Labour Party", "organization"),
    ("Dora district", "Dora province", "location"),
    ("Kuwait", "Kuwait City", "location"),
]


def _two_stories(a: str, b: str, kind: EntityType):
    return (
        ("s1", f"Reports named {a} on Monday.", {a: kind}),
        ("s2", f"Reports named {b} on Tuesday.", {b: kind}),
    )


@pytest.mark.parametrize("a, b, kind", MERGE)
def test_spellings_of_one_name_merge(resolve, a: str, b: str, kind: EntityType) -> None:
    assert resolve(*_two_stories(a, b, kind)).same(a, b)


@pytest.mark.parametrize("a, b, kind", APART)
def test_different_names_stay_apart(resolve, a: str, b: str, kind: EntityType) -> None:
    assert not resolve(*_two_stories(a, b, kind)).same(a, b)


def test_lone_surname_joins_the_one_full_name_in_the_corpus(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Salah Mahdi al-Rubaie visited Basra.",
            {"Salah Mahdi al-Rubaie": "person", "Basra": "location"},
        ),
        ("s2", "Al-Rubaie condemned the attack.", {"Al-Rubaie": "person"}),
    )
    assert run.same("Al-Rubaie", "Salah Mahdi al-Rubaie")
    reasons = run.result.reasons[run.entity("Al-Rubaie").id]
    assert any("fits one full name in the corpus" in r for r in reasons)


def test_lone_surname_with_two_candidates_stays_alone(resolve) -> None:
    run = resolve(
        ("s1", "Muhammad Al-Hafi spoke.", {"Muhammad Al-Hafi": "person"}),
        ("s2", "Ahmed Al-Hafi spoke.", {"Ahmed Al-Hafi": "person"}),
        ("s3", "Al-Hafi was arrested.", {"Al-Hafi": "person"}),
    )
    assert not run.same("Al-Hafi", "Muhammad Al-Hafi")
    assert not run.same("Al-Hafi", "Ahmed Al-Hafi")


def test_surname_ambiguous_in_its_own_story_never_resolves_elsewhere(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Muhammad Al-Hafi and Ahmed Al-Hafi met. Al-Hafi said.",
            {"Muhammad Al-Hafi": "person", "Ahmed Al-Hafi": "person", "Al-Hafi": "person"},
        ),
        ("s2", "Muhammad Al-Hafi left.", {"Muhammad Al-Hafi": "person"}),
    )
    assert not run.same("Al-Hafi", "Muhammad Al-Hafi", "s1", "s2")


def test_lone_surnames_with_no_full_name_are_one_entity(resolve) -> None:
    run = resolve(
        ("s1", "Lindqvist spoke.", {"Lindqvist": "person"}),
        ("s2", "Lindqvist left.", {"Lindqvist": "person"}),
    )
    assert run.same("Lindqvist", "Lindqvist", "s1", "s2")


def test_surname_does_not_join_an_organisation(resolve) -> None:
    run = resolve(
        ("s1", "Hamdan Brigades fired rockets.", {"Hamdan Brigades": "organization"}),
        ("s2", "Hamdan spoke.", {"Hamdan": "person"}),
    )
    assert not run.same("Hamdan", "Hamdan Brigades")


def test_organisation_short_name_joins_unique_fuller_name(resolve) -> None:
    run = resolve(
        ("s1", "The Badr Organization held a rally.", {"Badr Organization": "organization"}),
        ("s2", "Badr denied it.", {"Badr": "organization"}),
    )
    assert run.same("Badr", "Badr Organization")


def test_organisation_short_name_with_two_fuller_names_stays_alone(resolve) -> None:
    run = resolve(
        ("s1", "The Islamic Resistance Movement said.", {"Islamic Resistance Movement": "organization"}),
        ("s2", "The Islamic Resistance in Iraq said.", {"Islamic Resistance in Iraq": "organization"}),
        ("s3", "The Islamic Resistance said.", {"Islamic Resistance": "organization"}),
    )
    assert not run.same("Islamic Resistance", "Islamic Resistance Movement")
    assert not run.same("Islamic Resistance", "Islamic Resistance in Iraq")
    assert not run.same("Islamic Resistance Movement", "Islamic Resistance in Iraq")


def test_no_chaining_through_a_short_form(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Muhammad Al-Hafi said Al-Hafi would stay.",
            {"Muhammad Al-Hafi": "person", "Al-Hafi": "person"},
        ),
        ("s2", "Ahmed Al-Hafi said Al-Hafi would go.", {"Ahmed Al-Hafi": "person", "Al-Hafi": "person"}),
    )
    assert not run.same("Muhammad Al-Hafi", "Ahmed Al-Hafi")
    assert run.same("Al-Hafi", "Muhammad Al-Hafi", "s1", "s1")
    assert run.same("Al-Hafi", "Ahmed Al-Hafi", "s2", "s2")


def test_country_added_to_an_organisation_only_joins_inside_a_story(resolve) -> None:
    run = resolve(
        (
            "s1",
            "The Lebanese Nasr Front said. Nasr Front agreed.",
            {"Lebanese Nasr Front": "organization", "Nasr Front": "organization"},
        ),
        ("s2", "The US Department of Audits said.", {"US Department of Audits": "organization"}),
        ("s3", "Audits were held.", {"Audits": "organization"}),
    )
    assert run.same("Nasr Front", "Lebanese Nasr Front")
    assert not run.same("Audits", "US Department of Audits")
