"""`threadline check-data`: whether a data folder is one threadline can run on.

A folder of vocabulary files (THREADLINE_DATA) is edited by hand; a mistake should be
found before an ingest, named by file and key, not met as a traceback mid-run. Checks:
every file is there (or has a default), parses, holds no key twice, lists no spelling
twice, gives every part the types its reader needs (each part of the Vocabulary is
built), and its references resolve (a title's or trigger's predicate and event type
are in the ontology, a knowledge entry's id is unique).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from threadline.errors import DataFileError
from threadline.records import Modality
from threadline.vocabulary import Vocabulary

REQUIRED = (
    "boilerplate.yaml",
    "entity_cues.yaml",
    "event_triggers.yaml",
    "ingest_cues.yaml",
    "modality.yaml",
    "names_context.yaml",
    "names_variants.yaml",
    "names_words.yaml",
    "ontology.yaml",
    "places_extra.yaml",
    "relation_cues.yaml",
    "roles.yaml",
)
# Files a folder may leave out: the learned relation family then proposes nothing, and
# countries keep the register's names only.
OPTIONAL = ("relation_model.json", "knowledge/countries.yaml", "casualties.yaml")
MODALITIES = frozenset(Modality.__args__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a data folder: the file, the key inside it, what is wrong."""

    file: str
    key: str
    message: str

    def line(self) -> str:
        return f"{self.file}: {self.key}: {self.message}" if self.key else f"{self.file}: {self.message}"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping holding one key twice (PyYAML keeps the last)."""


def _mapping_without_twins(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_twins)


def check_data(folder: Path) -> list[Problem]:
    """Every problem of the data folder, in file order, each once (a broken list two
    parts read is one problem); none when threadline can use it."""
    return list(dict.fromkeys(_Check(Path(folder)).problems()))


@dataclass
class _Check:
    folder: Path

    def problems(self) -> Iterator[Problem]:
        if not self.folder.is_dir():
            yield Problem(str(self.folder), "", "no such folder")
            return
        missing = [name for name in REQUIRED if not (self.folder / name).is_file()]
        yield from (Problem(name, "", "missing (threadline has no default for it)") for name in missing)
        docs = dict(self._parsed())
        yield from (p for p in docs.values() if isinstance(p, Problem))
        parsed = {name: doc for name, doc in docs.items() if not isinstance(doc, Problem)}
        for name, doc in parsed.items():
            yield from _twin_spellings(name, doc, "")
        if missing or len(parsed) < len(docs):
            return  # the parts would fail on what is reported already
        broken = list(self._parts())
        yield from broken
        if not broken:  # references are read from the parts
            yield from self._references(parsed)

    def _parsed(self) -> Iterator[tuple[str, Any]]:
        names = [n for n in REQUIRED if (self.folder / n).is_file()]
        names += [f"knowledge/{p.name}" for p in sorted((self.folder / "knowledge").glob("*.yaml"))]
        for name in dict.fromkeys(names):
            try:
                text = (self.folder / name).read_text(encoding="utf-8")
                yield name, yaml.load(text, Loader=_UniqueKeyLoader)
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                yield name, Problem(name, "", f"cannot be read: {' '.join(str(exc).split())}")

    @cached_property
    def vocabulary(self) -> Vocabulary:
        return Vocabulary(self.folder)

    def _parts(self) -> Iterator[Problem]:
        """Build each part of the vocabulary: a reader's DataFileError names file and key."""
        parts = [n for n, v in vars(Vocabulary).items() if isinstance(v, cached_property)]
        for part in parts:
            try:
                getattr(self.vocabulary, part)
            except DataFileError as exc:
                yield _from_error(self.folder, str(exc))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                yield Problem(_file_of(part), part, f"wrong type or missing entry: {exc!r}")

    def _references(self, docs: dict[str, Any]) -> Iterator[Problem]:
        ontology = self.vocabulary.ontology
        for title in self.vocabulary.roles.titles.values():
            if title.predicate not in ontology.predicates:
                yield Problem(
                    "roles.yaml",
                    f"titles.{title.title}",
                    f"predicate {title.predicate!r} is not in ontology.yaml",
                )
        triggers = self.vocabulary.triggers
        for lemma, hits in {**triggers.verbs, **triggers.nouns}.items():
            for trigger in hits:
                if trigger.type not in ontology.event_types:
                    yield Problem(
                        "event_triggers.yaml",
                        trigger.type,
                        f"event type of {lemma!r} is not in ontology.yaml",
                    )
        for event_type in (docs.get("ontology.yaml") or {}).get("claims", {}).get("claimable") or ():
            if event_type not in ontology.event_types:
                yield Problem("ontology.yaml", "claims.claimable", f"{event_type!r} is no event type")
        if "speech_verbs" in ((docs.get("ontology.yaml") or {}).get("claims") or {}):
            yield Problem(
                "ontology.yaml",
                "claims.speech_verbs",
                "speech verbs are listed once, in modality.yaml speech_verbs; remove this list",
            )
        for modality in self.vocabulary.modality.precedence:
            if modality not in MODALITIES:
                yield Problem("modality.yaml", "precedence", f"{modality!r} is no modality")
        model = self.vocabulary.relation_model
        for label in model.labels[1:] if model is not None else ():
            if label not in ontology.predicates:
                yield Problem(
                    "relation_model.json", "labels", f"{label!r} is not a predicate of ontology.yaml"
                )
        yield from _twin_ids(docs)


def _twin_ids(docs: dict[str, Any]) -> Iterator[Problem]:
    """A knowledge entity id used twice, in one file or two."""
    seen: dict[str, str] = {}
    for name, doc in docs.items():
        if not name.startswith("knowledge/") or not isinstance(doc, dict):
            continue
        for entry in doc.get("entities") or ():
            key = str((entry or {}).get("id"))
            if key in seen:
                yield Problem(name, f"entities.{key}", f"id also used in {seen[key]}")
            seen.setdefault(key, name)


def _twin_spellings(file: str, doc: Any, key: str) -> Iterator[Problem]:
    """A list of words that holds one spelling twice (case aside)."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _twin_spellings(file, v, f"{key}.{k}" if key else str(k))
    elif isinstance(doc, list):
        seen: set[str] = set()
        for item in doc:
            if isinstance(item, str):
                if item.casefold() in seen:
                    yield Problem(file, key, f"{item!r} is listed twice")
                seen.add(item.casefold())
            else:
                yield from _twin_spellings(file, item, key)


def _from_error(folder: Path, message: str) -> Problem:
    """A reader's error as file, key and message: readers write '<path>: <key>: <what>'."""
    text = message.replace(f"{folder}/", "").replace(str(folder), "")
    file, _, rest = text.partition(": ")
    key, _, what = rest.partition(": ")
    if not what:
        key, what = "", rest
    return Problem(file, key, what)


def _file_of(part: str) -> str:
    files = {
        "boilerplate_rules": "boilerplate.yaml",
        "tail_patterns": "boilerplate.yaml",
        "casualties": "casualties.yaml",
    }
    if part in ("ingest_cues", "caption_patterns", "dangling_words", "section_labels", "outlet_words"):
        return "ingest_cues.yaml"
    if part in ("date_labels", "html_meta"):
        return "ingest_cues.yaml"
    return files.get(part, f"({part})")
