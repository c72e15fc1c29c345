"""From clusters of nodes to Entity records: type, display name, aliases, stable id."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadline.records import Entity, EntityType, Mention
from threadline.resolve.entity_types import decide
from threadline.resolve.judgements import entity_id
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import ascii_words, clean_surface, parse_name
from threadline.resolve.nodes import Node, node_key

MALFORMED = set("\n\t/|\\@#")


@dataclass(frozen=True, slots=True)
class Built:
    entity: Entity
    mentions: tuple[Mention, ...]
    reasons: tuple[str, ...]


def well_formed(raw: str) -> bool:
    """A spelling fit to show: one line, no stray punctuation, opens on a capital."""
    surface = clean_surface(raw)
    return bool(surface) and surface == raw.strip() and not (MALFORMED & set(raw)) and surface[0].isupper()


def _rank(surface: str, count: int, lex: Lexicon) -> tuple:
    name = parse_name(surface, lex)
    words = ascii_words(surface)
    untitled = bool(words) and bool(name.tokens) and words[0] == name.tokens[0]
    return (not name.is_acronym, len(name.core), untitled, count, len(surface), surface)


def best_name(surfaces: Counter[str], raw: Mapping[str, str], lex: Lexicon) -> str:
    """The fullest common well-formed spelling: most name parts, no title, most seen."""
    good = [s for s in surfaces if well_formed(raw[s])] or list(surfaces)
    return max(good, key=lambda s: _rank(s, surfaces[s], lex))


def cluster_type(members: Sequence[Node]) -> EntityType:
    known = next((n.known_type for n in members if n.known_type), None)
    return decide([n.votes for n in members], known)


def build_entity(
    members: Sequence[Node], reasons: Sequence[str], lex: Lexicon, rename: str | None = None
) -> Built | None:
    """One entity from one cluster; None for a knowledge entry no story mentions."""
    mentions = tuple(m for n in members for m in n.mentions)
    if not mentions:
        return None
    surfaces: Counter[str] = Counter()
    raw: dict[str, str] = {}
    for m in mentions:
        s = clean_surface(m.text)
        surfaces[s] += 1
        raw.setdefault(s, m.text)
    entity_type = cluster_type(members)
    kb = next((n for n in members if n.is_known), None)
    shown = best_name(surfaces, raw, lex)
    anchor = f"kb:{kb.kb_id}" if kb else node_key(parse_name(shown, lex))
    name = rename or (kb.names[0].surface if kb and kb.names else shown)
    aliases = tuple(sorted((s for s in surfaces if s != name), key=lambda s: (-surfaces[s], s)))
    entity = Entity(
        id=entity_id(entity_type, anchor),
        type=entity_type,
        name=name,
        aliases=aliases,
        kb_id=kb.kb_id if kb else None,
    )
    lines = ([f"knowledge file: {kb.kb_id}"] if kb else []) + list(dict.fromkeys(reasons))
    return Built(entity, mentions, tuple(lines))
