"""Reference entities users bring: knowledge YAML files in threadline's own format,
or followthemoney entity files (JSON lines, e.g. a sanctions list export)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from threadline.errors import InputError
from threadline.vocab import KnownEntity, known_entity, load_knowledge

REFERENCE_PREFIX = "ftm-"  # a followthemoney entity's id as a knowledge id: "ftm-" + its own id
# How threadline's FtM export names the knowledge-file entry an entity was linked to, in
# the entity's `referents` (other ids it is known by, as OpenSanctions writes them).
KNOWLEDGE_REFERENT = "threadline-knowledge:"

FTM_TYPES = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "PublicBody": "organization",
    "LegalEntity": "organization",
    "Address": "location",
}


def read_reference_file(path: Path) -> list[KnownEntity]:
    """Every entity a reference file lists; a malformed file is an InputError naming it."""
    if not path.is_file():
        raise InputError(str(path), "no such file")
    text = path.read_text(encoding="utf-8", errors="strict")
    if path.suffix.lower() in (".yaml", ".yml"):
        return _from_yaml(text, path)
    return list(_from_ftm(text, path))


def _from_yaml(text: str, path: Path) -> list[KnownEntity]:
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        raise InputError(str(path), "expected a mapping with an `entities:` list (see data/knowledge/)")
    return [known_entity(entry, path) for entry in doc["entities"]]


def _from_ftm(text: str, path: Path) -> Iterator[KnownEntity]:
    """Each named entity; one that restates an entry of the knowledge files (threadline's
    own export, read back) is that entry, not a second one listing the same names."""
    from followthemoney import model  # imported here: exports and lookups need none of it
    from followthemoney.exc import FollowTheMoneyException

    known = {KNOWLEDGE_REFERENT + k.id for k in load_knowledge()}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            proxy = model.get_proxy(json.loads(line))
        except (json.JSONDecodeError, FollowTheMoneyException, TypeError, KeyError) as exc:
            raise InputError(f"{path}:{number}", f"not a followthemoney entity: {exc}") from exc
        entity = _ftm_entity(proxy)
        if entity is not None and not known.intersection(proxy.context.get("referents", [])):
            yield entity


def _ftm_entity(proxy: Any) -> KnownEntity | None:
    """A named person, organization or place; None for the rest of a file (sanctions,
    links, articles: schemata that have no name)."""
    kind = next((t for s, t in FTM_TYPES.items() if proxy.schema.is_a(s)), None)
    names = proxy.get("name", quiet=True) if kind else []
    if kind is None or not names:
        return None
    aliases = [*names[1:], *proxy.get("alias", quiet=True), *proxy.get("weakAlias", quiet=True)]
    countries = sorted(proxy.countries)
    return KnownEntity(
        id=f"{REFERENCE_PREFIX}{proxy.id}",
        name=names[0],
        type=kind,
        aliases=tuple(dict.fromkeys(aliases)),
        kind=proxy.schema.name.lower(),
        country=countries[0].upper() if countries else None,
        wikidata=next(iter(proxy.get("wikidataId")), None),
    )


def reference_id(kb_id: str | None) -> str | None:
    """The id a reference file gave the entry an entity is linked to (an OpenSanctions or
    Aleph entity id), or None when it is no reference file's entry."""
    if kb_id and kb_id.startswith(REFERENCE_PREFIX):
        return kb_id[len(REFERENCE_PREFIX) :]
    return None


def referents(kb_id: str | None) -> list[str]:
    """The other ids an exported entity is known by: the reference file's id of the
    entry it is linked to, or the knowledge-file entry's id, marked as such."""
    reference = reference_id(kb_id)
    if reference:
        return [reference]
    return [KNOWLEDGE_REFERENT + kb_id] if kb_id else []
