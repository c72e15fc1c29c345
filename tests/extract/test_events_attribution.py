"""Who says an event happened, and through which outlet: sentences written for these tests."""

from __future__ import annotations

import pytest

PER, ORG, LOC = "person", "organization", "location"
NAMES = {
    "Liwa al-Nasr": ORG,
    "Hadi Qasim": PER,
    "Basra": LOC,
    "Al-Sabah": ORG,
    "Reuters": ORG,
    "SANA": ORG,
}
FACT = "Liwa al-Nasr attacked a base in Basra"


def attribution(parse, text: str) -> tuple[str, str | None, str | None, str | None]:
    doc = parse(text, NAMES)
    found = doc.event("attack").attribution
    return found.kind, found.text, doc.text_of(found.mention_id), found.via


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{FACT}, Hadi Qasim told Reuters.", ("named", "Hadi Qasim", "Hadi Qasim", "Reuters")),
        (f"{FACT}, a source told Al-Sabah.", ("anonymous", "a source", None, "Al-Sabah")),
        (
            f"Hadi Qasim said in an interview with Al-Sabah that {FACT}.",
            ("named", "Hadi Qasim", "Hadi Qasim", "Al-Sabah"),
        ),
        (f"Speaking to Reuters, Hadi Qasim said {FACT}.", ("named", "Hadi Qasim", "Hadi Qasim", "Reuters")),
        (f"{FACT}, Hadi Qasim said, speaking to Reuters.", ("named", "Hadi Qasim", "Hadi Qasim", "Reuters")),
        (f"Iraqi sources quoted by Al-Sabah said {FACT}.", ("anonymous", "Iraqi sources", None, "Al-Sabah")),
        (f"{FACT}, according to a source who spoke to Reuters.", ("anonymous", "a source", None, "Reuters")),
        (f"{FACT}, Al-Sabah quoted Hadi Qasim as saying.", ("named", "Hadi Qasim", "Hadi Qasim", "Al-Sabah")),
    ],
)
def test_the_outlet_a_source_spoke_through(parse, text, expected):
    assert attribution(parse, text) == expected


@pytest.mark.parametrize(
    "text, via",
    [
        (f"{FACT} on Monday, the agency reported, citing a security source.", "the agency"),
        (f"{FACT}, Al-Sabah reported, citing a security source.", "Al-Sabah"),
        (f"{FACT}, according to Al-Sabah, citing a security source.", "Al-Sabah"),
    ],
)
def test_citing_a_source_makes_it_anonymous_through_the_outlet(parse, text, via):
    assert attribution(parse, text) == ("anonymous", "a security source", None, via)


def test_according_to_the_agency_names_it(parse):
    kind, text, mention, via = attribution(
        parse, f"{FACT} on Monday, according to the state news agency SANA."
    )
    assert (kind, mention, via) == ("named", "SANA", None)
    assert text == "the state news agency SANA"


def test_a_group_anaphor_speaking_is_the_group(parse):
    kind, text, mention, _ = attribution(parse, f"{FACT} on Monday, the group said in a statement.")
    assert (kind, text, mention) == ("named", "the group", "Liwa al-Nasr")


def test_no_source_is_the_outlet_and_an_and_clause_is_no_source(parse):
    assert attribution(parse, f"{FACT} on Monday.") == ("outlet", None, None, None)
    assert attribution(parse, f"{FACT}, and Hadi Qasim said it would respond.") == (
        "outlet",
        None,
        None,
        None,
    )
