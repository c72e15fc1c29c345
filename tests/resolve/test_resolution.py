"""The Resolution contract: every mention mapped, ids stable, names and aliases as seen."""

from __future__ import annotations

import random

from threadline.records import content_id
from threadline.resolve import resolve_entities

STORIES = (
    (
        "s1",
        "Osama Hamdan met Qais Al Khazali, leader of Asaib Ahl Al Haq (AAH), in Baghdad. Mr Hamdan said AAH agreed.",
        {
            "Osama Hamdan": "person",
            "Mr Hamdan": "person",
            "Qais Al Khazali": "person",
            "Asaib Ahl Al Haq": "person",
            "AAH": "organization",
            "Baghdad": "location",
        },
    ),
    (
        "s2",
        "Hamdan spoke to Al-Khazali in Baghdad.",
        {"Hamdan": "person", "Al-Khazali": "organization", "Baghdad": "location"},
    ),
    ("s3", "—", {"—": "organization"}),
)


def test_every_mention_has_an_entity(resolve) -> None:
    run = resolve(*STORIES)
    assert set(run.result.entity_of) == {m.id for m in run.mentions}
    assert set(run.result.entity_of.values()) == set(run.by_id)
    assert set(run.result.reasons) == set(run.by_id)


def test_ids_are_content_hashes_stable_across_runs_and_order(resolve) -> None:
    run = resolve(*STORIES)
    shuffled = list(run.mentions)
    random.Random(7).shuffle(shuffled)
    again = resolve_entities(shuffled, dict(reversed(list(run.texts.items()))))
    assert again.entities == run.result.entities
    assert again.entity_of == run.result.entity_of
    entity = run.entity("Osama Hamdan")
    assert entity.id == content_id("e", "person", "usama hamdan")


def test_name_is_the_fullest_spelling_and_aliases_are_surfaces(resolve) -> None:
    run = resolve(*STORIES)
    entity = run.entity("Al-Khazali")
    assert entity.name == "Qais Al Khazali"
    assert entity.aliases == ("Al-Khazali",)
    assert entity.type == "person"
    assert run.entity("AAH").name == "Asaib Ahl Al Haq"
    assert run.entity("AAH").type == "organization"


def test_no_mentions_no_entities() -> None:
    result = resolve_entities([], {})
    assert result.entities == () and result.entity_of == {} and result.reasons == {}
