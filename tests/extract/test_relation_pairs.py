"""The features of name pairs the learned relation family reads (extract/relations/pairs.py),
and what the family states from them, on sentences written for these tests."""

from __future__ import annotations

from threadline.extract import parse as parse_story
from threadline.extract.relations.pairs import sentence_pairs

ORG, LOC, PER = "organization", "location", "person"


def _features(doc, subject: str, obj: str) -> set[str]:
    ps = parse_story(doc.doc, doc.story, doc.mentions)
    for pair in sentence_pairs(ps):
        if (pair.subject.text, pair.object.text) == (subject, obj):
            return set(pair.features)
    raise AssertionError(f"no pair {subject} -> {obj}")


def test_a_name_of_two_words_or_more_says_its_kind_by_its_last_word(parse) -> None:
    doc = parse(
        "The Orvalle Teachers College stands in Brennick County.",
        {"Orvalle Teachers College": ORG, "Brennick County": LOC},
    )
    features = _features(doc, "Orvalle Teachers College", "Brennick County")
    assert "organization>location|subject_head=college" in features
    assert "organization>location|object_head=county" in features


def test_a_one_word_name_is_no_kind(parse) -> None:
    """A one-word name's last word is the name itself: the model would learn the name."""
    doc = parse("Tarvik lies on the coast of Norway.", {"Tarvik": LOC, "Norway": LOC})
    features = _features(doc, "Tarvik", "Norway")
    assert "location>location|subject_head=-" in features
    assert "location>location|object_head=-" in features
    assert not any(f.endswith("_head=tarvik") or f.endswith("_head=norway") for f in features)


def test_which_name_is_a_country_goes_with_the_pair_types(parse) -> None:
    doc = parse("Tarvik lies on the coast of Norway.", {"Tarvik": LOC, "Norway": LOC})
    assert "location>location|countries=False,True" in _features(doc, "Tarvik", "Norway")
    assert "location>location|countries=True,False" in _features(doc, "Norway", "Tarvik")


def test_denied_and_hypothetical_placements_state_no_fact(parse) -> None:
    names = {"Orvalle Teachers College": ORG, "Brennick County": LOC, "Selmar Hansen": PER}
    for text in (
        "The Orvalle Teachers College is not in Brennick County, its registrar said.",
        "The Orvalle Teachers College could move to Brennick County next year.",
        "Selmar Hansen denied that the Orvalle Teachers College would open in Brennick County.",
    ):
        assert parse(text, names).facts() == set(), text
