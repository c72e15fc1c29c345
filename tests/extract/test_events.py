"""Event triggers, arguments and dates, on sentences written for these tests.

Stories are published on Thursday 14 March 2024 unless a test says otherwise."""

from __future__ import annotations

from threadline.records import Block

PER, ORG, LOC = "person", "organization", "location"


def test_meeting_with_participants_place_and_weekday(parse):
    doc = parse(
        "Hadi Qasim met Tariq Mansour in Amman late on Sunday.",
        {"Hadi Qasim": PER, "Tariq Mansour": PER, "Amman": LOC},
    )
    event = doc.event("meeting")
    assert doc.names(event) == {"Hadi Qasim", "Tariq Mansour"}
    assert doc.text_of(event.location) == "Amman"
    assert (event.date.value, event.date.precision, event.date.expression) == (
        "2024-03-10",
        "day",
        "late on Sunday",
    )


def test_a_weekday_on_publication_day_is_that_day(parse):
    doc = parse("Hadi Qasim met Tariq Mansour on Thursday.", {"Hadi Qasim": PER, "Tariq Mansour": PER})
    assert doc.event("meeting").date.value == "2024-03-14"


def test_no_date_in_the_clause_means_no_date(parse):
    doc = parse(
        "Hadi Qasim met Tariq Mansour in Amman.", {"Hadi Qasim": PER, "Tariq Mansour": PER, "Amman": LOC}
    )
    date = doc.event("meeting").date
    assert (date.value, date.precision, date.expression) == (None, "unknown", None)


def test_the_attributions_date_is_not_the_events(parse):
    doc = parse(
        "Liwa al-Nasr has opened an office in Basra, officials told reporters on Monday.",
        {"Liwa al-Nasr": ORG, "Basra": LOC},
    )
    event = doc.event("establishment")
    assert event.date.value is None
    assert doc.text_of(event.location) == "Basra"


def test_weekday_without_a_publication_date_has_no_value(parse):
    doc = parse(
        "Hadi Qasim met Tariq Mansour on Tuesday.", {"Hadi Qasim": PER, "Tariq Mansour": PER}, published=None
    )
    date = doc.event("meeting").date
    assert date.value is None
    assert date.expression == "on Tuesday"


def test_month_day_takes_its_year_from_a_full_date_in_the_sentence(parse):
    doc = parse(
        "Mourners buried Hadi Qasim, who was killed in an airstrike on June 3 in Tyre, June 5, 2023.",
        {"Hadi Qasim": PER, "Tyre": LOC},
        published=None,
    )
    assert doc.event("attack").date.value == "2023-06-03"


def test_held_talks_noun_trigger_takes_the_light_verbs_arguments(parse):
    doc = parse(
        "Walid Saab and Omar Fayez held talks in Cairo on Tuesday.",
        {"Walid Saab": PER, "Omar Fayez": PER, "Cairo": LOC},
    )
    event = doc.event("meeting")
    assert doc.names(event) == {"Walid Saab", "Omar Fayez"}
    assert event.date.value == "2024-03-12"
    assert event.trigger == "talks"


def test_talks_between(parse):
    doc = parse("Talks between Jordan and Egypt resumed.", {"Jordan": LOC, "Egypt": LOC})
    assert doc.names(doc.event("meeting")) == {"Jordan", "Egypt"}


def test_condemning_an_attack_is_no_participation(parse):
    doc = parse("Walid Saab condemned the attack on the embassy.", {"Walid Saab": PER})
    assert all("Walid Saab" not in doc.names(e) for e in doc.events() if e.type == "attack")


def test_strike_and_killed_are_one_event(parse):
    doc = parse(
        "A drone strike near the town of Albu Kamal killed two members of Liwa al-Nasr on Saturday.",
        {"Albu Kamal": LOC, "Liwa al-Nasr": ORG},
    )
    event = doc.event("attack")
    assert doc.names(event) == {"Liwa al-Nasr"}
    assert doc.text_of(event.location) == "Albu Kamal"
    assert event.date.value == "2024-03-09"


def test_arrest_by_security_forces_known_as(parse):
    doc = parse(
        "Security forces, known as the Asayish, detained three men at a checkpoint near the town of Koya "
        "on Wednesday.",
        {"Asayish": ORG, "Koya": LOC},
    )
    event = doc.event("arrest")
    assert doc.names(event) == {"Asayish"}
    assert doc.text_of(event.location) == "Koya"
    assert event.date.value == "2024-03-13"


def test_protest_in_a_month_and_last_month(parse):
    doc = parse(
        "Supporters of Harakat al-Wafa protested in Basra in February.",
        {"Harakat al-Wafa": ORG, "Basra": LOC},
    )
    event = doc.event("protest")
    assert (event.date.value, event.date.precision) == ("2024-02", "month")
    doc = parse("Members of Harakat al-Wafa met in Basra last month.", {"Harakat al-Wafa": ORG, "Basra": LOC})
    assert doc.event("meeting").date.value == "2024-02"


def test_since_a_day(parse):
    doc = parse(
        "Liwa al-Nasr has attacked bases in Syria since October 17.", {"Liwa al-Nasr": ORG, "Syria": LOC}
    )
    assert doc.event("attack").date.value == "2023-10-17"


def test_sanction_by_adding_to_a_list(parse):
    doc = parse(
        "The European Union on Monday added Liwa al-Nasr to its list of terrorist organisations.",
        {"European Union": ORG, "Liwa al-Nasr": ORG},
    )
    event = doc.event("sanction")
    assert doc.names(event) == {"European Union", "Liwa al-Nasr"}
    assert event.date.value == "2024-03-11"


def test_establishment_needs_an_office_like_object(parse):
    doc = parse("Hamas opened talks with Cairo.", {"Hamas": ORG, "Cairo": LOC})
    assert not [e for e in doc.events() if e.type == "establishment"]
    doc = parse("Hamas opened an office in Cairo.", {"Hamas": ORG, "Cairo": LOC})
    assert doc.names(doc.event("establishment")) == {"Hamas"}


def test_deployment_needs_a_place(parse):
    doc = parse("Fighters of Liwa al-Nasr headed to Syria.", {"Liwa al-Nasr": ORG, "Syria": LOC})
    assert doc.text_of(doc.event("deployment").location) == "Syria"
    doc = parse("Liwa al-Nasr headed the list.", {"Liwa al-Nasr": ORG})
    assert not doc.events()


def test_threat_discovery_abduction_statement_agreement(parse):
    cases = [
        ("Liwa al-Nasr threatened to attack Jordan.", {"Liwa al-Nasr": ORG, "Jordan": LOC}, "threat"),
        ("Mass graves were discovered in Raqqa.", {"Raqqa": LOC}, "discovery"),
        ("Gunmen abducted Rami Saad in Tyre.", {"Rami Saad": PER, "Tyre": LOC}, "abduction"),
        ("Liwa al-Nasr said in a statement that it would fight on.", {"Liwa al-Nasr": ORG}, "statement"),
        ("Jordan and Egypt signed an agreement.", {"Jordan": LOC, "Egypt": LOC}, "agreement"),
    ]
    for text, names, event_type in cases:
        events = parse(text, names).events()
        assert [e.type for e in events if e.modality == "asserted"] == [event_type], text


def test_a_threatened_attack_is_no_attack(parse):
    doc = parse("Liwa al-Nasr threatened to attack Jordan.", {"Liwa al-Nasr": ORG, "Jordan": LOC})
    assert doc.event("threat").modality == "asserted"
    assert [e.type for e in doc.events()] == ["threat"]


def test_meet_in_the_passive_is_no_meeting(parse):
    doc = parse("The plan of Liwa al-Nasr was met with criticism.", {"Liwa al-Nasr": ORG})
    assert not doc.events()


def test_an_event_with_no_name_and_no_place_is_dropped(parse):
    doc = parse("The attack was condemned.", {})
    assert doc.events() == []


def test_these_attacks_tell_the_same_event(parse):
    doc = parse(
        "US forces in Syria faced rocket attacks. Liwa al-Nasr claimed these attacks.",
        {"US": LOC, "Syria": LOC, "Liwa al-Nasr": ORG},
    )
    event = doc.event("attack")
    assert {"US", "Liwa al-Nasr"} <= doc.names(event)


def test_evidence_and_zone(parse):
    text = "Gunmen attacked Basra\n\nLiwa al-Nasr fighters attacked a base in Basra on Monday."
    doc = parse(
        text,
        {"Liwa al-Nasr": ORG, "Basra": LOC},
        blocks=(Block(0, 21, "headline"), Block(23, len(text), "body")),
    )
    events = sorted(doc.events(), key=lambda e: e.evidence.start)
    assert [e.evidence.zone for e in events] == ["headline", "body"]
    for event in events:
        assert doc.story.text[event.evidence.start : event.evidence.end] == event.evidence.quote
        assert "\n" not in event.evidence.quote
        assert event.extractor.startswith("events.trigger.")
        assert event.version
