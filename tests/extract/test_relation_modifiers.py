"""Backing, alliance and affiliation stated by modifiers and participles."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def test_hyphenated_backer(parse):
    doc = parse("The Iran-backed group Saraya al-Fajr fired rockets.", {"Iran": LOC, "Saraya al-Fajr": ORG})
    assert ("Saraya al-Fajr", "backed_by", "Iran") in doc.triples()


def test_hyphenated_backer_on_an_apposition_before(parse):
    doc = parse(
        "Liwa al-Nasr (LN), one of the Iran-aligned factions, issued a statement.",
        {"Liwa al-Nasr": ORG, "LN": ORG, "Iran": LOC},
    )
    subjects = {s for s, p, o in doc.triples() if p == "backed_by" and o == "Iran"}
    assert subjects & {"Liwa al-Nasr", "LN"}


def test_aligned_with_a_group_is_an_alliance(parse):
    doc = parse(
        "Liwa al-Nasr, a militia aligned with Hezbollah, grew.", {"Liwa al-Nasr": ORG, "Hezbollah": ORG}
    )
    assert ("Liwa al-Nasr", "allied_with", "Hezbollah") in doc.triples()


def test_affiliated_outlet(parse):
    doc = parse(
        "The Hezbollah-affiliated newspaper, Al-Wadi, published the claim.",
        {"Hezbollah": ORG, "Al-Wadi": ORG},
    )
    assert ("Al-Wadi", "affiliated_with", "Hezbollah") in doc.triples()


def test_pro_state_group(parse):
    doc = parse(
        "Leaders of the pro-Iran Fajr movement met in Basra.",
        {"Iran": LOC, "Fajr movement": ORG, "Basra": LOC},
    )
    assert ("Fajr movement", "backed_by", "Iran") in doc.triples()


def test_pro_nationality_media_is_affiliation(parse):
    doc = parse(
        "Iran denied the report. Hamdi spoke to the pro-Iranian TV channel Al-Sabah.",
        {"Iran": LOC, "Al-Sabah": ORG},
    )
    assert ("Al-Sabah", "affiliated_with", "Iran") in doc.triples()


def test_backed_by_in_a_relative_clause(parse):
    doc = parse(
        "Washington sanctioned two officials of Liwa al-Nasr, the Iraqi group that is backed by Iran.",
        {"Washington": LOC, "Liwa al-Nasr": ORG, "Iran": LOC},
    )
    assert ("Liwa al-Nasr", "backed_by", "Iran") in doc.triples()


def test_funded_by_the_council_refers_back(parse):
    doc = parse(
        "The Axis Council named a new leader. Diplomats say the council is funded by the Quds Force.",
        {"Axis Council": ORG, "Quds Force": ORG},
    )
    relation = next(a for a in doc.relations() if a.predicate == "backed_by")
    assert (doc.text_of(relation.subject), doc.text_of(relation.object)) == ("Axis Council", "Quds Force")
    assert relation.attribution.kind == "anonymous"


def test_a_specific_anaphor_does_not_take_an_unrelated_group(parse):
    doc = parse(
        "Rockets hit the Baghdad Government compound. The coalition of militias under the umbrella of Iran "
        "denied it.",
        {"Baghdad Government": ORG, "Iran": LOC},
    )
    assert doc.triples() == set()


def test_under_the_umbrella_of_a_state(parse):
    doc = parse(
        "Saraya al-Fajr, a militia under the umbrella of Iran, fired rockets.",
        {"Saraya al-Fajr": ORG, "Iran": LOC},
    )
    assert ("Saraya al-Fajr", "backed_by", "Iran") in doc.triples()


def test_based_modifier_locates_a_person(parse):
    doc = parse(
        "The talks were led by Beirut-based commander Hadi Qasim.", {"Beirut": LOC, "Hadi Qasim": PER}
    )
    assert ("Hadi Qasim", "located_in", "Beirut") in doc.triples()


def test_type_constraints_drop_a_state_led_by_a_state(parse):
    doc = parse("The US-backed Jordan hosted the talks.", {"US": LOC, "Jordan": LOC})
    assert doc.triples() == set()
