"""The gazetteer component: names from the knowledge files, tagged before `ner` runs.

The small English model tags Arabic-named armed groups and outlets as PERSON; a
match on a known name settles the type. Matching is one case-insensitive
PhraseMatcher pass (fast with thousands of names) followed by case rules: a
capitalised word of the name must not be lower-case in the text ("The National"
is an outlet, "the national team" is not), and an all-capital short form (US,
IS, AP) must match exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from threadline.vocab import KnownEntity, load_knowledge

SPACY_LABEL = {"person": "PERSON", "organization": "ORG", "location": "GPE"}
APOSTROPHES = "'’‘`ʼʻ"
# Lower-case in one spelling, capitalised in another: "Asaib Ahl Al Haq" / "Asaib Ahl al-Haq".
PARTICLES = {
    "al",
    "el",
    "ad",
    "an",
    "as",
    "ash",
    "at",
    "az",
    "ar",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abou",
    "of",
    "the",
    "and",
    "for",
    "in",
    "de",
    "la",
    "le",
    "ul",
    "-",
    "'s",
}


def spelling_variants(name: str) -> set[str]:
    """Hyphen and apostrophe variants that news spells the same name with."""
    variants = {name, name.replace("-", " ")}
    for variant in list(variants):
        for mark in APOSTROPHES:
            variants.add(variant.replace(mark, ""))
            variants.add(variant.replace(mark, "'"))
    return {" ".join(v.split()) for v in variants if v.strip()}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    kb_id: str
    shape: tuple[str, ...]  # per token: "exact", "capital" or "any"


def token_shape(text: str) -> str:
    if text.isupper() and len(text) <= 5:
        return "exact"
    if text[:1].isupper() and text.lower() not in PARTICLES:
        return "capital"
    return "any"


def fits(span: Span, pattern: Doc, shape: tuple[str, ...]) -> bool:
    for token, want, rule in zip(span, pattern, shape, strict=True):
        if rule == "exact" and token.text != want.text:
            return False
        if rule == "capital" and token.is_lower:
            return False
    return True


class Gazetteer:
    """Tag known names as entities carrying their knowledge id (Span.id_)."""

    def __init__(self, nlp: Language, entities: Iterable[KnownEntity]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns: dict[str, tuple[Doc, Entry]] = {}
        for entity in entities:
            label = SPACY_LABEL.get(entity.type)
            if label is None:
                continue
            for variant in sorted({v for n in entity.names for v in spelling_variants(n)}):
                pattern = nlp.make_doc(variant)
                key = f"{entity.id}|{variant}"
                shape = tuple(token_shape(t.text) for t in pattern)
                self.patterns[key] = (pattern, Entry(label, entity.id, shape))
                self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            pattern, entry = self.patterns[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if fits(span, pattern, entry.shape):
                found.append(Span(doc, start, end, label=entry.label, span_id=entry.kb_id))
        doc.ents = filter_spans(found)  # `ner` keeps these and labels the rest
        return doc


@Language.factory("threadline_gazetteer", default_config={"data_dir": None})
def make_gazetteer(nlp: Language, name: str, data_dir: str | None) -> Gazetteer:
    return Gazetteer(nlp, load_knowledge(Path(data_dir)) if data_dir else load_knowledge())
