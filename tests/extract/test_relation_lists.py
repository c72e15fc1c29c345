"""Groups inside groups, designations, and places inside places."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def test_such_as_list_after_an_apposition(parse):
    doc = parse(
        "Rockets were fired by the Southern Front, an alliance of militias, such as Liwa al-Nasr, "
        "Saraya al-Fajr and Harakat al-Wafa.",
        {"Southern Front": ORG, "Liwa al-Nasr": ORG, "Saraya al-Fajr": ORG, "Harakat al-Wafa": ORG},
    )
    parts = {s for s, p, o in doc.triples() if p == "part_of" and o == "Southern Front"}
    assert parts == {"Liwa al-Nasr", "Saraya al-Fajr", "Harakat al-Wafa"}


def test_umbrella_among_them_refers_back(parse):
    doc = parse(
        "The Axis Council named a new leader. The council is an umbrella of six factions, "
        "among them Liwa al-Nasr and Harakat al-Wafa.",
        {"Axis Council": ORG, "Liwa al-Nasr": ORG, "Harakat al-Wafa": ORG},
    )
    assert {("Liwa al-Nasr", "part_of", "Axis Council"), ("Harakat al-Wafa", "part_of", "Axis Council")} <= (
        doc.triples()
    )


def test_list_without_a_named_container_yields_nothing(parse):
    doc = parse(
        "Several militias such as Liwa al-Nasr and Saraya al-Fajr fired rockets.",
        {"Liwa al-Nasr": ORG, "Saraya al-Fajr": ORG},
    )
    assert not any(p == "part_of" for _, p, _ in doc.triples())


def test_possessive_unit_in_apposition(parse):
    doc = parse(
        "Harakat al-Wafa named a spokesman. He ran the movement's television channel, Wafa TV.",
        {"Harakat al-Wafa": ORG, "Wafa TV": ORG},
    )
    assert ("Wafa TV", "part_of", "Harakat al-Wafa") in doc.triples()


def test_part_of(parse):
    doc = parse("Liwa al-Nasr is part of the Southern Front.", {"Liwa al-Nasr": ORG, "Southern Front": ORG})
    assert ("Liwa al-Nasr", "part_of", "Southern Front") in doc.triples()


def test_passive_designation_by_a_state(parse):
    doc = parse(
        "Hadi Qasim is categorized by the US government as a Specially Designated Global Terrorist.",
        {"Hadi Qasim": PER, "US": LOC},
    )
    assert ("Hadi Qasim", "designated_by", "US") in doc.triples()


def test_added_to_a_terrorist_list(parse):
    doc = parse(
        "The European Union on Monday added Liwa al-Nasr to its list of terrorist organisations.",
        {"European Union": ORG, "Liwa al-Nasr": ORG},
    )
    assert ("Liwa al-Nasr", "designated_by", "European Union") in doc.triples()


def test_relative_pronoun_designation(parse):
    doc = parse(
        "The talks were led by Hadi Qasim, whom the United States has designated a terrorist.",
        {"Hadi Qasim": PER, "United States": LOC},
    )
    assert ("Hadi Qasim", "designated_by", "United States") in doc.triples()


def test_added_without_any_list_is_no_designation(parse):
    doc = parse(
        "The European Union added Liwa al-Nasr to the agenda.", {"European Union": ORG, "Liwa al-Nasr": ORG}
    )
    assert not any(p == "designated_by" for _, p, _ in doc.triples())


def test_sanctioned_members_do_not_designate_the_group(parse):
    doc = parse(
        "The Treasury sanctioned two Liwa al-Nasr officials on Monday.",
        {"Treasury": ORG, "Liwa al-Nasr": ORG},
    )
    assert not any(p == "designated_by" for _, p, _ in doc.triples())


def test_place_in_place(parse):
    doc = parse("A drone hit a base in the northern city of Mosul, near Dohuk.", {"Mosul": LOC, "Dohuk": LOC})
    assert doc.triples() == set()
    doc = parse("The strike hit Qayyarah airport in northern Iraq.", {"Qayyarah": LOC, "Iraq": LOC})
    assert ("Qayyarah", "located_in", "Iraq") in doc.triples()


def test_city_comma_country_but_not_a_list(parse):
    doc = parse("Fighting spread to Tyre, Lebanon, on Monday.", {"Tyre": LOC, "Lebanon": LOC})
    assert ("Tyre", "located_in", "Lebanon") in doc.triples()
    doc = parse("Fighting spread to Iraq, Syria and Jordan.", {"Iraq": LOC, "Syria": LOC, "Jordan": LOC})
    assert doc.triples() == set()


def test_copula_nationality_group(parse):
    doc = parse(
        "Iraq protested. The Saraya al-Fajr group is an Iraqi militia.", {"Iraq": LOC, "Saraya al-Fajr": ORG}
    )
    assert ("Saraya al-Fajr", "located_in", "Iraq") in doc.triples()


def test_a_list_belongs_to_the_noun_just_before_it(parse):
    doc = parse(
        "Liwa al-Nasr was designed to reach young recruits, such as students and workers in Basra.",
        {"Liwa al-Nasr": ORG, "Basra": LOC},
    )
    assert doc.triples() == set()
    doc = parse(
        "Southern Front commanders such as Saraya al-Fajr leaders met.",
        {"Southern Front": ORG, "Saraya al-Fajr": ORG},
    )
    assert not any(p == "part_of" for _, p, _ in doc.triples())


def test_including_needs_a_collective_noun(parse):
    doc = parse(
        "The Southern Front won awards including Liwa Prize.", {"Southern Front": ORG, "Liwa Prize": ORG}
    )
    assert doc.triples() == set()
    doc = parse(
        "The Southern Front, a coalition of factions including Liwa al-Nasr, met.",
        {"Southern Front": ORG, "Liwa al-Nasr": ORG},
    )
    assert ("Liwa al-Nasr", "part_of", "Southern Front") in doc.triples()


def test_a_name_that_modifies_a_noun_is_not_the_group(parse):
    doc = parse(
        "Hadi Qasim, a member of the Basra provincial council, spoke.", {"Hadi Qasim": PER, "Basra": LOC}
    )
    assert not any(p == "member_of" for _, p, _ in doc.triples())
