"""Truecasing: shouted and title-case lines take the story's own casing, offsets unchanged."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threadline.nlp.truecase import shouted, title_cased, truecase


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_only_case_changes_and_length_holds(text: str) -> None:
    cased = truecase(text)
    assert len(cased) == len(text)
    assert all(a == b or a.lower() == b.lower() for a, b in zip(cased, text, strict=True))


def test_a_shouted_headline_takes_the_casing_of_the_story() -> None:
    body = "Militants killed 17 soldiers in Niger, the UN said."
    assert truecase("MILITANTS KILL 17 SOLDIERS IN NIGER AS UN WARNS", body) == (
        "Militants kill 17 soldiers in Niger as UN warns"
    )


def test_a_word_the_story_never_writes_is_lower_case_unless_it_opens_the_line() -> None:
    assert truecase("REBELS SEIZE BORDER TOWN", "Nothing else here.") == "Rebels seize border town"


def test_a_capitalised_dateline_place_is_recased_and_the_rest_kept() -> None:
    text = "NIAMEY, March 4 (Sahara Wire) — Militants stormed a post."
    assert truecase(text).startswith("Niamey, March 4 (Sahara Wire) — Militants")
    assert truecase("BRUSSELS 1996-08-22\nThe Commission said.").startswith("Brussels 1996-08-22")
    assert truecase("ABUJA, Nigeria, Feb. 3 (AP) - Gunmen").startswith("Abuja, Nigeria")


def test_an_acronym_opening_a_sentence_is_no_dateline() -> None:
    assert truecase("NATO, the alliance, said on Monday") == "NATO, the alliance, said on Monday"
    assert truecase("UN officials said") == "UN officials said"


def test_title_case_keeps_capitals_only_where_the_story_has_them() -> None:
    body = "The remains were found in a search. Qatar said ISIS killed them in Syria."
    headline = "Remains of 30 People Believed Killed by ISIS Found in Syria in a Search by Qatar"
    assert truecase(headline, body) == (
        "Remains of 30 people believed killed by ISIS found in Syria in a search by Qatar"
    )


def test_a_name_in_another_form_keeps_its_capital() -> None:
    body = "Syrian troops moved north."
    assert truecase("Troops Move Deeper Into Syria Overnight", body).endswith("Syria overnight")


def test_which_lines_are_shouted_or_title_case() -> None:
    assert shouted("JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .")
    assert not shouted("The UN and the AU met in Addis Ababa.")
    assert title_cased("Leader Of Iraqi Militia Meets With Hamas Envoy In Baghdad")
    assert not title_cased("Rockets hit near Baghdad's Green Zone; faction denies role")
