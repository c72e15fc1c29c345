"""data/relation_cues.yaml: the cue words of the dependency relation patterns."""

from __future__ import annotations

from pathlib import Path

import pytest

from threadline.errors import DataFileError
from threadline.extract.relations.cues import WORD_LISTS, load_cues
from threadline.extract.vocabulary import load_roles, normalise_title


def test_every_cue_list_is_filled_and_lower_case():
    cues = load_cues()
    for key in WORD_LISTS:
        words = getattr(cues, key)
        assert words, key
        assert all(w == w.lower() for w in words), key
    assert cues.serving_verbs["play"] == frozenset({"for"})


def test_admin_and_capital_nouns_are_place_nouns():
    cues = load_cues()
    assert cues.admin_nouns <= cues.place_nouns
    assert cues.capital_nouns <= cues.place_nouns
    assert cues.named_before_nouns <= cues.admin_nouns


def test_group_titles_are_role_titles():
    titles = load_roles().titles
    assert all(normalise_title(t) in titles for t in load_cues().group_titles)


def test_a_bare_yaml_boolean_is_refused(tmp_path: Path):
    text = "\n".join(f"{key}: [x]" for key in WORD_LISTS)
    (tmp_path / "relation_cues.yaml").write_text(text + "\nserving_verbs:\n  sit: [on]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="serving_verbs"):
        load_cues(tmp_path)


def test_a_missing_list_is_refused(tmp_path: Path):
    (tmp_path / "relation_cues.yaml").write_text("place_nouns: [town]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="site_nouns"):
        load_cues(tmp_path)
