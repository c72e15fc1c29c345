"""Role patterns: who leads or belongs to which group or state."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def test_appositive_leader_of(parse):
    doc = parse(
        "Karim Nasser, leader of the Iran-backed militia Saraya al-Fajr, spoke to reporters.",
        {"Karim Nasser": PER, "Saraya al-Fajr": ORG, "Iran": LOC},
    )
    assert ("Karim Nasser", "leader_of", "Saraya al-Fajr") in doc.triples()


def test_appositive_secretary_general_with_article(parse):
    doc = parse(
        "Yusuf Harb, the secretary-general of Liwa al-Nasr, denied the report.",
        {"Yusuf Harb": PER, "Liwa al-Nasr": ORG},
    )
    relation = next(a for a in doc.relations() if a.predicate == "leader_of")
    assert doc.text_of(relation.object) == "Liwa al-Nasr"
    assert relation.role == "secretary-general"


def test_deputy_is_a_member_not_the_leader(parse):
    doc = parse(
        "The ceremony was attended by Samir Aoun, deputy general secretary of Harakat al-Wafa.",
        {"Samir Aoun": PER, "Harakat al-Wafa": ORG},
    )
    assert doc.triples() >= {("Samir Aoun", "member_of", "Harakat al-Wafa")}
    assert ("Samir Aoun", "leader_of", "Harakat al-Wafa") not in doc.triples()


def test_member_of_a_groups_office(parse):
    doc = parse(
        "Nabil Haddad, a member of the Dawn Front's political office, joined the talks.",
        {"Nabil Haddad": PER, "Dawn Front": ORG},
    )
    assert ("Nabil Haddad", "member_of", "Dawn Front") in doc.triples()


def test_title_before_name(parse):
    doc = parse(
        "Dawn Front leader Tariq Mansour arrived in Amman.",
        {"Dawn Front": ORG, "Tariq Mansour": PER, "Amman": LOC},
    )
    assert ("Tariq Mansour", "leader_of", "Dawn Front") in doc.triples()


def test_senior_leader_is_a_member(parse):
    doc = parse(
        "Senior Dawn Front leader Tariq Mansour arrived in Amman.",
        {"Dawn Front": ORG, "Tariq Mansour": PER, "Amman": LOC},
    )
    assert ("Tariq Mansour", "member_of", "Dawn Front") in doc.triples()
    assert ("Tariq Mansour", "leader_of", "Dawn Front") not in doc.triples()


def test_unit_chief_is_a_member_of_the_organization(parse):
    doc = parse(
        "Dawn Front media chief Rami Saad declined to comment.",
        {"Dawn Front": ORG, "Rami Saad": PER},
    )
    assert ("Rami Saad", "member_of", "Dawn Front") in doc.triples()


def test_possessive_person_is_a_member(parse):
    doc = parse("Liwa al-Nasr's Hadi Qasim was not at the meeting.", {"Liwa al-Nasr": ORG, "Hadi Qasim": PER})
    assert ("Hadi Qasim", "member_of", "Liwa al-Nasr") in doc.triples()


def test_government_role_with_a_nationality(parse):
    doc = parse(
        "Jordan hosted the talks. Jordanian Prime Minister Omar Fayez welcomed the delegates.",
        {"Jordan": LOC, "Omar Fayez": PER},
    )
    assert ("Omar Fayez", "leader_of", "Jordan") in doc.triples()


def test_possessive_minister_is_a_member_of_the_state(parse):
    doc = parse(
        "Lebanon's foreign minister, Walid Saab, met the envoy.",
        {"Lebanon": LOC, "Walid Saab": PER},
    )
    assert ("Walid Saab", "member_of", "Lebanon") in doc.triples()


def test_a_government_title_without_a_country_yields_nothing(parse):
    doc = parse("Prime Minister Omar Fayez welcomed the delegates.", {"Omar Fayez": PER})
    assert doc.triples() == set()


def test_appointment_as_spokesman(parse):
    doc = parse(
        "Harakat al-Wafa named Fadi Karam as its spokesman on Monday.",
        {"Harakat al-Wafa": ORG, "Fadi Karam": PER},
    )
    assert ("Fadi Karam", "member_of", "Harakat al-Wafa") in doc.triples()


def test_appointment_as_secretary_general_is_leadership(parse):
    doc = parse(
        "The Southern Front named Adel Hamdi as its new secretary-general.",
        {"Southern Front": ORG, "Adel Hamdi": PER},
    )
    assert ("Adel Hamdi", "leader_of", "Southern Front") in doc.triples()


def test_led_by_after_the_group_is_introduced(parse):
    doc = parse(
        "The Saraya al-Fajr group is a small militia. Founded in 2015 and led by Hadi Qasim, "
        "the group recruits in the south.",
        {"Saraya al-Fajr": ORG, "Hadi Qasim": PER},
    )
    assert ("Hadi Qasim", "leader_of", "Saraya al-Fajr") in doc.triples()


def test_led_by_with_the_group_as_the_previous_subject(parse):
    doc = parse(
        "Saraya al-Fajr fought alongside Liwa al-Nasr. Led by Hadi Qasim, the group grew quickly.",
        {"Saraya al-Fajr": ORG, "Liwa al-Nasr": ORG, "Hadi Qasim": PER},
    )
    assert ("Hadi Qasim", "leader_of", "Saraya al-Fajr") in doc.triples()


def test_led_by_with_two_candidate_groups_yields_nothing(parse):
    doc = parse(
        "Fighters from Saraya al-Fajr and Liwa al-Nasr clashed. Led by Hadi Qasim, the group grew quickly.",
        {"Saraya al-Fajr": ORG, "Liwa al-Nasr": ORG, "Hadi Qasim": PER},
    )
    assert not any(p == "leader_of" for _, p, _ in doc.triples())


def test_delegation_members(parse):
    doc = parse(
        "A Dawn Front delegation arrived in Amman. The delegation was led by Tariq Mansour "
        "and included Rami Saad.",
        {"Dawn Front": ORG, "Amman": LOC, "Tariq Mansour": PER, "Rami Saad": PER},
    )
    assert {
        ("Tariq Mansour", "member_of", "Dawn Front"),
        ("Rami Saad", "member_of", "Dawn Front"),
    } <= doc.triples()
    assert ("Tariq Mansour", "leader_of", "Dawn Front") not in doc.triples()


def test_leader_of_needs_a_person(parse):
    doc = parse("The coalition, led by Jordan, met in Amman.", {"Jordan": LOC, "Amman": LOC})
    assert not any(p == "leader_of" for _, p, _ in doc.triples())
