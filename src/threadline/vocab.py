"""One loader for the data files under threadline/data: vocabularies are data, not code."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from threadline.errors import DataFileError
from threadline.settings import DATA_DIR


@lru_cache(maxsize=64)
def load_yaml(name: str, data_dir: Path = DATA_DIR) -> Any:
    """Parse data_dir/name; a malformed file raises DataFileError naming it."""
    path = data_dir / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path}: cannot load data file: {exc}") from exc


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entry of a knowledge file: a real-world actor or place the team wrote down."""

    id: str
    name: str
    type: str  # person / organization / location
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # armed_group, outlet, government, city, base, ...
    country: str | None = None
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


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


def load_knowledge(data_dir: Path = DATA_DIR, extra: tuple[Path, ...] = ()) -> tuple[KnownEntity, ...]:
    """Every entity in data_dir/knowledge/*.yaml, plus user files given in `extra`."""
    paths = sorted((data_dir / "knowledge").glob("*.yaml")) + list(extra)
    entities: list[KnownEntity] = []
    for path in paths:
        doc = load_yaml(path.name, path.parent) or {}
        entities.extend(known_entity(e, path) for e in doc.get("entities") or ())
    return tuple(entities)
