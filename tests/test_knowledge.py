"""The knowledge files and the example corpus are data; these tests hold them to their contract."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from rigour.territories import get_territory
from spacy.lang.en.stop_words import STOP_WORDS

from threadline.settings import DATA_DIR
from threadline.vocab import KnownEntity, known_entity, load_demonyms, load_knowledge

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
KNOWLEDGE_FILES = sorted((DATA_DIR / "knowledge").glob("*.yaml"))

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9]\d*$")
COUNTRY = re.compile(r"^[A-Z]{2}$")
TYPES = {"person", "organization", "location"}
ORGANIZATION_KINDS = {
    "armed_group",
    "umbrella",
    "political_bloc",
    "government",
    "agency",
    "military",
    "outlet",
    "international_org",
}
LOCATION_KINDS = {"country", "city", "region", "district", "neighbourhood", "base", "airport", "border_post"}
KINDS_BY_TYPE = {"person": {"person"}, "organization": ORGANIZATION_KINDS, "location": LOCATION_KINDS}
APOSTROPHES = "'’‘`ʼʻ"


def fold(name: str) -> str:
    """The key a gazetteer matches on: case, apostrophes, hyphens and spacing do not count."""
    for mark in APOSTROPHES:
        name = name.replace(mark, "")
    return " ".join(name.replace("-", " ").casefold().split())


@pytest.fixture(scope="module")
def entities() -> tuple[KnownEntity, ...]:
    return load_knowledge()


def listed_entities() -> list[KnownEntity]:
    """The entries the knowledge files write down, before the register's countries join them."""
    found = []
    for path in KNOWLEDGE_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found += [known_entity(e, path) for e in doc.get("entities") or ()]
    return found


def test_every_knowledge_file_is_loaded_and_non_empty(entities: tuple[KnownEntity, ...]) -> None:
    names = {path.name for path in KNOWLEDGE_FILES}
    expected = {"armed_groups", "fronts", "governments", "outlets", "people", "places"}
    assert {f"{stem}.yaml" for stem in expected} <= names
    assert len(entities) >= 200


def test_each_file_opens_with_a_comment_saying_what_it_holds() -> None:
    for path in KNOWLEDGE_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"# {path.name} — "), path.name


def test_ids_are_unique_slugs(entities: tuple[KnownEntity, ...]) -> None:
    seen: set[str] = set()
    for entity in entities:
        assert SLUG.match(entity.id), f"{entity.id!r} is not a lowercase-hyphen slug"
        assert entity.id not in seen, f"{entity.id} appears twice"
        seen.add(entity.id)


def test_type_and_kind_agree(entities: tuple[KnownEntity, ...]) -> None:
    for entity in entities:
        assert entity.type in TYPES, f"{entity.id}: type {entity.type!r}"
        assert entity.kind in KINDS_BY_TYPE[entity.type], f"{entity.id}: kind {entity.kind!r}"


def test_places_have_coordinates_in_range(entities: tuple[KnownEntity, ...]) -> None:
    """Every place a knowledge file lists; a country or capital only the territory register
    and GeoNames add has none (the geocoder pins it through GeoNames)."""
    listed = {e.id for e in listed_entities()}
    for entity in entities:
        if entity.type != "location":
            assert entity.lat is None and entity.lon is None, f"{entity.id} is no place"
            continue
        if entity.id not in listed:
            assert entity.kind in ("country", "city") and entity.lat is None and entity.lon is None, entity.id
            continue
        assert isinstance(entity.lat, float | int) and isinstance(entity.lon, float | int), entity.id
        assert -90 <= entity.lat <= 90 and -180 <= entity.lon <= 180, entity.id


def test_places_of_the_region_lie_in_the_region() -> None:
    """A swapped lat/lon or a dropped minus sign lands a Middle East place far outside this box."""
    for entity in listed_entities():
        if entity.type == "location" and entity.kind != "country" and entity.country != "US":
            assert 10 <= entity.lat <= 42 and 25 <= entity.lon <= 63, entity.id


def test_wikidata_ids_are_qids_and_unique(entities: tuple[KnownEntity, ...]) -> None:
    owners: dict[str, str] = {}
    for entity in entities:
        if entity.wikidata is None:
            continue
        assert QID.match(entity.wikidata), f"{entity.id}: wikidata {entity.wikidata!r}"
        other = owners.get(entity.wikidata)
        assert other is None, f"{entity.wikidata} is on both {other} and {entity.id}"
        owners[entity.wikidata] = entity.id


def test_country_codes_are_real_iso_codes(entities: tuple[KnownEntity, ...]) -> None:
    for entity in entities:
        if entity.country is None:
            continue
        assert isinstance(entity.country, str), f"{entity.id}: country {entity.country!r} (quote it: NO)"
        assert COUNTRY.match(entity.country), f"{entity.id}: country {entity.country!r}"
        assert get_territory(entity.country.lower()) is not None, f"{entity.id}: {entity.country} is no code"


def test_countries_match_the_territory_register(entities: tuple[KnownEntity, ...]) -> None:
    countries = [e for e in entities if e.kind == "country"]
    assert len({e.country for e in countries}) == len(countries), "two countries share a code"
    for entity in countries:
        territory = get_territory(entity.country.lower())
        if entity.wikidata is not None:
            assert entity.wikidata == territory.qid, f"{entity.id}: {entity.wikidata} != {territory.qid}"


def test_no_name_belongs_to_two_entities(entities: tuple[KnownEntity, ...]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for name in entity.names:
            owners[fold(name)].add(entity.id)
    shared = {name: sorted(ids) for name, ids in owners.items() if len(ids) > 1}
    assert not shared, f"names on more than one entity: {shared}"


def test_no_entity_repeats_a_name(entities: tuple[KnownEntity, ...]) -> None:
    for entity in entities:
        folded = [name.casefold() for name in entity.names]
        assert len(folded) == len(set(folded)), f"{entity.id} lists a name twice"


def test_names_are_not_common_words(entities: tuple[KnownEntity, ...]) -> None:
    """A name that is an English stop word, or a two-letter name not in capitals, matches ordinary text."""
    for entity in entities:
        for name in entity.names:
            assert name == name.strip() and name, f"{entity.id}: {name!r}"
            if name.isupper():
                continue  # capitals are matched case-sensitively: "US" never matches "us"
            assert name.casefold() not in STOP_WORDS, f"{entity.id}: {name!r} is a common word"
            assert len(name) > 2, f"{entity.id}: short name {name!r} must be in capitals"


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "README.md")


def test_examples_are_non_empty_utf8() -> None:
    files = example_files()
    assert len(files) >= 10
    suffixes = {p.suffix for p in files}
    assert {".txt", ".html", ".jsonl"} <= suffixes
    for path in files:
        text = path.read_bytes().decode("utf-8")
        assert text.strip(), f"{path.name} is empty"


def test_examples_readme_names_every_file() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for path in example_files():
        assert path.name in readme, f"examples/README.md does not describe {path.name}"


def test_jsonl_examples_have_an_id_and_text_on_every_line() -> None:
    records = 0
    for path in EXAMPLES.glob("*.jsonl"):
        ids: set[str] = set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            where = f"{path.name}:{number}"
            assert isinstance(record.get("id"), str) and record["id"], where
            assert isinstance(record.get("text"), str) and record["text"].strip(), where
            assert record["id"] not in ids, f"{where}: id repeats"
            ids.add(record["id"])
            if "published" in record:
                assert re.match(r"^\d{4}-\d{2}-\d{2}$", record["published"]), where
            records += 1
    assert records >= 3


def test_every_country_is_known_with_its_short_names(entities: tuple[KnownEntity, ...]) -> None:
    by_name = {name: e for e in entities for name in e.names}
    for name, iso in [("Niger", "NE"), ("Chad", "TD"), ("Ivory Coast", "CI"), ("Burma", "MM"), ("DRC", "CD")]:
        assert by_name[name].kind == "country" and by_name[name].country == iso, name
    assert by_name["Niamey"].kind == "city" and by_name["Niamey"].country == "NE"
    assert "Victoria" not in by_name  # a capital's name that is as often a person's
    # a country a knowledge file already lists gains the register's names, and stays one entry
    assert by_name["Türkiye"].id == by_name["Turkey"].id == "turkey"
    assert len({e.country for e in entities if e.kind == "country"}) >= 190


def test_demonyms_name_their_country_and_their_people() -> None:
    demonyms = load_demonyms()
    assert demonyms["Nigerien"] == demonyms["Nigeriens"] == "NE"
    assert demonyms["Malian"] == "ML" and demonyms["Sudanese"] == "SD"
    assert "Sudaneses" not in demonyms and "Iraqiss" not in demonyms
    assert "Laos" not in demonyms  # the plural of "Lao" is the country's name


def test_country_notes_are_keyed_by_iso_code() -> None:
    """A bare NO in YAML reads as false: every key must come back as a real code."""
    notes = yaml.safe_load((DATA_DIR / "knowledge" / "countries.yaml").read_text(encoding="utf-8"))
    for code in notes["countries"]:
        assert isinstance(code, str) and COUNTRY.match(code), code
        assert get_territory(code.lower()) is not None, code
