"""located_in from the dependency parse: descriptions, locating verbs, prepositions,
chains of places and nationality adjectives; each with a near miss that states nothing."""

from __future__ import annotations

PER, ORG, LOC = "person", "organization", "location"


def located(doc) -> set[tuple[str, str]]:
    return {(s, o) for s, p, o in doc.triples() if p == "located_in"}


def test_described_as_a_town_in_a_chain_of_places(parse):
    doc = parse(
        "Varosh is a small town in Kelmar County, Dravania, on the old trade road.",
        {"Varosh": LOC, "Kelmar County": LOC, "Dravania": LOC},
    )
    assert located(doc) >= {
        ("Varosh", "Kelmar County"),
        ("Varosh", "Dravania"),
        ("Kelmar County", "Dravania"),
    }


def test_a_town_near_a_place_is_not_in_it(parse):
    doc = parse(
        "Varosh is a small town near Kelmar, on the old trade road.",
        {"Varosh": LOC, "Kelmar": LOC},
    )
    assert not located(doc)


def test_apposition_with_place_noun(parse):
    doc = parse(
        "Talvik, a fishing village in northern Ostrava, was flooded on Monday.",
        {"Talvik": LOC, "Ostrava": LOC},
    )
    assert ("Talvik", "Ostrava") in located(doc)


def test_capital_of(parse):
    doc = parse(
        "Residents of Amrun, the capital of Selvia, fled the fighting.",
        {"Amrun": LOC, "Selvia": LOC},
    )
    assert ("Amrun", "Selvia") in located(doc)


def test_capital_of_a_person_is_no_place(parse):
    doc = parse(
        "Residents of Amrun backed Idris Kell, the darling of Selvia.",
        {"Amrun": LOC, "Selvia": LOC, "Idris Kell": PER},
    )
    assert not located(doc)


def test_organization_based_in(parse):
    doc = parse(
        "The Northern Relief Fund, a charity based in Corvale, Marsland, sent food.",
        {"Northern Relief Fund": ORG, "Corvale": LOC, "Marsland": LOC},
    )
    assert located(doc) >= {("Northern Relief Fund", "Corvale"), ("Northern Relief Fund", "Marsland")}


def test_organization_acting_in_a_place_is_not_based_there(parse):
    doc = parse(
        "Fighters of the Dawn Front clashed with police in Corvale on Friday.",
        {"Dawn Front": ORG, "Corvale": LOC},
    )
    assert not located(doc)


def test_headquartered_in_is_hedged_when_reported(parse):
    doc = parse(
        "The Dawn Front is reportedly headquartered in Corvale.",
        {"Dawn Front": ORG, "Corvale": LOC},
    )
    found = [a for a in doc.relations() if a.predicate == "located_in"]
    assert [(doc.text_of(a.subject), doc.text_of(a.object)) for a in found] == [("Dawn Front", "Corvale")]
    assert found[0].modality != "asserted"


def test_school_in_a_city(parse):
    doc = parse(
        "She taught at Hallam Grammar School in Corvale for ten years.",
        {"Hallam Grammar School": ORG, "Corvale": LOC},
    )
    assert ("Hallam Grammar School", "Corvale") in located(doc)


def test_city_comma_country_chain(parse):
    doc = parse(
        "The delegation landed in Amrun, Selvia, late on Sunday.",
        {"Amrun": LOC, "Selvia": LOC},
    )
    assert ("Amrun", "Selvia") in located(doc)


def test_list_of_places_is_no_chain(parse):
    doc = parse(
        "Envoys visited Amrun, Corvale, Talvik and Selvia last week.",
        {"Amrun": LOC, "Corvale": LOC, "Talvik": LOC, "Selvia": LOC},
    )
    assert not located(doc)


def test_pairs_of_city_and_region(parse):
    doc = parse(
        "She lives in Amrun, Selvia and Corvale, Marsland.",
        {"Amrun": LOC, "Selvia": LOC, "Corvale": LOC, "Marsland": LOC},
    )
    assert located(doc) == {("Amrun", "Selvia"), ("Corvale", "Marsland")}


def test_place_noun_names_the_inner_place(parse):
    doc = parse(
        "Shells fell on the Pelin district of Amrun overnight.",
        {"Pelin": LOC, "Amrun": LOC},
    )
    assert located(doc) == {("Pelin", "Amrun")}


def test_country_holds_nothing_it_is_said_to_be_in(parse):
    doc = parse(
        "The influence of Iran in Syria has grown since 2012.",
        {"Iran": LOC, "Syria": LOC},
    )
    assert not located(doc)


def test_north_of_a_place_in_a_region(parse):
    doc = parse(
        "The camp lies north of Talvik in the Ostrava region.",
        {"Talvik": LOC, "Ostrava": LOC},
    )
    assert ("Talvik", "Ostrava") not in located(doc)


def test_city_named_after_its_country(parse):
    doc = parse(
        "Protesters gathered in Selvia City, Selvia, on Monday.",
        {"Selvia City": LOC, "Selvia": LOC},
    )
    assert ("Selvia City", "Selvia") in located(doc)


def test_nationality_of_a_described_group(parse):
    doc = parse(
        "Officials in Iraq said Liwa al-Nasr, an Iraqi militia, fired the rockets.",
        {"Iraq": LOC, "Liwa al-Nasr": ORG},
    )
    assert ("Liwa al-Nasr", "Iraq") in located(doc)


def test_nationality_of_an_outlet_is_not_its_seat(parse):
    doc = parse(
        "Officials in Iraq told Al-Nida, an Iraqi newspaper, that talks had stalled.",
        {"Iraq": LOC, "Al-Nida": ORG},
    )
    assert ("Al-Nida", "Iraq") not in located(doc)
