"""Hedged, negated and attributed statements never come out as plain facts."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def _only(doc, predicate):
    found = [a for a in doc.relations() if a.predicate == predicate]
    assert len(found) == 1, found
    return found[0]


def test_plain_statement_is_asserted_by_the_outlet(parse):
    doc = parse("Liwa al-Nasr is backed by Iran.", {"Liwa al-Nasr": ORG, "Iran": LOC})
    relation = _only(doc, "backed_by")
    assert relation.modality == "asserted"
    assert relation.attribution.kind == "outlet"


def test_denied_relation(parse):
    doc = parse("A spokesman denied that Liwa al-Nasr is funded by Iran.", {"Liwa al-Nasr": ORG, "Iran": LOC})
    assert _only(doc, "backed_by").modality == "denied"


def test_negated_relation(parse):
    doc = parse("Liwa al-Nasr is not backed by Iran.", {"Liwa al-Nasr": ORG, "Iran": LOC})
    assert _only(doc, "backed_by").modality == "negated"


def test_hedged_relation(parse):
    doc = parse("Liwa al-Nasr may be funded by Iran.", {"Liwa al-Nasr": ORG, "Iran": LOC})
    assert _only(doc, "backed_by").modality == "possible"


def test_modifier_clause_is_not_hedged_by_the_main_verb(parse):
    doc = parse(
        "The Iran-backed Liwa al-Nasr denied any role in the attack.", {"Liwa al-Nasr": ORG, "Iran": LOC}
    )
    assert _only(doc, "backed_by").modality == "asserted"


def test_did_not_rule_out_is_possible_not_negated(parse):
    doc = parse("Officials did not rule out an attack by Liwa al-Nasr on Monday.", {"Liwa al-Nasr": ORG})
    assert doc.event("attack").modality == "possible"


def test_ruled_out_is_negated(parse):
    doc = parse("The commander ruled out an attack on Israel.", {"Israel": LOC})
    assert doc.event("attack").modality == "negated"


def test_no_attack_is_negated(parse):
    doc = parse("The coalition said that no attack had taken place on its bases in Syria.", {"Syria": LOC})
    assert doc.event("attack").modality == "negated"


def test_claimed_event(parse):
    doc = parse(
        "Liwa al-Nasr claimed that it had attacked a base in Syria on Saturday.",
        {"Liwa al-Nasr": ORG, "Syria": LOC},
    )
    assert doc.event("attack").modality == "claimed"


def test_reportedly(parse):
    doc = parse(
        "Hadi Qasim reportedly met Tariq Mansour in Amman.",
        {"Hadi Qasim": PER, "Tariq Mansour": PER, "Amman": LOC},
    )
    assert doc.event("meeting").modality == "reported"


def test_a_hedged_opening_is_possible(parse):
    doc = parse("Hamas is believed to have opened an office in Baghdad.", {"Hamas": ORG, "Baghdad": LOC})
    assert doc.event("establishment").modality == "possible"


def test_an_opening_that_could_happen_is_no_event(parse):
    doc = parse("Hamas could soon open an office in Baghdad.", {"Hamas": ORG, "Baghdad": LOC})
    assert doc.events() == []


def test_named_source_with_its_mention(parse):
    doc = parse(
        "Liwa al-Nasr attacked a base in Syria on Saturday, Hadi Qasim said.",
        {"Liwa al-Nasr": ORG, "Syria": LOC, "Hadi Qasim": PER},
    )
    attribution = doc.event("attack").attribution
    assert attribution.kind == "named"
    assert doc.text_of(attribution.mention_id) == "Hadi Qasim"


def test_anonymous_source_told_an_outlet(parse):
    doc = parse(
        "Liwa al-Nasr fighters were deployed to Syria, a source close to the group told Al-Sabah.",
        {"Liwa al-Nasr": ORG, "Syria": LOC, "Al-Sabah": ORG},
    )
    attribution = doc.event("deployment").attribution
    assert attribution.kind == "anonymous"
    assert attribution.text == "a source close to the group"
    assert attribution.via == "Al-Sabah"


def test_according_to(parse):
    doc = parse(
        "Rockets hit a base in Syria on Saturday, according to the Syrian Observatory.",
        {"Syria": LOC, "Syrian Observatory": ORG},
    )
    attribution = doc.event("attack").attribution
    assert attribution.kind == "named"
    assert doc.text_of(attribution.mention_id) == "Syrian Observatory"


def test_a_semicolon_ends_the_statement_a_negation_bears_on(parse):
    doc = parse(
        "A car bomb exploded outside a police station in Basra on Tuesday; no group claimed responsibility.",
        {"Basra": LOC},
    )
    assert doc.event("attack").modality == "asserted"
