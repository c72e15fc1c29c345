"""Offline geocoding: knowledge files first, GeoNames ranked by the story's countries, None when unsure.

The GeoNames index (places.index) is built once into the cache folder and shared.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadline.errors import Failures
from threadline.places import Gazetteer, Place, country_context, place_entities, place_key
from threadline.places.extras import load_extras
from threadline.places.index import geonames_index
from threadline.places.ranking import is_nisba
from threadline.records import Entity, Mention
from threadline.vocab import KnownEntity, load_knowledge


@pytest.fixture(scope="module")
def kb() -> Gazetteer:
    return Gazetteer(load_knowledge())


@pytest.fixture(scope="module")
def bare() -> Gazetteer:
    """GeoNames alone: no knowledge-file entries (the extras file's few regions still load)."""
    return Gazetteer(())


def located(gazetteer: Gazetteer, *names: str, context: tuple[str, ...] = ()) -> Place:
    place = gazetteer.locate(names, context)
    assert place is not None, f"{names} in {context} found nothing"
    return place


# --- knowledge files win ---


def test_knowledge_entry_wins_for_its_names_and_aliases(kb: Gazetteer) -> None:
    for name in ("Erbil", "Arbil", "Hawler", "IRBIL"):
        place = located(kb, name)
        assert (place.source, place.country, place.kind, place.precision) == (
            "knowledge:erbil",
            "IQ",
            "city",
            1,
        )
        assert (place.lat, place.lon) == (36.19, 44.01)


def test_knowledge_entry_beats_a_bigger_geonames_place(kb: Gazetteer, bare: Gazetteer) -> None:
    assert located(bare, "Tripoli").country == "LY"  # GeoNames alone: the most populous Tripoli
    assert located(kb, "Tripoli").source == "knowledge:tripoli-lebanon"


def test_a_user_entry_overrides_geonames() -> None:
    paris = KnownEntity("test-paris", "Paris", "location", kind="city", country="FR", lat=1.0, lon=2.0)
    place = located(Gazetteer([paris]), "paris")
    assert (place.source, place.lat, place.lon) == ("knowledge:test-paris", 1.0, 2.0)


def test_entries_without_coordinates_or_of_other_types_are_skipped() -> None:
    org = KnownEntity("org", "Mosul", "organization", lat=1.0, lon=1.0)
    blank = KnownEntity("blank", "Mosul", "location", kind="city", country="IQ")
    assert located(Gazetteer([org, blank]), "Mosul").source.startswith("geonames:")


def test_a_far_knowledge_entry_yields_to_a_big_city_in_the_story(kb: Gazetteer) -> None:
    assert located(kb, "Tripoli", context=("LY",)).country == "LY"  # a Libya story
    assert located(kb, "Tripoli", context=("US",)).country == "LB"  # Tripoli, Iowa is too small
    assert located(kb, "Damascus", context=("US",)).source == "knowledge:damascus"


def test_knowledge_lookups_do_not_read_geonames(kb: Gazetteer) -> None:
    before = geonames_index.cache_info()
    located(kb, "Ain al-Asad Air Base")
    located(kb, "Sadr City", context=("IQ", "US"))
    assert geonames_index.cache_info() == before


# --- ambiguous names: the story's countries, then population ---


def test_context_beats_population(bare: Gazetteer) -> None:
    assert located(bare, "Tripoli", context=("LB",)).source == "geonames:266826"  # Lebanon, 229k
    assert located(bare, "Tripoli", context=("GR",)).name == "Trípoli"  # Greece, 27k, via its diacritic
    assert located(bare, "Medina", context=("US",)).country == "US"


def test_no_context_takes_the_most_populous(bare: Gazetteer) -> None:
    assert located(bare, "Tripoli").source == "geonames:2210247"  # Libya, 1.3M
    assert located(bare, "Medina").country == "SA"  # Madinah, over a dozen smaller Medinas
    assert located(bare, "Paris").country == "FR"


def test_population_can_beat_a_lower_context_rank(bare: Gazetteer) -> None:
    # Both countries are in the story: one step down the list costs a factor of 10, not everything.
    assert located(bare, "Medina", context=("US", "SA")).country == "SA"


def test_countries_and_states_by_context(bare: Gazetteer) -> None:
    assert located(bare, "Georgia").country == "GE"
    state = located(bare, "Georgia", context=("US",))
    assert (state.country, state.kind, state.precision) == ("US", "region", 3)
    assert located(bare, "Mexico", context=("US",)).kind == "country"  # not Mexico, Missouri
    assert located(bare, "New York").name == "New York City"  # the city over its state


def test_places_outside_the_story_must_be_large(bare: Gazetteer) -> None:
    assert located(bare, "Soldeu").country == "AD"  # 602 people: fine with no context
    assert bare.locate(["Soldeu"], ["IQ"]) is None  # far from an Iraq story: no pin
    assert located(bare, "Paris", context=("IQ",)).country == "FR"  # large enough anywhere


def test_common_words_only_inside_the_story(bare: Gazetteer) -> None:
    assert bare.locate(["Police"]) is None
    assert bare.locate(["Mission"], ["IQ"]) is None
    assert located(bare, "Police", context=("PL",)).country == "PL"


def test_unknown_population_towns_only_inside_the_story(bare: Gazetteer) -> None:
    # GeoNames lists Tall 'Afar with population 0; "Tal Afar" is one of its alternate names.
    assert bare.locate(["Tal Afar"]) is None
    assert located(bare, "Tal Afar", context=("IQ",)).source == "geonames:90393"


# --- countries ---


@pytest.mark.parametrize(
    ("name", "iso"),
    [
        ("Iraq", "IQ"),
        ("US", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Holland", "NL"),
        ("Republic of Congo", "CG"),
    ],
)
def test_countries_get_precision_3_and_their_iso_code(
    kb: Gazetteer, bare: Gazetteer, name: str, iso: str
) -> None:
    for gazetteer in (kb, bare):
        place = located(gazetteer, name)
        assert (place.country, place.kind, place.precision) == (iso, "country", 3), gazetteer


def test_geonames_countries_are_pinned_inside_them(bare: Gazetteer) -> None:
    for name, (lat_range, lon_range) in {
        "United States": ((25, 49), (-125, -67)),
        "France": ((42, 51), (-5, 8)),
        "Croatia": ((42.4, 46.6), (13.5, 19.5)),
    }.items():
        place = located(bare, name)
        assert lat_range[0] < place.lat < lat_range[1] and lon_range[0] < place.lon < lon_range[1], place


def test_country_context_counts_country_names(kb: Gazetteer) -> None:
    names = ["Iraq", "Baghdad", "U.S.", "Iraq", "Syria", "United States", "Iraq", "Georgia", "Jordan"]
    assert country_context(names, kb) == ["IQ", "US", "SY", "GE", "JO"]
    assert country_context(["Baghdad", "Hezbollah"], kb) == []


# --- precision of parts and regions ---


def test_neighbourhoods_and_districts_get_precision_2(kb: Gazetteer) -> None:
    for name, source in [("Sadr City", "sadr-city"), ("Dahiyeh", "dahiyeh"), ("Sinjar district", "sinjar")]:
        place = located(kb, name)
        assert (place.source, place.precision) == (f"knowledge:{source}", 2)


def test_near_and_part_of_a_city_get_precision_2(kb: Gazetteer) -> None:
    for name in ("near Mosul", "northern Mosul", "the outskirts of Mosul", "Mosul district"):
        place = located(kb, name)
        assert (place.source, place.precision, place.kind) == ("knowledge:mosul", 2, "city"), name
    assert located(kb, "Jenin refugee camp").precision == 2
    assert located(kb, "Mosul city").precision == 1
    assert located(kb, "northern Iraq").precision == 3  # near a country is still country-level


def test_regions_get_precision_3(kb: Gazetteer) -> None:
    assert located(kb, "Anbar").precision == 3
    kandahar = located(kb, "Kandahar province")  # no entry: pinned on its capital, as ACLED does
    assert (kandahar.country, kandahar.kind, kandahar.precision) == ("AF", "region", 3)
    ulster = located(kb, "Northern Ireland")  # an extras entry, not "near Ireland"
    assert (ulster.country, ulster.precision) == ("GB", 3)


# --- refusals ---


def test_unknown_and_short_names_give_none(kb: Gazetteer) -> None:
    for names in (["Xyzzyville"], ["Al"], ["IQ"], ["a"], [""], [], ["---"]):
        assert kb.locate(names) is None, names
    assert located(kb, "US").country == "US"  # a country alias, not Us in France


# --- normalisation ---


@pytest.mark.parametrize(
    ("names", "source"),
    [
        (["Al Qaim"], "knowledge:al-qaim"),
        (["Qa’im"], "knowledge:al-qaim"),
        (["AL-QAIM"], "knowledge:al-qaim"),
        (["Zahle"], "knowledge:zahle"),
        (["Zahlé"], "knowledge:zahle"),
        (["Deir el-Balah"], "knowledge:deir-al-balah"),
        (["Ain al Asad"], "knowledge:ain-al-asad-air-base"),
        (["Sana‘a"], "knowledge:sanaa"),
        (["Unheard Of Town", "Kobane"], "knowledge:kobani"),
    ],
)
def test_spellings_meet(kb: Gazetteer, names: list[str], source: str) -> None:
    assert located(kb, *names).source == source


def test_geonames_article_forms_meet(bare: Gazetteer) -> None:
    najaf = {located(bare, name).source for name in ("Najaf", "An Najaf", "al-Najaf", "an-Najaf")}
    assert najaf == {"geonames:98860"}
    assert located(bare, "Al-Fashir").name == "El Fasher"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S.", "us"),
        ("Ar-Ramadi", "ramadi"),
        ("Tel Aviv-Yafo", "tel aviv yafo"),
        ("The Netherlands", "netherlands"),
        ("Sana’a", "sanaa"),
        ("Zahlé", "zahle"),
        ("Saint-Denis", "st denis"),
        ("Washington, D.C.", "washington dc"),
        ("Al Anbar", "al anbar"),  # a spaced article stays; the loose key drops it
    ],
)
def test_place_key(name: str, key: str) -> None:
    assert place_key(name) == key


@given(st.text(max_size=40))
def test_place_key_is_idempotent(name: str) -> None:
    assert place_key(place_key(name)) == place_key(name)


@given(st.lists(st.text(max_size=20), max_size=3), st.lists(st.sampled_from(["IQ", "US", "SY", "xx", ""])))
def test_locate_never_raises(names: list[str], context: list[str]) -> None:
    place = Gazetteer(load_knowledge()).locate(names, context)
    assert place is None or place.precision in (1, 2, 3)


# --- speed and data ---


def test_locate_is_fast(bare: Gazetteer) -> None:
    located(bare, "Medina")  # build the index first
    start = time.perf_counter()
    for _ in range(500):
        bare.locate(["Medina", "Madinah"], ["US", "SA"])
        bare.locate(["Unheard Of Town"], ["IQ"])
    assert time.perf_counter() - start < 2.0


def test_extras_file_holds_together() -> None:
    extras = load_extras()
    assert extras.precision_of("country") == 3 and extras.precision_of("neighbourhood") == 2
    assert extras.precision_of("base") == 1
    assert all(place.lat is not None and place.lon is not None for place in extras.places)
    assert {"police", "mission"} <= extras.common_words
    kinds = {e.kind for e in load_knowledge() if e.type == "location"}
    assert {"district", "neighbourhood", "region", "country"} <= kinds


# --- place_entities: the story's countries first, failures isolated ---


def _mention(story: str, text: str, start: int, label: str = "GPE") -> Mention:
    return Mention(story, start, start + len(text), text, "location", label)


def _place_one(kb: Gazetteer, mentions: list[Mention], texts: dict[str, str] | None = None) -> Place | None:
    entity = Entity("e-tripoli", "location", "Tripoli")
    entity_of = {m.id: entity.id for m in mentions if m.text == "Tripoli"}
    return place_entities([entity], mentions, entity_of, kb, texts=texts).get(entity.id)


def test_the_dateline_country_comes_before_the_countries_a_story_names(kb: Gazetteer) -> None:
    named = [_mention("s1", "Lebanon", 40), _mention("s1", "Lebanon", 80), _mention("s1", "Tripoli", 120)]
    assert _place_one(kb, named).country == "LB"  # a story about Lebanon: Tripoli, Lebanon
    filed_from_libya = [_mention("s1", "BENGHAZI", 0, label="DATELINE"), *named]
    assert _place_one(kb, filed_from_libya).country == "LY"


def test_the_peoples_a_story_names_count_for_its_countries(kb: Gazetteer) -> None:
    text = "Libyan forces said on Monday that Libyan troops had entered Tripoli."
    mentions = [_mention("s1", "Tripoli", text.index("Tripoli"))]
    assert _place_one(kb, mentions).source == "knowledge:tripoli-lebanon"  # no country named
    assert _place_one(kb, mentions, texts={"s1": text}).country == "LY"


def test_a_family_name_made_from_a_place_is_not_taken_for_another_town(kb: Gazetteer) -> None:
    # "Baghdadi" is an alternate GeoNames name of a village in Iran, and a family name
    assert is_nisba("baghdadi") and is_nisba("zarqawi") and not is_nisba("khafji")
    assert kb.locate(["al-Baghdadi"], []) is None
    assert kb.locate(["al-Baghdadi"], ["IQ"]) is None


class _Broken(Gazetteer):
    def locate(self, names: Sequence[str], context_countries: Sequence[str] = ()) -> Place | None:
        if "Atlantis" in names:
            raise ValueError("no such index")
        return super().locate(names, context_countries)


def test_one_entity_that_fails_costs_no_other_its_place() -> None:
    gazetteer = _Broken(load_knowledge())
    mentions = [_mention("s1", "Atlantis", 0), _mention("s1", "Mosul", 20)]
    entities = [Entity("e-1", "location", "Atlantis"), Entity("e-2", "location", "Mosul")]
    entity_of = {mentions[0].id: "e-1", mentions[1].id: "e-2"}
    failures = Failures()
    places = place_entities(entities, mentions, entity_of, gazetteer, failures=failures)
    assert set(places) == {"e-2"} and places["e-2"].country == "IQ"
    assert [(f.step, f.subject) for f in failures.items] == [("places", "Atlantis (e-1)")]
    assert "ValueError: no such index" in failures.items[0].error
