"""From clusters of nodes to Entity records: type, display name, aliases, stable id."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from hashlib import sha256
from itertools import chain

from threadline.records import Entity, EntityType, Mention
from threadline.resolve.entity_types import decide
from threadline.resolve.judgements import entity_id
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import ascii_words, clean_surface, parse_name
from threadline.resolve.nodes import Node, node_key

MALFORMED = set("\n\t/|\\@#")


@dataclass(frozen=True, slots=True)
class Built:
    """An entity with the ids of its mentions (hashed once: Mention.id hashes on every
    call; the mentions themselves are not held, the ids are all that is read of them)."""

    entity: Entity
    ids: tuple[str, ...]
    reasons: tuple[str, ...]


def mention_id(m: Mention) -> str:
    """`m.id`, hashed without content_id's generic joining (every mention of the store is
    hashed once per resolution: the half of it that was Python, not sha256, was a
    twentieth of the step). tests/resolve/test_entities.py holds it to Mention.id."""
    if m.zone == "title":
        said = f"{m.story_id}\x1ftitle\x1f{m.start}\x1f{m.end}"
    else:
        said = f"{m.story_id}\x1f{m.start}\x1f{m.end}"
    return "m-" + sha256(said.encode("utf-8")).digest()[:8].hex()


def has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def opens_name(surface: str, lex: Lexicon) -> bool:
    """Opens on a capital, or on a particle before one ("al-Nujaba")."""
    first = surface.split()[0] if surface.split() else ""
    return first[:1].isupper() or first.split("-")[0].lower() in lex.particles


def well_formed(raw: str, lex: Lexicon) -> bool:
    """A spelling fit to show: one line, no stray punctuation, opens a name."""
    surface = clean_surface(raw)
    return (
        bool(surface) and surface == raw.strip() and not (MALFORMED & set(raw)) and opens_name(surface, lex)
    )


def untitled(surface: str, lex: Lexicon) -> str:
    """The spelling without the titles and descriptors matching drops from its front:
    "Sheikh Karrar Abbas al-Saedi" -> "Karrar Abbas al-Saedi"."""
    drop = len(ascii_words(surface)) - len(parse_name(surface, lex).tokens)
    words = surface.split()
    for i in range(1, len(words)):
        dropped = len(ascii_words(" ".join(words[:i])))
        if dropped >= drop > 0:
            rest = " ".join(words[i:])
            return rest if dropped == drop and opens_name(rest, lex) else surface
    return surface


def best_name(surfaces: Counter[str], raw: Mapping[str, str], lex: Lexicon) -> str:
    """The fullest common well-formed spelling, titles dropped: a spelling with letters,
    most name parts, most seen."""
    shown: Counter[str] = Counter()
    for surface, count in surfaces.items():
        if well_formed(raw[surface], lex):
            shown[untitled(surface, lex)] += count
    shown = shown or surfaces

    def rank(s: str) -> tuple:
        name = parse_name(s, lex)
        return (has_letters(s), not name.is_acronym, len(name.core), shown[s], len(s), s)

    return max(shown, key=rank)


def cluster_type(members: Sequence[Node]) -> EntityType:
    """By votes, a knowledge type first; a name with no letter at all ("“") names nothing."""
    known = next((n.known_type for n in members if n.known_type), None)
    if not known and not any(c.isalpha() for n in members for name in n.names for c in name.surface):
        return "other"
    return decide([n.votes for n in members], known)


def build_entity(
    members: Sequence[Node], reasons: Sequence[str], lex: Lexicon, rename: str | None = None
) -> Built | None:
    """One entity from one cluster; None for a knowledge entry no story mentions."""
    mentions = tuple(chain.from_iterable(n.mentions for n in members))
    if not mentions:
        return None
    surfaces: Counter[str] = Counter()
    raw: dict[str, str] = {}
    for text, count in Counter(m.text for m in mentions).items():  # each text cleaned once
        s = clean_surface(text)
        surfaces[s] += count
        raw.setdefault(s, text)
    entity_type = cluster_type(members)
    kb = next((n for n in members if n.is_known), None)
    shown = best_name(surfaces, raw, lex)
    anchor = f"kb:{kb.kb_id}" if kb else node_key(parse_name(shown, lex))
    listed = [n.surface for n in kb.names if has_letters(n.surface)] if kb else []
    name = rename or (listed[0] if listed else shown)
    aliases = tuple(sorted((s for s in surfaces if s != name), key=lambda s: (-surfaces[s], s)))
    entity = Entity(
        id=entity_id(entity_type, anchor),
        type=entity_type,
        name=name,
        aliases=aliases,
        kb_id=kb.kb_id if kb else None,
    )
    lines = ([f"knowledge file: {kb.kb_id}"] if kb else []) + list(dict.fromkeys(reasons))
    return Built(entity, tuple(map(mention_id, mentions)), tuple(lines))


def bare_entities(mentions: Sequence[Mention]) -> list[Built]:
    """Entities for mentions whose story or cluster failed to resolve: one per spelling
    and type, named as written, so that every mention still has an entity."""
    groups: dict[tuple[EntityType, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.type, clean_surface(m.text))].append(m)
    why = ("left as written: resolution failed for these mentions",)
    return [
        Built(Entity(id=entity_id(t, f"?{surface}"), type=t, name=surface), tuple(map(mention_id, ms)), why)
        for (t, surface), ms in sorted(groups.items())
    ]
