"""The gazetteer component on its own: known names merged into the model's entities."""

from __future__ import annotations

import spacy
from spacy.tokens import Span

from threadline.nlp.gazetteer import Gazetteer, spelling_variants
from threadline.vocab import KnownEntity

KNOWN = [
    KnownEntity(id="saraya-al-nour", name="Saraya al-Nour", type="organization"),
    KnownEntity(id="the-evening-star", name="The Evening Star", type="organization", kind="outlet"),
    KnownEntity(id="hama", name="Hama", type="location"),
    KnownEntity(id="united-states", name="United States", type="location", aliases=("US",)),
]
nlp = spacy.blank("en")
gazetteer = Gazetteer(nlp, KNOWN)


def tag(text: str, predicted: list[tuple[int, int, str]] = ()) -> list[tuple[str, str, str]]:
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in predicted]
    return [(e.text, e.label_, e.id_) for e in gazetteer(doc).ents]


def test_known_name_overrides_the_models_type():
    # the small model calls the group a PERSON; the knowledge file knows better
    assert tag("Saraya al-Nour fighters withdrew.", [(0, 4, "PERSON")]) == [
        ("Saraya al-Nour", "ORG", "saraya-al-nour")
    ]


def test_spelling_variants_match():
    assert ("Saraya al Nour", "ORG", "saraya-al-nour") in tag("Saraya al Nour said so.")
    assert "Saraya al Nour" in spelling_variants("Saraya al-Nour")


def test_capitalised_words_must_not_be_lower_case_in_text():
    assert tag("He read The Evening Star.") == [("The Evening Star", "ORG", "the-evening-star")]
    assert tag("They met on the evening star festival.") == []


def test_short_capital_forms_match_exactly():
    assert tag("US troops left.") == [("US", "GPE", "united-states")]
    assert tag("Let us go.") == []


def test_a_longer_name_around_a_known_one_wins():
    # "Hama" is a city, but here it is part of a person's name the model found
    assert tag("Nawzad Hama Karim spoke.", [(0, 3, "PERSON")]) == [("Nawzad Hama Karim", "PERSON", "")]


def test_a_label_around_a_known_name_does_not_win():
    assert tag("FILE - Hama residents fled.", [(0, 3, "ORG")]) == [("Hama", "GPE", "hama")]


def test_languages_weapons_and_page_furniture_are_no_entities():
    from threadline.nlp.pipeline import EntityCues
    from threadline.vocab import load_yaml

    cues = EntityCues(load_yaml("entity_cues.yaml"))
    doc = nlp.make_doc("Known in Arabic as the Brigades, they fired two Katyusha rockets at Basra.")
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, 10, 11, label="GPE"), Span(doc, 13, 14, label="GPE")]
    assert [(e.text, e.label_) for e in cues(doc).ents] == [("Basra", "GPE")]


def test_cue_words_inside_a_name_settle_its_type():
    from threadline.nlp.pipeline import EntityCues
    from threadline.vocab import load_yaml

    cues = EntityCues(load_yaml("entity_cues.yaml"))
    doc = nlp.make_doc("Kataib Sayf al-Nahr said it would retaliate.")
    doc.ents = [Span(doc, 0, 5, label="PERSON")]
    assert [(e.text, e.label_) for e in cues(doc).ents] == [("Kataib Sayf al-Nahr", "ORG")]


def test_a_longer_span_that_cuts_through_another_known_name_does_not_win():
    known = [*KNOWN, KnownEntity(id="sunni", name="Sunni", type="organization")]
    tagger = Gazetteer(nlp, known)
    doc = nlp.make_doc("Sunni Saraya al-Nour fighters")
    # the model's span holds "Sunni" whole and cuts "Saraya al-Nour" in two
    doc.ents = [Span(doc, 0, 3, label="ORG")]
    assert [(e.text, e.id_) for e in tagger(doc).ents] == [
        ("Sunni", "sunni"),
        ("Saraya al-Nour", "saraya-al-nour"),
    ]


def test_a_credit_line_around_a_known_name_does_not_win():
    tagger = Gazetteer(nlp, [KnownEntity(id="ap", name="AP", type="organization", kind="outlet")])
    doc = nlp.make_doc("(AP Photo/Hussein Malla, File)")
    doc.ents = [Span(doc, 1, 8, label="ORG")]  # the model's "AP Photo/Hussein Malla, File"
    assert [(e.text, e.id_) for e in tagger(doc).ents] == [("AP", "ap")]


def test_a_company_or_court_around_a_known_country_wins():
    assert tag("US Airways Group Inc. said so.", [(0, 4, "ORG")]) == [("US Airways Group Inc.", "ORG", "")]
    assert tag("He went to a United States Supreme Court hearing.", [(3, 8, "ORG")]) == [
        ("a United States Supreme Court", "ORG", "")
    ]
