"""Entity-ruler patterns from the knowledge files, so known names get their real type.

The small English model tags Arabic-named armed groups and outlets as PERSON;
a ruler in front of `ner` fixes that for every name a knowledge file lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokenizer import Tokenizer

from threadline.vocab import KnownEntity

SPACY_LABEL = {"person": "PERSON", "organization": "ORG", "location": "GPE"}
APOSTROPHES = "'’‘`ʼʻ"


def spelling_variants(name: str) -> set[str]:
    """Hyphen, apostrophe and article variants that news spells the same name with."""
    variants = {name, name.replace("-", " ")}
    for variant in list(variants):
        for mark in APOSTROPHES:
            variants.add(variant.replace(mark, ""))
            variants.add(variant.replace(mark, "'"))
    return {" ".join(v.split()) for v in variants if v.strip()}


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


def token_pattern(tokenizer: Tokenizer, name: str) -> list[dict[str, object]]:
    """Case-insensitive per token, but a capitalised word of the name must not be
    lower-case in the text ("The National" is an outlet, "the national team" is not),
    and all-capital short forms (US, IS, AP) must match exactly."""
    pattern: list[dict[str, object]] = []
    for token in tokenizer(name):
        if token.is_upper and len(token.text) <= 5:
            pattern.append({"ORTH": token.text})
        elif token.text[:1].isupper() and token.lower_ not in PARTICLES:
            pattern.append({"LOWER": token.lower_, "IS_LOWER": False})
        else:
            pattern.append({"LOWER": token.lower_})
    return pattern


def ruler_patterns(tokenizer: Tokenizer, entities: Iterable[KnownEntity]) -> Iterator[dict]:
    for entity in entities:
        label = SPACY_LABEL.get(entity.type)
        if label is None:
            continue
        for name in entity.names:
            for variant in sorted(spelling_variants(name)):
                yield {"label": label, "pattern": token_pattern(tokenizer, variant), "id": entity.id}
