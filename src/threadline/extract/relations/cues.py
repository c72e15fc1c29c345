"""The cue words of the dependency relation patterns, from data/relation_cues.yaml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from threadline.errors import DataFileError
from threadline.settings import DATA_DIR
from threadline.vocab import load_yaml
from threadline.vocabulary import active, elsewhere

FILE = "relation_cues.yaml"
WORD_LISTS = (
    "place_nouns",
    "site_nouns",
    "institution_nouns",
    "admin_nouns",
    "capital_nouns",
    "named_before_nouns",
    "transparent_nouns",
    "locating_verbs",
    "person_locating_verbs",
    "locating_preps",
    "joining_verbs",
    "unit_nouns",
    "parent_nouns",
    "acquiring_verbs",
    "heading_verbs",
    "founding_verbs",
    "office_verbs",
    "naming_verbs",
    "group_titles",
    "backing_verbs",
    "pact_verbs",
    "pact_nouns",
    "lifting_verbs",
    "taking_verbs",
    "leading_nouns",
    "receiving_verbs",
    "giving_verbs",
    "support_nouns",
    "including_verbs",
    "removing_verbs",
    "ending_verbs",
)


@dataclass(frozen=True, slots=True)
class RelationCues:
    place_nouns: frozenset[str]
    site_nouns: frozenset[str]
    institution_nouns: frozenset[str]
    admin_nouns: frozenset[str]
    capital_nouns: frozenset[str]
    named_before_nouns: frozenset[str]
    transparent_nouns: frozenset[str]
    locating_verbs: frozenset[str]
    person_locating_verbs: frozenset[str]
    locating_preps: frozenset[str]
    joining_verbs: frozenset[str]
    unit_nouns: frozenset[str]
    parent_nouns: frozenset[str]
    acquiring_verbs: frozenset[str]
    heading_verbs: frozenset[str]
    founding_verbs: frozenset[str]
    office_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    group_titles: frozenset[str]
    backing_verbs: frozenset[str]
    pact_verbs: frozenset[str]
    pact_nouns: frozenset[str]
    lifting_verbs: frozenset[str]
    taking_verbs: frozenset[str]
    leading_nouns: frozenset[str]
    receiving_verbs: frozenset[str]
    giving_verbs: frozenset[str]
    support_nouns: frozenset[str]
    including_verbs: frozenset[str]
    removing_verbs: frozenset[str]
    ending_verbs: frozenset[str]
    serving_verbs: Mapping[str, frozenset[str]]  # lemma -> prepositions
    allying_verbs: Mapping[str, frozenset[str]]  # lemma -> prepositions
    relation_nouns: Mapping[str, str]  # noun -> predicate: "X, an ally of Y"
    patron_nouns: Mapping[str, str]  # noun -> predicate, Y its subject: "X, the backer of Y"


def _words(doc: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    items = doc.get(key)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise DataFileError(f"{where}: {key} must be a list of words; quote a word YAML reads otherwise")
    return frozenset(item.lower() for item in items)


def _verb_preps(doc: Mapping[str, Any], key: str, where: str) -> dict[str, frozenset[str]]:
    entries = doc.get(key)
    if not isinstance(entries, Mapping):
        raise DataFileError(f"{where}: {key} must map a verb to its prepositions")
    return {str(verb).lower(): _words(entries, verb, f"{where}: {key}") for verb in entries}


def _noun_predicates(doc: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    entries = doc.get(key)
    if not isinstance(entries, Mapping) or not all(isinstance(p, str) for p in entries.values()):
        raise DataFileError(f"{where}: {key} must map a noun to a predicate")
    return {str(noun).lower(): predicate for noun, predicate in entries.items()}


def load_cues(data_dir: Path | None = None) -> RelationCues:
    """The active vocabulary's relation_cues (threadline.vocabulary); another folder's, read afresh."""
    return read_cues(data_dir) if data_dir is not None and elsewhere(data_dir) else active().relation_cues


def read_cues(data_dir: Path = DATA_DIR) -> RelationCues:
    """Cue words per pattern family; a malformed file raises DataFileError naming the entry."""
    where = str(data_dir / FILE)
    doc = load_yaml(FILE, data_dir)
    if not isinstance(doc, Mapping):
        raise DataFileError(f"{where}: expected a mapping of cue lists")
    words = {key: _words(doc, key, where) for key in WORD_LISTS}
    return RelationCues(
        **words,
        serving_verbs=_verb_preps(doc, "serving_verbs", where),
        allying_verbs=_verb_preps(doc, "allying_verbs", where),
        relation_nouns=_noun_predicates(doc, "relation_nouns", where),
        patron_nouns=_noun_predicates(doc, "patron_nouns", where),
    )
