"""Names found the way a user types them, against the examples store."""

from __future__ import annotations

import pytest

from threadline.query import AmbiguousName, find_entities, one_entity
from threadline.query.names import fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("al-Saadi", "saadi"),
        ("Kata\u2019ib Saif al-Rafidain", "kataib saif rafidain"),
        ("S\u0101\u02bfadi", "saadi"),  # macron and ayn, as in a transliteration
        ("EL-MAHDI  Army", "mahdi army"),
    ],
)
def test_folding_drops_case_accents_apostrophes_hyphens_and_the_article(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize(
    "typed", ["Abu Haidar", "al-Saadi", "saadi", "SAADI", "al Saadi", "S\u0101adi", "abu haid"]
)
def test_partial_and_folded_names_find_the_person(shared, typed):
    found = find_entities(shared, typed, limit=5)
    assert found and found[0].name == "Abu Haidar al-Saadi"


def test_every_alias_finds_its_entity_and_says_which_alias_matched(shared):
    ksr = one_entity(shared, "KSR")
    assert ksr.name == "Kata'ib Sayf al-Rafidayn" and ksr.matched == "KSR"
    for alias in ("kataib sayf al rafidayn", "Kata\u2019ib Saif al-Rafidain", "kata'ib sayf"):
        assert find_entities(shared, alias, 3)[0].id == ksr.id


def test_an_exact_id_comes_first(shared):
    ksr = one_entity(shared, "KSR")
    [first, *_] = find_entities(shared, ksr.id)
    assert first.id == ksr.id and first.score == 0


def test_an_exact_name_outranks_a_partial_one(shared):
    found = find_entities(shared, "Baghdad", 10)
    assert (found[0].name == "Baghdad" and found[0].score < found[-1].score) or len(found) == 1


def test_a_name_of_several_entities_lists_the_choices(shared):
    with pytest.raises(AmbiguousName) as many:
        one_entity(shared, "iraqi")
    names = {m.name for m in many.value.choices}
    assert {"Iraqi Security Forces", "Iraqi Steadfastness Front"} <= names
    assert "Iraqi Security Forces" in str(many.value)


def test_nothing_typed_or_nothing_found(shared):
    assert find_entities(shared, "   ") == []
    assert find_entities(shared, "Zzyzx Qwerty") == []
    assert find_entities(shared, "%") == [] and find_entities(shared, "'; --") == []


def test_limit_bounds_the_answer(shared):
    assert len(find_entities(shared, "a", limit=2)) <= 2
