"""Inside one story a short form means the one full name it fits."""

from __future__ import annotations


def test_surname_and_titled_surname_resolve_to_full_name(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Osama Hamdan arrived. Hamdan spoke. Mr Hamdan left.",
            {"Osama Hamdan": "person", "Hamdan": "person", "Mr Hamdan": "person"},
        ),
    )
    assert run.same("Hamdan", "Osama Hamdan")
    assert run.same("Mr Hamdan", "Osama Hamdan")
    entity = run.entity("Hamdan")
    assert entity.name == "Osama Hamdan"
    assert set(entity.aliases) == {"Hamdan", "Mr Hamdan"}
    assert any("surname of 'Osama Hamdan'" in r for r in run.result.reasons[entity.id])


def test_particle_and_honorific_forms(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Qais Al-Khazali met them. Al-Khazali said. Sheikh Khazali added. Khazali's office",
            {
                "Qais Al-Khazali": "person",
                "Al-Khazali": "organization",
                "Sheikh Khazali": "person",
                "Khazali": "organization",
            },
        ),
    )
    entity = run.entity("Qais Al-Khazali")
    for surface in ("Al-Khazali", "Sheikh Khazali", "Khazali"):
        assert run.entity(surface) == entity
    assert entity.type == "person"


def test_two_brothers_leave_the_surname_alone(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Muhammad Al-Hafi and his brother Ahmed Al-Hafi were arrested. Al-Hafi denied it.",
            {"Muhammad Al-Hafi": "person", "Ahmed Al-Hafi": "person", "Al-Hafi": "person"},
        ),
        ("s2", "Muhammad Al-Hafi was released.", {"Muhammad Al-Hafi": "person"}),
    )
    assert not run.same("Muhammad Al-Hafi", "Ahmed Al-Hafi")
    assert not run.same("Al-Hafi", "Muhammad Al-Hafi", "s1", "s1")
    assert not run.same("Al-Hafi", "Ahmed Al-Hafi")


def test_nested_full_names_count_once(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Led by Tariq Munir Hadi al-Jubouri, the group grew. Tariq al-Jubouri said. Al-Jubouri added.",
            {"Tariq Munir Hadi al-Jubouri": "person", "Tariq al-Jubouri": "person", "Al-Jubouri": "person"},
        ),
    )
    assert run.same("Al-Jubouri", "Tariq Munir Hadi al-Jubouri")
    assert run.same("Tariq al-Jubouri", "Tariq Munir Hadi al-Jubouri")


def test_kunya_surname_and_stated_real_name(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Abu Zaid al-Karkhi, whose real name is Faris Jawad al-Karkhi, spoke. Al-Karkhi said.",
            {"Abu Zaid al-Karkhi": "person", "Faris Jawad al-Karkhi": "person", "Al-Karkhi": "organization"},
        ),
    )
    assert run.same("Abu Zaid al-Karkhi", "Faris Jawad al-Karkhi")
    assert run.same("Al-Karkhi", "Faris Jawad al-Karkhi")


def test_known_as_links_a_translation(resolve) -> None:
    run = resolve(
        (
            "s1",
            "the Men of the Valley, known in Arabic as Rijal al-Wadi, attacked.",
            {"Men of the Valley": "organization", "Arabic": "location", "Rijal al-Wadi": "person"},
        ),
    )
    assert run.same("Men of the Valley", "Rijal al-Wadi")
    assert not run.same("Arabic", "Rijal al-Wadi")


def test_organisation_short_form_and_designator(resolve) -> None:
    run = resolve(
        (
            "s1",
            "The Nasr Movement marched. Nasr said. Rockets hit the Gaza Strip; the Strip was dark.",
            {
                "Nasr Movement": "organization",
                "Nasr": "person",
                "Gaza Strip": "location",
                "Strip": "location",
            },
        ),
    )
    assert run.same("Nasr", "Nasr Movement")
    assert run.same("Strip", "Gaza Strip")


def test_unit_keyword_blocks_short_form(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Kataib Hezbollah and Hezbollah met. The Hamas Relations Office said Hamas agreed.",
            {
                "Kataib Hezbollah": "organization",
                "Hezbollah": "organization",
                "Hamas Relations Office": "organization",
                "Hamas": "organization",
            },
        ),
    )
    assert not run.same("Hezbollah", "Kataib Hezbollah")
    assert not run.same("Hamas", "Hamas Relations Office")


def test_a_country_is_not_its_capital(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Belize City is the largest city of Belize.",
            {"Belize City": "location", "Belize": "location"},
        )
    )
    assert not run.same("Belize", "Belize City")


def test_a_place_never_stands_for_an_organisation(resolve) -> None:
    run = resolve(
        (
            "s1",
            "The Baghdad Government said Baghdad was calm.",
            {"Baghdad Government": "organization", "Baghdad": "location"},
        ),
    )
    assert not run.same("Baghdad", "Baghdad Government")


def test_a_surname_the_model_called_a_place(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Frederick Jacob Titus Chiluba was president. Chiluba died in 2011. Troops entered Ndola.",
            {"Frederick Jacob Titus Chiluba": "person", "Chiluba": "location", "Ndola": "location"},
        ),
    )
    assert run.same("Chiluba", "Frederick Jacob Titus Chiluba")
    assert run.entity("Chiluba").type == "person"


def test_a_known_country_is_no_ones_surname(resolve) -> None:
    from threadline.vocab import KnownEntity

    known = [KnownEntity(id="jordan", name="Jordan", type="location")]
    run = resolve(
        ("s1", "Michael Jordan visited Jordan.", {"Michael Jordan": "person", "Jordan": "location"}),
        known=known,
    )
    assert not run.same("Jordan", "Michael Jordan")


def test_a_surname_means_the_one_bearer_named_before_it(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Karin Dahl won the race. Dahl retired in 2004. Dahl's sisters Mia Dahl and Ella Dahl also raced.",
            {"Karin Dahl": "person", "Dahl": "person", "Mia Dahl": "person", "Ella Dahl": "person"},
        ),
    )
    assert run.same("Dahl", "Karin Dahl")
    assert not run.same("Dahl", "Mia Dahl") and not run.same("Mia Dahl", "Ella Dahl")


def test_a_surname_after_two_bearers_stays_alone(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Karin Dahl and Mia Dahl founded the club. Dahl said it would grow.",
            {"Karin Dahl": "person", "Mia Dahl": "person", "Dahl": "person"},
        ),
    )
    assert not run.same("Dahl", "Karin Dahl") and not run.same("Dahl", "Mia Dahl")
