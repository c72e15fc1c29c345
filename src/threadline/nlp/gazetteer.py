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


def token_pattern(tokenizer: Tokenizer, name: str) -> list[dict[str, str]]:
    """Case-insensitive per token, except all-capital short forms (US, IS, AP) that
    would otherwise match ordinary words."""
    pattern = []
    for token in tokenizer(name):
        if token.is_upper and len(token.text) <= 5:
            pattern.append({"ORTH": token.text})
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
