"""Knowledge-file entries: names they list link to them; unknown names still resolve."""

from __future__ import annotations

from dataclasses import replace

from threadline.vocab import KnownEntity

AAH = KnownEntity(
    id="asaib-ahl-al-haq",
    name="Asa'ib Ahl al-Haq",
    type="organization",
    aliases=("Asaib Ahl al-Haq", "AAH", "League of the Righteous"),
)


def test_listed_names_link_to_the_entry(resolve) -> None:
    run = resolve(
        ("s1", "Asaib Ahl Al Haq said.", {"Asaib Ahl Al Haq": "person"}),
        (
            "s2",
            "AAH said. The League of the Righteous agreed.",
            {"AAH": "organization", "League of the Righteous": "organization"},
        ),
        known=[AAH],
    )
    entity = run.entity("AAH")
    assert run.same("AAH", "Asaib Ahl Al Haq") and run.same("AAH", "League of the Righteous")
    assert entity.kb_id == "asaib-ahl-al-haq"
    assert entity.name == "Asa'ib Ahl al-Haq"
    assert entity.type == "organization"
    assert "knowledge file: asaib-ahl-al-haq" in run.result.reasons[entity.id]


def test_gazetteer_match_links_by_id(resolve) -> None:
    run = resolve(("s1", "The Righteous League said.", {"Righteous League": "organization"}), known=[AAH])
    mention = run.mentions[0]
    tagged = replace(mention, kb_id="asaib-ahl-al-haq")
    from threadline.resolve import resolve_entities

    result = resolve_entities([tagged], run.texts, [AAH])
    assert result.entities[0].kb_id == "asaib-ahl-al-haq"


def test_two_entries_never_merge(resolve) -> None:
    known = [
        KnownEntity(id="gaza-city", name="Gaza City", type="location"),
        KnownEntity(id="gaza-strip", name="Gaza Strip", type="location", aliases=("Gaza",)),
    ]
    run = resolve(
        ("s1", "Gaza City and the Gaza Strip.", {"Gaza City": "location", "Gaza Strip": "location"}),
        known=known,
    )
    assert not run.same("Gaza City", "Gaza Strip")


def test_a_name_two_entries_list_links_to_neither(resolve) -> None:
    known = [
        KnownEntity(id="a", name="Nasr Front", type="organization", aliases=("Nasr",)),
        KnownEntity(id="b", name="Nasr TV", type="organization", aliases=("Nasr",)),
    ]
    run = resolve(("s1", "Nasr said.", {"Nasr": "organization"}), known=known)
    assert run.entity("Nasr").kb_id is None


def test_unknown_names_resolve_among_themselves(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Kata'ib Rijal al-Tahaddi (KRT) denied it.",
            {"Kata'ib Rijal al-Tahaddi": "organization", "KRT": "organization"},
        ),
        ("s2", "Kataib Rijal al-Tahaddi fired.", {"Kataib Rijal al-Tahaddi": "organization"}),
        known=[AAH],
    )
    assert run.same("KRT", "Kataib Rijal al-Tahaddi")
    assert run.entity("KRT").kb_id is None


JAMAL = KnownEntity(id="jamal-aziz", name="Jamal Aziz", type="person", aliases=("Abu Karim",))


def test_a_person_entry_does_not_absorb_an_organization_of_the_same_name(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Fighters of the Jamal Aziz militia shelled the depot at dawn.",
            {"Jamal Aziz": "organization"},
        ),
        known=[JAMAL],
    )
    militia = run.entity("Jamal Aziz")
    assert militia.kb_id is None and militia.type == "organization"


def test_a_named_person_still_links_though_the_model_called_it_a_group(resolve) -> None:
    run = resolve(
        ("s1", "Commander Jamal Aziz inspected the depot.", {"Jamal Aziz": "organization"}), known=[JAMAL]
    )
    person = run.entity("Jamal Aziz")
    assert person.kb_id == "jamal-aziz" and person.type == "person"


def test_an_entry_still_corrects_the_models_bare_label(resolve) -> None:
    run = resolve(("s1", "Jamal Aziz inspected the depot.", {"Jamal Aziz": "organization"}), known=[JAMAL])
    assert run.entity("Jamal Aziz").kb_id == "jamal-aziz"


def test_an_organization_entry_does_not_absorb_a_person_or_a_place_of_its_name(resolve) -> None:
    front = KnownEntity(id="nour-front", name="Nour", type="organization", aliases=("Jabhat Nour",))
    person = resolve(
        ("s1", "Its spokesman Nour said talks had failed.", {"Nour": "organization"}), known=[front]
    )
    assert person.entity("Nour").kb_id is None and person.entity("Nour").type == "person"
    place = resolve(
        ("s1", "Shells fell near Nour village overnight.", {"Nour": "organization"}), known=[front]
    )
    assert place.entity("Nour").kb_id is None and place.entity("Nour").type == "location"


def test_cues_on_both_sides_leave_the_link_to_the_entry(resolve) -> None:
    run = resolve(
        ("s1", "Mr Jamal Aziz spoke. Later the Jamal Aziz militia fired.", {"Jamal Aziz": "organization"}),
        known=[JAMAL],
    )
    assert run.entity("Jamal Aziz").kb_id == "jamal-aziz"
