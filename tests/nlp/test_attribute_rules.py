"""The model's attribute rules matched through an index (nlp/attribute_rules.py) set
every token's POS, morphology and lemma exactly as spaCy's Matcher-driven ruler does."""

from __future__ import annotations

import pickle

import pytest
from spacy.language import Language
from spacy.pipeline import AttributeRuler

from threadline.nlp.attribute_rules import IndexedRules, index_attribute_rules
from threadline.nlp.model import load_base_model
from threadline.settings import Settings

# Sentences written for this test, reaching each kind of rule: tag → POS, lemma
# exceptions of one and two tokens ("gonna", "let's", "y'all", "ain't"), pronoun case
# by dependency, auxiliaries against main verbs, an expletive "there", determiners
# used as pronouns, "but" as an adverb, and whitespace tokens.
SENTENCES = (
    "I told them that I was gonna leave, but they didn't listen to me or to you.",
    "Let's wait: y'all ain't seen the convoy yet, and there's no road left to it.",
    "She gets the reports; he got none. Did they do it? They did what they had to do.",
    "That was the last one.  Those who fled said this: it is over for it and for us.\n\nNext.",
    "C'mon, there are two brigades, gotta move. It rained. But for the rain, all held.",
    "   \n  The council, which met on Monday, has had enough.\t It does.",
)


@pytest.fixture(scope="module")
def base() -> Language:
    settings = Settings()
    return load_base_model(settings.model, settings.verify_model)


def _attributes(nlp: Language, text: str) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in nlp(text)]


def test_the_pinned_model_s_rules_are_all_indexed(base: Language) -> None:
    settings = Settings()
    model = load_base_model(settings.model, settings.verify_model)
    assert index_attribute_rules(model)


def test_every_token_gets_the_attributes_the_model_alone_gives(base: Language, nlp: Language) -> None:
    with nlp.select_pipes(enable=base.pipe_names):
        for text in SENTENCES:
            assert _attributes(nlp, text) == _attributes(base, text)


def test_the_index_finds_the_matches_the_matcher_finds(base: Language) -> None:
    ruler = base.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    indexed = IndexedRules(ruler)
    with base.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for text in SENTENCES:
            doc = base(text)
            assert indexed.match(doc) == ruler.match(doc)
            assert any(end - start == 2 for *_, start, end in ruler.match(base(SENTENCES[1])))


def test_a_ruler_with_a_condition_the_index_does_not_know_is_left_as_it_is(base: Language) -> None:
    nlp = base.__class__()  # a blank English pipeline with one ruler of its own
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "convoy"}]], {"LEMMA": "convoy"})
    ruler.add([[{"LENGTH": 4}]], {"LEMMA": "four"})  # a condition the index does not evaluate
    assert not index_attribute_rules(nlp)
    assert [t.lemma_ for t in nlp("a convoy that came")] == ["", "convoy", "four", "four"]


def test_the_pipeline_survives_pickling_as_spawned_processes_receive_it(nlp: Language) -> None:
    """spaCy's `n_process` sends the pipeline to its processes by pickling where they
    are started by spawn or forkserver (the default from Python 3.14): the indexed
    rules and the place index travel, and parse as before."""
    copy = pickle.loads(pickle.dumps(nlp))
    for text in SENTENCES:
        assert _attributes(copy, text) == _attributes(nlp, text)
        assert [(e.text, e.label_) for e in copy(text).ents] == [(e.text, e.label_) for e in nlp(text).ents]
