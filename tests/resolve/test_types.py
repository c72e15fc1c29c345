"""Entity type by votes over every mention, plus cues in and around the name."""

from __future__ import annotations

from threadline.records import Mention
from threadline.resolve.entity_types import context_cues, decide
from threadline.resolve.lexicon import load_lexicon
from threadline.vocab import KnownEntity

LEX = load_lexicon()


def test_votes_outnumber_a_wrong_label(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Qais Al-Khazali met them. Al-Khazali said.",
            {"Qais Al-Khazali": "person", "Al-Khazali": "organization"},
        ),
        ("s2", "Qais Al-Khazali spoke.", {"Qais Al-Khazali": "person"}),
    )
    assert run.entity("Al-Khazali").type == "person"


def test_organisation_words_beat_a_person_label(resolve) -> None:
    run = resolve(
        (
            "s1",
            "Kataib Nour al-Sabah fired rockets. Harakat Dir al-Watan denied it.",
            {"Kataib Nour al-Sabah": "person", "Harakat Dir al-Watan": "person"},
        ),
    )
    assert run.entity("Kataib Nour al-Sabah").type == "organization"
    assert run.entity("Harakat Dir al-Watan").type == "organization"


def test_context_makes_a_place(resolve) -> None:
    run = resolve(
        (
            "s1",
            "A launch pad was found in the Qasr Jabir district, near Tell Marwan.",
            {"Qasr Jabir": "person", "Tell Marwan": "organization"},
        ),
    )
    assert run.entity("Qasr Jabir").type == "location"
    assert run.entity("Tell Marwan").type == "location"


def test_countries_are_locations(resolve) -> None:
    run = resolve(("s1", "Iraq and Iran met.", {"Iraq": "location", "Iran": "location"}))
    assert run.entity("Iraq").type == "location"


def test_known_type_wins(resolve) -> None:
    known = [KnownEntity(id="nasr-tv", name="Nasr TV", type="organization", aliases=("Nasr",))]
    run = resolve(("s1", "Nasr said. Nasr reported.", {"Nasr": "person"}), known=known)
    assert run.entity("Nasr").type == "organization"


def test_context_cues() -> None:
    text = "near Koya, Mr Hamdan and the Nujaba movement"

    def at(word: str, label: str = "person") -> Mention:
        i = text.index(word)
        return Mention("s", i, i + len(word), word, label, "X")  # type: ignore[arg-type]

    assert context_cues(at("Koya"), text, LEX) == ["location"]
    assert context_cues(at("Hamdan"), text, LEX) == ["person"]
    assert context_cues(at("Nujaba"), text, LEX) == ["organization"]


def test_decide() -> None:
    assert decide([{"person": 1.0}, {"organization": 3.0}]) == "organization"
    assert decide([{"person": 5.0}], "location") == "location"
    assert decide([]) == "other"
