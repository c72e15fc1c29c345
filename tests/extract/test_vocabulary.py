"""The extract stage's data files: ontology, roles, event triggers, modality cues."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from threadline.errors import DataFileError
from threadline.extract.vocabulary import load_modality, load_ontology, load_roles, load_triggers
from threadline.records import EntityType, Modality

PREDICATES = {
    "leader_of",
    "member_of",
    "part_of",
    "backed_by",
    "allied_with",
    "affiliated_with",
    "designated_by",
    "located_in",
}
EVENT_TYPES = {
    "meeting",
    "visit",
    "attack",
    "protest",
    "arrest",
    "sanction",
    "establishment",
    "deployment",
    "threat",
    "discovery",
    "statement",
    "abduction",
    "agreement",
}
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
    "DEMAND",
}
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    },
}
TYPES = set(get_args(EntityType)) - {"other"}


def test_ontology_has_every_predicate_with_types_and_a_definition():
    ontology = load_ontology()
    assert set(ontology.predicates) == PREDICATES
    for predicate in ontology.predicates.values():
        assert len(predicate.definition) > 20, predicate.name
        assert predicate.subject and set(predicate.subject) <= TYPES, predicate.name
        assert predicate.object and set(predicate.object) <= TYPES, predicate.name
        for cue in predicate.cues:
            assert cue.words and (cue.object is None or set(cue.object) <= TYPES)


def test_ontology_type_constraints():
    ontology = load_ontology()
    assert ontology.allows("leader_of", "person", "organization")
    assert ontology.allows("leader_of", "person", "location")
    assert not ontology.allows("leader_of", "location", "organization")
    assert not ontology.allows("located_in", "organization", "organization")
    assert ontology.cue_predicates("aligned", "location") == ("backed_by",)
    assert ontology.cue_predicates("aligned", "organization") == ("allied_with",)


def test_ontology_event_types_map_to_plover_acled_and_cameo():
    ontology = load_ontology()
    assert set(ontology.event_types) == EVENT_TYPES
    for event in ontology.event_types.values():
        assert len(event.definition) > 20, event.name
        assert event.roles and all(set(types) <= TYPES for types in event.roles.values()), event.name
        assert event.plover is None or event.plover in PLOVER, event.name
        assert event.acled and all(code.sub_event_type in ACLED[code.event_type] for code in event.acled), (
            event.name
        )
        # with several codes, each but a default says by which words it is chosen
        if len(event.acled) > 1:
            assert all(code.cues or code.default for code in event.acled), event.name
        assert event.cameo.isdigit() and 1 <= int(event.cameo) <= 20 and len(event.cameo) == 2, event.name


def test_roles_name_known_predicates_and_the_required_titles():
    roles = load_roles()
    predicates = {t.predicate for t in roles.titles.values()}
    assert predicates <= {"leader_of", "member_of"}
    for title in (
        "leader",
        "secretary-general",
        "deputy general secretary",
        "commander",
        "head",
        "chief",
        "founder",
        "spokesperson",
        "representative",
        "member",
        "official",
        "minister",
        "prime minister",
        "president",
    ):
        assert roles.title(title) is not None, title
    assert roles.title("leaders").predicate == "member_of"  # one of several
    assert roles.title("Secretary General").predicate == "leader_of"
    assert roles.title("prime minister").government


def test_roles_nationalities_and_noun_lists():
    roles = load_roles()
    assert "Iraq" in roles.nationalities["iraqi"]
    assert roles.generic_group_nouns <= roles.group_nouns
    assert {"channel", "newspaper"} <= roles.media_nouns


def test_triggers_cover_every_event_type_and_only_those():
    lexicon = load_triggers()
    types = {t.type for entries in [*lexicon.verbs.values(), *lexicon.nouns.values()] for t in entries}
    assert types == EVENT_TYPES
    assert "meet" in lexicon.verbs and "strike" in lexicon.nouns
    assert lexicon.place_preps[0] == "in" and "on" in lexicon.place_preps
    assert "hold" in lexicon.light_verbs


def test_modality_cues_name_record_modalities():
    cues = load_modality()
    modalities = set(get_args(Modality))
    # "former" comes from a role's past qualifiers ("former commander"), not from a cue word
    assert set(cues.precedence) == modalities - {"asserted", "former"}
    assert set(cues.words) <= modalities and set(cues.phrases) <= modalities
    assert ("did", "not", "rule", "out") in cues.phrases["possible"]
    assert {"no", "not", "never"} <= cues.words["negated"]
    assert {"could", "may"} <= cues.words["possible"]


def test_a_bare_yaml_boolean_is_refused(tmp_path: Path):
    (tmp_path / "modality.yaml").write_text(
        "precedence: [negated]\nwords:\n  negated: [not, no]\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="quote it"):
        load_modality(tmp_path)


def test_a_predicate_without_types_is_refused(tmp_path: Path):
    (tmp_path / "ontology.yaml").write_text(
        "predicates:\n  leader_of: {definition: x}\nevent_types: {}\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="leader_of"):
        load_ontology(tmp_path)
