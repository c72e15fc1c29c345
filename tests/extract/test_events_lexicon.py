"""The event vocabularies added for happenings and contexts: loaded from the bundled
data, and a malformed entry refused with the file and the entry named."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadline.errors import DataFileError
from threadline.extract.events.lexicon import load_contexts, load_happening
from threadline.extract.vocabulary import load_triggers


def test_happening_cues_load():
    cues = load_happening()
    assert {"could", "will", "would"} <= cues.modals
    assert {"if", "unless", "whether"} <= cues.conditions
    assert "plan" in cues.intention_verbs and "ready" in cues.intention_adjectives
    assert {"often", "every"} <= cues.habitual


def test_contexts_load_and_name_event_types():
    contexts = load_contexts()
    lexicon = load_triggers()
    types = {t.type for entries in lexicon.verbs.values() for t in entries}
    assert contexts.violent_types <= types
    assert "earthquake" in contexts.causes and "heart" in contexts.modifiers


def test_place_vocabularies_load():
    lexicon = load_triggers()
    assert lexicon.place_preps[-1] == "from"
    assert "near" in lexicon.place_only_preps and "region" in lexicon.region_nouns
    assert "refinery" in lexicon.site_nouns and "north" in lexicon.direction_words
    assert {"attack", "visit"} <= lexicon.place_object_types


def test_a_bare_yaml_boolean_in_the_happening_cues_is_refused(tmp_path: Path):
    cues = load_happening()
    lines = [f"  {name}: {sorted(getattr(cues, name))}" for name in cues.__slots__]
    text = "happening:\n" + "\n".join(lines).replace("conditions: [", "conditions: [no, ") + "\n"
    (tmp_path / "modality.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="happening: conditions"):
        load_happening(tmp_path)


def test_a_missing_contexts_section_is_refused(tmp_path: Path):
    (tmp_path / "event_triggers.yaml").write_text("attack:\n  verbs: [attack]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="contexts"):
        load_contexts(tmp_path)
