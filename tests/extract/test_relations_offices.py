"""Offices stated by the clause around a role title, and "headed by X"; each with a
near miss that states nothing (or a member, not the leader)."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def test_relative_clause_holds_the_title(parse):
    doc = parse(
        "Marek Tolan was a Selvian lawyer who was the third president of Selvia.",
        {"Marek Tolan": PER, "Selvia": LOC},
    )
    assert ("Marek Tolan", "leader_of", "Selvia") in doc.triples()


def test_title_of_someone_else_in_the_clause(parse):
    doc = parse(
        "Marek Tolan met the president of Selvia on Monday.",
        {"Marek Tolan": PER, "Selvia": LOC},
    )
    assert ("Marek Tolan", "leader_of", "Selvia") not in doc.triples()


def test_served_as_mayor(parse):
    doc = parse(
        "Ines Varga, who served as mayor of Corvale until 2019, died on Tuesday.",
        {"Ines Varga": PER, "Corvale": LOC},
    )
    assert ("Ines Varga", "leader_of", "Corvale") in doc.triples()


def test_inverted_copula(parse):
    doc = parse(
        "The current chairman of the Northern Relief Fund is Omar Haddad.",
        {"Northern Relief Fund": ORG, "Omar Haddad": PER},
    )
    assert ("Omar Haddad", "leader_of", "Northern Relief Fund") in doc.triples()


def test_deputy_in_a_clause_is_a_member(parse):
    doc = parse(
        "Omar Haddad became deputy chairman of the Northern Relief Fund in 2020.",
        {"Northern Relief Fund": ORG, "Omar Haddad": PER},
    )
    assert ("Omar Haddad", "member_of", "Northern Relief Fund") in doc.triples()
    assert ("Omar Haddad", "leader_of", "Northern Relief Fund") not in doc.triples()


def test_elected_chairwoman(parse):
    doc = parse(
        "Lena Brisk was elected chairwoman of the Dawn Front in 2019.",
        {"Lena Brisk": PER, "Dawn Front": ORG},
    )
    assert ("Lena Brisk", "leader_of", "Dawn Front") in doc.triples()


def test_negated_office_is_not_asserted(parse):
    doc = parse(
        "Lena Brisk was never the chairwoman of the Dawn Front.",
        {"Lena Brisk": PER, "Dawn Front": ORG},
    )
    found = [a for a in doc.relations() if a.predicate == "leader_of"]
    assert found and all(a.modality in ("negated", "denied") for a in found)


def test_a_founder_is_a_member_not_the_leader(parse):
    doc = parse(
        "The Dawn Front, founded by Lena Brisk in 2009, rejected the deal.",
        {"Lena Brisk": PER, "Dawn Front": ORG},
    )
    assert ("Lena Brisk", "member_of", "Dawn Front") in doc.triples()
    assert ("Lena Brisk", "leader_of", "Dawn Front") not in doc.triples()


def test_headed_by_one_person_leads(parse):
    doc = parse(
        "The Dawn Front, headed by Lena Brisk since 2009, rejected the deal.",
        {"Lena Brisk": PER, "Dawn Front": ORG},
    )
    assert ("Lena Brisk", "leader_of", "Dawn Front") in doc.triples()


def test_founded_by_several_are_members(parse):
    doc = parse(
        "The Dawn Front, founded by Lena Brisk and Omar Haddad in 2009, rejected the deal.",
        {"Lena Brisk": PER, "Omar Haddad": PER, "Dawn Front": ORG},
    )
    assert doc.triples() >= {
        ("Lena Brisk", "member_of", "Dawn Front"),
        ("Omar Haddad", "member_of", "Dawn Front"),
    }
    assert ("Lena Brisk", "leader_of", "Dawn Front") not in doc.triples()


def test_founded_by_a_state_is_no_leader(parse):
    doc = parse(
        "The Dawn Front, founded by Selvia in 2009, rejected the deal.",
        {"Selvia": LOC, "Dawn Front": ORG},
    )
    assert not [t for t in doc.triples() if t[1] == "leader_of"]


def test_mayor_title_before_name(parse):
    doc = parse(
        "Corvale Mayor Ines Varga opened the bridge.",
        {"Ines Varga": PER, "Corvale": LOC},
    )
    assert ("Ines Varga", "leader_of", "Corvale") in doc.triples()


def test_group_title_names_no_place(parse):
    doc = parse(
        "Corvale politician Ines Varga opened the bridge.",
        {"Ines Varga": PER, "Corvale": LOC},
    )
    assert not doc.triples()


def test_party_politician(parse):
    doc = parse(
        "Ines Varga is a Green Union Party politician from Corvale.",
        {"Ines Varga": PER, "Green Union Party": ORG, "Corvale": LOC},
    )
    assert ("Ines Varga", "member_of", "Green Union Party") in doc.triples()
