"""What threadline's NLP stage adds to the model: each rule on sentences written for it,
with the forms it must leave alone."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from threadline.nlp.truecase import truecase
from threadline.records import Block, Mention, Story
from threadline.workflow import extract_stories


def story(text: str, title: str | None = None) -> Story:
    return Story("d-1", "t.txt", 0, text, (Block(0, len(text), "body"),), title=title)


def mentions(nlp: Language, text: str, title: str | None = None) -> list[Mention]:
    (extraction,) = extract_stories(nlp, [story(text, title)])
    return [m for m in extraction.mentions if m.zone == "text"]


def typed(nlp: Language, text: str) -> dict[str, str]:
    return {m.text: m.type for m in mentions(nlp, text)}


# --- Arabic names stay whole across apostrophes, hyphens and particles ---


def test_a_word_final_apostrophe_does_not_cut_a_name(nlp: Language) -> None:
    for mark in ("'", "’"):
        name = f"Saraya Dir{mark} al-Watan"
        found = typed(nlp, f"Fighters of {name} attacked a checkpoint on Monday.")
        assert found.get(name) == "organization", found


def test_a_group_head_word_joins_the_name_after_it(nlp: Language) -> None:
    for name in (
        "Kata’ib Saif al-Rafidain",
        "Kata'ib Sayf al-Jazira",
        "Jama'at Nusrat al-Islam wal-Muslimin",
    ):
        found = typed(nlp, f"{name} claimed the attack in a statement on Tuesday.")
        assert found.get(name) == "organization", found


def test_ayn_and_hamza_signs_stay_inside_the_word(nlp: Language) -> None:
    found = typed(nlp, "Jamaʿat Ansar al-Din said its fighters had withdrawn.")
    assert found.get("Jamaʿat Ansar al-Din") == "organization", found


def test_hyphen_links_and_name_particles_keep_a_name_whole(nlp: Language) -> None:
    found = typed(nlp, "Jaish-e-Makran claimed the blast. The council is headed by Sidi Mohamed Ag Elkhalil.")
    assert found.get("Jaish-e-Makran") == "organization", found
    assert found.get("Sidi Mohamed Ag Elkhalil") == "person", found


def test_a_closing_quote_or_a_plural_possessive_joins_nothing(nlp: Language) -> None:
    found = typed(nlp, "He said 'Mosul' was next. The Kurds' Erbil office stayed shut.")
    assert "Mosul' was" not in " ".join(found)
    assert not any("Kurds' Erbil" in name for name in found)


# --- world knowledge: countries, capitals, nationality words ---


def test_countries_the_model_mistypes_are_places(nlp: Language) -> None:
    found = typed(nlp, "Troops from Chad and Niger arrived in Mali, and Togo sent observers to Niamey.")
    assert {found.get(n) for n in ("Chad", "Niger", "Mali", "Togo", "Niamey")} == {"location"}, found


def test_country_names_keep_to_the_case_rules(nlp: Language) -> None:
    found = typed(nlp, "Chad Smith scored twice. They ate turkey on Thursday.")
    assert found.get("Chad Smith") == "person" and "turkey" not in found, found


def test_nationality_words_are_no_entities_and_their_armies_are_organizations(nlp: Language) -> None:
    found = typed(
        nlp, "The Sudanese army and Malian armed forces clashed with Nigerien troops and Fulani herders."
    )
    assert found.get("Sudanese army") == "organization" and found.get("Malian armed forces") == "organization"
    assert "Nigerien" not in found and "Fulani" not in found, found


def test_a_nationality_word_inside_a_longer_name_stays_in_it(nlp: Language) -> None:
    found = typed(nlp, "He joined the Malian Football Federation in 2019.")
    assert "Malian" not in found


def test_a_state_whose_name_ends_in_an_organization_word_stays_a_place(nlp: Language) -> None:
    assert typed(nlp, "He was born in the Soviet Union in 1950.").get("Soviet Union") == "location"


# --- places the words around them show ---


def test_a_known_town_after_a_locative_preposition_is_a_place(nlp: Language) -> None:
    found = typed(
        nlp, "Gunmen killed 12 villagers near Tessalit, and fighting spread between Gardez and Khost."
    )
    assert {found.get(n) for n in ("Tessalit", "Gardez", "Khost")} == {"location"}, found


def test_a_name_before_a_district_word_or_after_port_of_is_a_place(nlp: Language) -> None:
    found = typed(nlp, "Homes collapsed in Herat's Ghoryan district and in the port of Esmeraldas.")
    assert found.get("Ghoryan") == "location" and found.get("Esmeraldas") == "location", found


def test_a_name_before_state_is_a_states_and_group_names_holding_state_stay(nlp: Language) -> None:
    """A federal state named by the word after it ("Guerrero state", "Zamfara state"); a
    group whose name holds the word, and a people's adjective before it, are no place."""
    found = typed(
        nlp, "Gunmen seized two officers in Mexico's Guerrero state and in Zamfara state on Sunday."
    )
    assert found.get("Guerrero") == "location" and found.get("Zamfara") == "location", found
    found = typed(nlp, "The Islamic State group and Kurdish state media disputed the toll.")
    assert found.get("Kurdish") is None and found.get("Islamic State") != "location", found
    found = typed(nlp, "He called for a Jewish state and a Palestinian state side by side.")
    assert found.get("Jewish") != "location" and found.get("Palestinian") != "location", found


def test_person_names_after_prepositions_stay_persons(nlp: Language) -> None:
    found = typed(nlp, "Boureima Barry said the convoy came under fire. A statement from Barry followed.")
    assert found.get("Boureima Barry") == "person" and found.get("Barry") != "location", found


def test_months_and_institutions_after_prepositions_are_no_places(nlp: Language) -> None:
    found = typed(nlp, "The vote in Congress was held in March.")
    assert found.get("Congress") != "location" and found.get("March") is None, found


def test_a_family_name_takes_the_persons_label(nlp: Language) -> None:
    found = typed(nlp, "Ousmane Kaboré Diallo led the column. Diallo said it would not stop.")
    assert found.get("Diallo") == "person", found


# --- wire copy: datelines, agate lines, units ---


def test_a_dateline_place_is_a_place_and_its_agency_an_organization(nlp: Language) -> None:
    text = "MOPTI, June 2 (Sahel Courier) — Gunmen stopped a bus on the road to Sevare."
    (place, agency) = mentions(nlp, text)[:2]
    assert (place.text, place.type, place.label) == ("MOPTI", "location", "DATELINE")
    assert (agency.text, agency.type) == ("Sahel Courier", "organization")


def test_an_acronym_opening_a_sentence_is_no_dateline(nlp: Language) -> None:
    text = "ENASA (Empresa Nacional de Autocamiones) was a Spanish maker of lorries."
    assert all(m.label != "DATELINE" for m in mentions(nlp, text))


def test_results_lines_name_teams(nlp: Language) -> None:
    text = "Results of matches on Sunday:\nCorvina United 2 Port Adley 1\nAlderhaven Rovers 3 2 1 0 7 3 7"
    found = typed(nlp, text)
    assert {found.get(n) for n in ("Corvina United", "Port Adley", "Alderhaven Rovers")} == {"organization"}


def test_a_national_team_in_a_results_line_stays_a_country(nlp: Language) -> None:
    assert typed(nlp, "World Cup qualifier:\nGhana 2 Burkina Faso 1").get("Ghana") == "location"


def test_units_after_numbers_are_no_organizations(nlp: Language) -> None:
    found = typed(nlp, "The post was updated at 18:02 GMT. Support us from 1,000 FCFA a month.")
    assert "GMT" not in found and "FCFA" not in found, found


def test_athletes_in_results_lines_are_persons(nlp: Language) -> None:
    text = "Semi-finals on Saturday:\nIlse Marten (Germany) beat Paola Ruiz (Spain) 6-3 6-4"
    assert truecase(text) == text  # a line of names is no title-case headline
    found = typed(nlp, text)
    assert found.get("Ilse Marten") == "person" and found.get("Paola Ruiz") == "person", found
    assert found.get("Germany") == "location" and found.get("Spain") == "location", found


def test_a_bracketed_country_outside_results_lines_names_no_athlete(nlp: Language) -> None:
    found = typed(nlp, "The Arkan Group (Iraq) won the contract, officials said.")
    assert found.get("Arkan Group") != "person", found


# --- invariants ---

WORDS = st.sampled_from(
    "Saraya Dir' al-Watan Kata’ib Jamaʿat Chad Niger NIAMEY , ( ) — - 12 1996-08-22 GMT near in "
    "from Tessalit Sudanese army said the Boureima Barry Ag Jaish-e-Makran Rostov-on-Don \n . 's".split(" ")
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=30))
def test_mentions_never_overlap_and_cut_their_own_text(nlp: Language, words: list[str]) -> None:
    text = " ".join(words).strip()
    if not text:
        return
    found = mentions(nlp, text)
    assert all(text[m.start : m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


# --- "List of ...": the title of a list names no actor (entity_cues.yaml not_actor_openers) ---


def test_a_list_title_names_no_actor(nlp: Language) -> None:
    for text in (
        "Officials in Kano published the List of Wanted Militants after the raid on the market.",
        "Rebels named in the List of Sanctioned Commanders include Musa Danjuma of the Northern Liberation Front.",
        "The interior ministry added the group to its List of Proscribed Organisations on Tuesday.",
    ):
        names = typed(nlp, text)
        assert not any(name.lower().startswith(("list of", "the list of")) for name in names), names
    found = typed(
        nlp,
        "Rebels named in the List of Sanctioned Commanders include Musa Danjuma of the Northern Liberation Front.",
    )
    assert found.get("Musa Danjuma") == "person" and found.get("Northern Liberation Front") == "organization"


def test_a_name_with_list_after_its_first_word_stays_an_actor(nlp: Language) -> None:
    # only a first word opens a list's title: a party or a team called "... List" is an actor
    found = typed(nlp, "Leaders of the United Arab List met the mayor of Nazareth on Monday.")
    assert found.get("United Arab List") == "organization"
    assert (
        typed(nlp, "The Listowel Rangers beat a side from Cork on Sunday.").get("Listowel Rangers")
        == "organization"
    )


def test_a_building_or_area_label_gives_way_to_a_groups_last_word(nlp: Language) -> None:
    """The model calls some group names a building or an area; a name ending in a
    group's word is a group's ("... Battalions"), one ending otherwise keeps its label
    though a group's word is inside ("Army Stadium")."""
    cues = nlp.get_pipe("threadline_entity_cues")
    cases = [
        ("The Nour al-Haqq Battalions shelled Saraqib.", "Nour al-Haqq Battalions", "FAC", "ORG"),
        ("The Sahel Unity Coalition rejected the deal.", "Sahel Unity Coalition", "LOC", "ORG"),
        ("Crowds gathered at Army Stadium on Friday.", "Army Stadium", "FAC", "FAC"),
    ]
    for text, name, label, expected in cases:
        doc = nlp.make_doc(text)
        start = text.index(name)
        doc.ents = [doc.char_span(start, start + len(name), label=label)]
        assert [e.label_ for e in cues(doc).ents] == [expected], name
