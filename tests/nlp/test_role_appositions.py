"""A name set beside a word for a person's role is a person's (nlp/role_appositions.py),
on sentences written for these tests: the model's mistake is forced where it might not
make it, so that each case tests the rule and not the model's luck; and the forms the
rule must leave alone (a role a state or a group is also called, a group or place noun
beside the name, a lone word, a name with a group's word inside)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from threadline.records import Block, Story
from threadline.workflow import extract_stories


def parsed_as(nlp: Language, text: str, name: str, label: str) -> Doc:
    """`text` through the pipeline up to the rule, with `name` forced to the model's `label`."""
    doc = nlp.make_doc(text)
    for pipe_name, pipe in nlp.pipeline:
        if pipe_name == "threadline_role_appositions":
            break
        doc = pipe(doc)
    start = text.index(name)
    forced = doc.char_span(start, start + len(name), label=label)
    assert forced is not None
    doc.ents = [*(e for e in doc.ents if e.end <= forced.start or e.start >= forced.end), forced]
    return doc


def label_after_rule(nlp: Language, text: str, name: str, label: str = "ORG") -> str:
    doc = nlp.get_pipe("threadline_role_appositions")(parsed_as(nlp, text, name, label))
    found = [e for e in doc.ents if e.text == name]
    assert len(found) == 1, [(e.text, e.label_) for e in doc.ents]
    return found[0].label_


PERSONS = {
    "role_after_the_name": (
        "The Kestrel Defence Units are led by Sherzad Kavani, a former teacher from Marivan.",
        "Sherzad Kavani",
    ),
    "rank_after_the_name": (
        "The brigade was founded in 2021 by Darwin Ostero Quilca, a retired army sergeant, prosecutors said.",
        "Darwin Ostero Quilca",
    ),
    "possessive_role_before_the_name": (
        "Farmers marched through Pichari on Monday, the federation's president, Wilmer Tacuri Paucar, said.",
        "Wilmer Tacuri Paucar",
    ),
    "place_possessive_office_before_the_name": (
        "The envoy met Jubaland's security minister, Cabdirisaaq Xasan Dhoore, in Kismayo on Tuesday.",
        "Cabdirisaaq Xasan Dhoore",
    ),
    "its_role_before_the_name": (
        "Fighters left the Gedo Coastal Alliance, its spokesman, Cabdi Nuur Faarax, said on Monday.",
        "Cabdi Nuur Faarax",
    ),
    "a_building_label_too": (
        "The court heard Yusuf Warsame Gaab, a trader from Bosaso, on Monday.",
        "Yusuf Warsame Gaab",
    ),
    # a verb gives the name its role
    "became_a_role": (
        "Mercy Adeyemi became chairwoman of the Delta Peoples Congress in 2019.",
        "Mercy Adeyemi",
    ),
    "was_appointed_a_role": (
        "Halvor Brenning was appointed the new leader of the movement on Tuesday.",
        "Halvor Brenning",
    ),
    "succeeded_as_a_role": (
        "Amara Touvenot succeeded Jacques Pelletan as head of the front.",
        "Amara Touvenot",
    ),
    "the_one_succeeded_held_it_too": (
        "Amara Touvenot succeeded Jacques Pelletan as head of the front.",
        "Jacques Pelletan",
    ),
    "named_as_a_role": (
        "The council named Darwin Ostero Quilca as its commander last week.",
        "Darwin Ostero Quilca",
    ),
}


@pytest.mark.parametrize("case", sorted(PERSONS))
def test_a_name_beside_a_role_word_is_a_person(nlp: Language, case: str) -> None:
    text, name = PERSONS[case]
    label = "FAC" if case == "a_building_label_too" else "ORG"
    assert label_after_rule(nlp, text, name, label) == "PERSON"


LEFT_ALONE = {
    # a role a state or a group is also called
    "member_of_a_bloc": (
        "Upper Volta Republic, a member of the African Union, voted against.",
        "Upper Volta Republic",
        "GPE",
    ),
    "a_key_player": (
        "The Sahel Alliance, a key player in the talks, walked out.",
        "The Sahel Alliance",
        "ORG",
    ),
    "the_executive": (
        "The Horn Commission, the bloc's executive, issued a statement.",
        "The Horn Commission",
        "ORG",
    ),
    # the appositive's head is a kind of group or place
    "a_group_noun": (
        "The Kestrel Defence Units, a small armed group with bases near Penjwen, are led by a cleric.",
        "The Kestrel Defence Units",
        "ORG",
    ),
    "a_place_noun": (
        "Fighters entered Nova Esperanza, a town near the border, on Sunday.",
        "Nova Esperanza",
        "GPE",
    ),
    # a word inside the name settles its type
    "a_group_word_inside": (
        "The Abu Fadl Kestrel Brigade, the leader of the southern front, refused the truce.",
        "The Abu Fadl Kestrel Brigade",
        "ORG",
    ),
    # the role is one the name gives: "its spokesman" is a member's
    "its_role_is_a_members": (
        "Fighters left the Gedo Coastal Alliance, its spokesman, Cabdi Nuur Faarax, said on Monday.",
        "the Gedo Coastal Alliance",
        "ORG",
    ),
    # no apposition: the role belongs to someone else in the sentence
    "role_of_another": (
        "Kestrel Holdings hired a former teacher as its director.",
        "Kestrel Holdings",
        "ORG",
    ),
    # a verb gives the role to whom it names, never to the namer
    "the_namer": (
        "Kestrel Holdings named a former teacher as its director.",
        "Kestrel Holdings",
        "ORG",
    ),
    # a verb gives a role a body also holds, or no role at all
    "became_a_role_bodies_hold": (
        "Kestrel Holdings became the main sponsor of the league.",
        "Kestrel Holdings",
        "ORG",
    ),
    "named_no_role": (
        "Kestrel Holdings was named the best employer in the region.",
        "Kestrel Holdings",
        "ORG",
    ),
}


@pytest.mark.parametrize("case", sorted(LEFT_ALONE))
def test_names_the_rule_must_leave_alone(nlp: Language, case: str) -> None:
    text, name, label = LEFT_ALONE[case]
    assert label_after_rule(nlp, text, name, label) == label


def test_a_lone_word_is_left_to_the_model(nlp: Language) -> None:
    text = "The delegation met Dhoore, the regional security minister, in Kismayo."
    assert label_after_rule(nlp, text, "Dhoore") == "ORG"


def test_a_name_a_knowledge_file_matched_keeps_its_type(nlp: Language) -> None:
    text = "Aid arrived in Kabul, the capital's mayor, Hamid Rasouli Zadran, said."
    doc = parsed_as(nlp, text, "Hamid Rasouli Zadran", "ORG")
    doc.ents = [
        Span(doc, e.start, e.end, label=e.label_, span_id="test-entry")
        if e.text == "Hamid Rasouli Zadran"
        else e
        for e in doc.ents
    ]
    out = nlp.get_pipe("threadline_role_appositions")(doc)
    assert {e.text: e.label_ for e in out.ents}["Hamid Rasouli Zadran"] == "ORG"


def test_the_person_and_the_relation_come_out_of_the_whole_pipeline(nlp: Language) -> None:
    """End to end: the name is a person mention, and the role pattern states the fact."""
    text = "The Kestrel Defence Units, an armed group based near Penjwen, are led by Sherzad Kavani, a former teacher."
    story = Story("d-1", "t.txt", 0, text, (Block(0, len(text), "body"),))
    (extraction,) = extract_stories(nlp, [story])
    types = {m.text: m.type for m in extraction.mentions}
    assert types["Sherzad Kavani"] == "person"
    by_id = {m.id: m.text for m in extraction.mentions}
    facts = {(by_id[a.subject], a.predicate, by_id[a.object]) for a in extraction.assertions}
    assert ("Sherzad Kavani", "leader_of", "Kestrel Defence Units") in facts
