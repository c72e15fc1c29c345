"""The word lists the resolve stage reads names with, loaded once from data files.

names_variants.yaml: transliteration variants and demonyms; names_words.yaml:
titles, particles, stopwords, glued name parts, generic and unit words;
names_context.yaml: words around a mention that vote on its type;
entity_cues.yaml (shared with the NLP stage): words inside a name that decide its type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from threadline.errors import DataFileError
from threadline.settings import DATA_DIR
from threadline.vocab import load_yaml
from threadline.vocabulary import active, elsewhere


@dataclass(frozen=True, slots=True)
class ContextCues:
    """Per entity type, a pattern for the words right before a mention (matched at
    the end of the text before it) and one for the words right after it."""

    before: Mapping[str, re.Pattern[str]]
    after: Mapping[str, re.Pattern[str]]


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: one per data dir
class Lexicon:
    variants: Mapping[str, str]  # spelling -> canonical token (demonyms included)
    titles: frozenset[tuple[str, ...]]  # titles and descriptors, dropped from a name's front
    particles: frozenset[str]
    stopwords: frozenset[str]
    glue: Mapping[str, str]  # word -> how it joins the next: abu -> abu_, abd -> abd
    generic: Mapping[str, str]  # generic word -> its kind (the first spelling of its line)
    units: Mapping[str, str]  # unit word -> its kind (the first spelling of its line)
    places: frozenset[str]  # canonical demonym targets: iraq, iran, ...
    org_cues: frozenset[str]
    place_cues: frozenset[str]
    context: ContextCues
    canonical: frozenset[str]  # names the variants table knows: two of them are two names
    skippable: frozenset[str]  # words that are not name parts: particles and function words


def _mapping(table: Mapping[str, Iterable[str]], name: str) -> dict[str, str]:
    """Invert {canonical: [spellings]}; a spelling under two keys is a data error."""
    out: dict[str, str] = {}
    for canonical, spellings in (table or {}).items():
        for spelling in (canonical, *spellings):
            if out.get(spelling, canonical) != canonical:
                raise DataFileError(f"{name}: {spelling!r} is listed under two names")
            out[spelling] = canonical
    return out


def _units(lines: Iterable[Iterable[str]]) -> dict[str, str]:
    """Word -> its kind, for lists of lines of spellings of one kind."""
    out: dict[str, str] = {}
    for line in lines:
        words = list(line)
        out.update({w: words[0] for w in words})
    return out


def _alternatives(phrases: Iterable[str]) -> str:
    return "|".join(re.escape(" ".join(str(p).lower().split())) for p in phrases)


def _context(doc: Mapping) -> ContextCues:
    """Phrases compiled once: "near" matches "... near" but not "... nearby"."""
    before = {
        t: re.compile(rf"(?:^|\s)(?:{_alternatives(v.get('before', ()))})$") for t, v in doc.items() if v
    }
    after = {
        t: re.compile(rf"^(?:{_alternatives(v.get('after', ()))})(?=$|[\s,.;:])") for t, v in doc.items() if v
    }
    return ContextCues(before=before, after=after)


def load_lexicon(data_dir: Path | None = None) -> Lexicon:
    """The active vocabulary's lexicon (threadline.vocabulary); another folder's, read afresh."""
    return read_lexicon(data_dir) if data_dir is not None and elsewhere(data_dir) else active().lexicon


def read_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Every word list the resolve stage needs, from data_dir."""
    variants_doc = load_yaml("names_variants.yaml", data_dir) or {}
    words = load_yaml("names_words.yaml", data_dir) or {}
    cues = load_yaml("entity_cues.yaml", data_dir) or {}
    demonyms = variants_doc.get("demonyms") or {}
    variants = _mapping({**(variants_doc.get("variants") or {}), **demonyms}, "names_variants.yaml")
    return Lexicon(
        variants=variants,
        titles=frozenset(
            tuple(t.split()) for t in [*(words.get("titles") or ()), *(words.get("descriptors") or ())]
        ),
        particles=frozenset(words.get("particles") or ()),
        stopwords=frozenset(words.get("stopwords") or ()),
        glue={str(k): str(v) for k, v in (words.get("glue") or {}).items()},
        generic=_units(words.get("generic") or ()),
        units=_units(words.get("units") or ()),
        places=frozenset(demonyms),
        org_cues=frozenset(w.replace("'", "") for w in cues.get("organization") or ()),
        place_cues=frozenset(cues.get("location") or ()) | frozenset(words.get("place_words") or ()),
        context=_context(load_yaml("names_context.yaml", data_dir) or {}),
        canonical=frozenset(variants.values()),
        skippable=frozenset(words.get("particles") or ()) | frozenset(words.get("stopwords") or ()),
    )
