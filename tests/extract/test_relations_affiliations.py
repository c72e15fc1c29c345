"""member_of and part_of from verbs, bracketed parties and unit nouns; each with a near
miss that states nothing."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def test_joined_a_group(parse):
    doc = parse(
        "In 2014 Karim Aziz joined the Dawn Front.",
        {"Karim Aziz": PER, "Dawn Front": ORG},
    )
    assert ("Karim Aziz", "member_of", "Dawn Front") in doc.triples()


def test_joined_talks_with_a_group_is_no_membership(parse):
    doc = parse(
        "In 2014 Karim Aziz joined talks with the Dawn Front.",
        {"Karim Aziz": PER, "Dawn Front": ORG},
    )
    assert not doc.triples()


def test_joined_the_faculty_of(parse):
    doc = parse(
        "After his doctorate, Karim Aziz joined the faculty of Corvale University.",
        {"Karim Aziz": PER, "Corvale University": ORG},
    )
    assert ("Karim Aziz", "member_of", "Corvale University") in doc.triples()


def test_joining_a_state_is_no_membership(parse):
    doc = parse("Karim Aziz joined Selvia's delegation.", {"Karim Aziz": PER, "Selvia": LOC})
    assert not doc.triples()


def test_never_joined_is_negated(parse):
    doc = parse(
        "Karim Aziz never joined the Dawn Front.",
        {"Karim Aziz": PER, "Dawn Front": ORG},
    )
    found = [a for a in doc.relations() if a.predicate == "member_of"]
    assert found and all(a.modality == "negated" for a in found)


def test_played_for(parse):
    doc = parse(
        "Karim Aziz played for Corvale Athletic for six seasons.",
        {"Karim Aziz": PER, "Corvale Athletic": ORG},
    )
    assert ("Karim Aziz", "member_of", "Corvale Athletic") in doc.triples()


def test_played_against_is_no_membership(parse):
    doc = parse(
        "Karim Aziz played against Corvale Athletic on Sunday.",
        {"Karim Aziz": PER, "Corvale Athletic": ORG},
    )
    assert not doc.triples()


def test_fought_for_a_group(parse):
    doc = parse(
        "Prosecutors said Karim Aziz fought for the Dawn Front in 2015.",
        {"Karim Aziz": PER, "Dawn Front": ORG},
    )
    assert ("Karim Aziz", "member_of", "Dawn Front") in doc.triples()


def test_party_in_brackets(parse):
    doc = parse(
        "The motion was tabled by Ines Varga (Green Union Party) on Monday.",
        {"Ines Varga": PER, "Green Union Party": ORG},
    )
    assert ("Ines Varga", "member_of", "Green Union Party") in doc.triples()


def test_outlet_in_brackets_is_no_party(parse):
    doc = parse(
        "The motion was tabled by Ines Varga (Corvale Herald) on Monday.",
        {"Ines Varga": PER, "Corvale Herald": ORG},
    )
    assert not doc.triples()


def test_subsidiary_of(parse):
    doc = parse(
        "Brenner Freight, a subsidiary of Halcon Group, lost the contract.",
        {"Brenner Freight": ORG, "Halcon Group": ORG},
    )
    assert ("Brenner Freight", "part_of", "Halcon Group") in doc.triples()


def test_rival_of_is_no_unit(parse):
    doc = parse(
        "Brenner Freight, a rival of Halcon Group, lost the contract.",
        {"Brenner Freight": ORG, "Halcon Group": ORG},
    )
    assert not doc.triples()


def test_parent_company_of(parse):
    doc = parse(
        "Halcon Group, the parent company of Brenner Freight, reported a loss.",
        {"Brenner Freight": ORG, "Halcon Group": ORG},
    )
    assert ("Brenner Freight", "part_of", "Halcon Group") in doc.triples()


def test_acquired_by(parse):
    doc = parse(
        "Brenner Freight was acquired by Halcon Group in 2011.",
        {"Brenner Freight": ORG, "Halcon Group": ORG},
    )
    assert ("Brenner Freight", "part_of", "Halcon Group") in doc.triples()


def test_acquiring_a_stake_is_no_unit(parse):
    doc = parse(
        "Halcon Group acquired Brenner Freight's trucks in 2011.",
        {"Brenner Freight": ORG, "Halcon Group": ORG},
    )
    assert not [t for t in doc.triples() if t[1] == "part_of"]
