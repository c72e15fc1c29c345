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
