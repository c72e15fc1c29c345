"""The gazetteer component: names from the knowledge files, merged into `ner`'s entities.

The small English model tags Arabic-named armed groups and outlets as PERSON; a
match on a known name settles the type (see merge_with_ner for overlaps). Matching is one case-insensitive
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


def merge_with_ner(known: list[Span], predicted: list[Span]) -> list[Span]:
    """Known names win, except where the model found a longer name around one:
    "Hama" inside "Nawzad Hama Karim", "Washington" inside "Washington Institute"."""
    wider = [p for p in predicted if any(_contains(p, k) and _name_around(p, k) for k in known)]
    kept_known = [k for k in known if not any(_contains(p, k) for p in wider)]
    rest = [p for p in predicted if p not in wider and not any(_overlaps(p, k) for k in kept_known)]
    return sorted(wider + kept_known + rest, key=lambda s: s.start)


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _name_around(outer: Span, inner: Span) -> bool:
    """The words the model added are name words (Nawzad … Karim), not a label ("FILE -")."""
    extra = [t for t in outer if not inner.start <= t.i < inner.end]
    return all(t.is_alpha and (t.is_title or t.lower_ in PARTICLES) for t in extra)


def _contains(outer: Span, inner: Span) -> bool:
    """Strictly wider on at least one side."""
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


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
        doc.ents = merge_with_ner(filter_spans(found), list(doc.ents))
        return doc


@Language.factory("threadline_gazetteer", default_config={"data_dir": None})
def make_gazetteer(nlp: Language, name: str, data_dir: str | None) -> Gazetteer:
    return Gazetteer(nlp, load_knowledge(Path(data_dir)) if data_dir else load_knowledge())
