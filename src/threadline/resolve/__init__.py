"""resolve stage: mentions in, one entity per real-world actor or place out.

Mentions that share a normalised name in one story form a node (nodes.py).
Nodes are linked, strongest evidence first, in a union-find that refuses any
automatic link the guards forbid (cluster.py, guards.py):

1. analyst merges (judgements.py): forced; analyst splits bind every later step;
2. knowledge files (known.py): the gazetteer's match or a name an entry lists;
3. the text itself: "Long Name (LN)" (acronyms.py), "X, known as Y" (appositions.py);
4. within a story: initials, then short forms to the one full name they fit
   (within_story.py, short_forms.py);
5. across stories: acronyms the corpus defines, acronyms inside names spelled
   out (expand.py), equal names, scored pairs
   (cross_story.py, blocking.py, scoring.py), then lone short forms that fit
   exactly one full name in the corpus.

Each cluster becomes one Entity (entities.py) with the reasons that built it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from threadline.records import Entity, Mention, content_id
from threadline.resolve import cross_story, expand, within_story
from threadline.resolve.acronyms import AcronymDefinition
from threadline.resolve.cluster import Clusters
from threadline.resolve.entities import Built, build_entity
from threadline.resolve.judgements import Judgement, apart_keys, merge_links, renames, subject_index
from threadline.resolve.known import known_links, known_nodes
from threadline.resolve.lexicon import Lexicon, load_lexicon
from threadline.resolve.nodes import Node, NodeId, build_nodes
from threadline.vocab import KnownEntity

__all__ = ["Judgement", "Resolution", "resolve_entities"]


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: tuple[Entity, ...]
    entity_of: dict[str, str]  # Mention.id -> Entity.id, for every mention given
    reasons: dict[str, tuple[str, ...]]  # Entity.id -> which names joined and why


def resolve_entities(
    mentions: Sequence[Mention],
    texts: Mapping[str, str],
    known: Sequence[KnownEntity] = (),
    judgements: Sequence[Judgement] = (),
    lex: Lexicon | None = None,
) -> Resolution:
    """Resolve every mention to an entity. `texts` maps story id -> story text."""
    lex = lex or load_lexicon()
    nodes: dict[NodeId, Node] = {**build_nodes(mentions, texts, lex), **known_nodes(known, lex)}
    index = subject_index(nodes) if judgements else {}
    clusters = Clusters(nodes, lex, apart_keys(judgements, index, nodes, lex))
    clusters.apply(merge_links(judgements, index, lex))
    clusters.apply(known_links(nodes, {k: n for k, n in nodes.items() if n.is_known}))
    _link(nodes, texts, clusters, lex)
    renamed = {nid: j for nids, j in renames(judgements, index, lex) for nid in nids}
    return _resolution([_build(members, clusters, renamed, lex) for members in clusters.groups().values()])


def _link(nodes: Mapping[NodeId, Node], texts: Mapping[str, str], clusters: Clusters, lex: Lexicon) -> None:
    """Steps 3 to 5 of the module docstring."""
    views = within_story.story_views(nodes, texts)
    definitions = _in_text(views, nodes, clusters, lex)
    ambiguous: set[NodeId] = set()
    for view in views:
        ambiguous |= within_story.resolve_short_forms(view, clusters, lex)[1]
    _across_stories(nodes, views, definitions, ambiguous, clusters, lex)


def _in_text(
    views: Sequence[within_story.StoryView], nodes: Mapping[NodeId, Node], clusters: Clusters, lex: Lexicon
) -> list[AcronymDefinition]:
    """Acronym definitions, stated aliases and initials, story by story; the definitions."""
    by_mention = {m.id: n for n in nodes.values() for m in n.mentions}
    definitions = []
    for view in views:
        for definition, link in within_story.definition_links(view, lex):
            definitions.append(definition)
            if link:
                clusters.union(link)
        clusters.apply(within_story.alias_links(view, by_mention))
        clusters.apply(within_story.initials_links(view, clusters, lex))
    return definitions


def _across_stories(
    nodes: Mapping[NodeId, Node],
    views: Sequence[within_story.StoryView],
    definitions: Sequence[AcronymDefinition],
    ambiguous: set[NodeId],
    clusters: Clusters,
    lex: Lexicon,
) -> None:
    types = cross_story.key_types(nodes.values())
    clusters.apply(cross_story.acronym_links(nodes, definitions, clusters, lex))
    corpus = expand.corpus_table(definitions, (n for n in nodes.values() if n.is_known), lex)
    tables = [(view.nodes, expand.story_table(view.nodes, lex)) for view in views]
    clusters.apply(expand.expansion_links(tables, corpus, expand.first_by_key(nodes.values()), lex))
    clusters.apply(cross_story.equal_name_links(nodes, types))
    clusters.apply(cross_story.scored_links(nodes, types, lex))
    lone = [n for n in nodes.values() if _is_lone(n, ambiguous)]
    links, unmatched = cross_story.lone_short_links(lone, nodes, clusters, lex)
    clusters.apply(links)
    bare = [n for n in unmatched if cross_story.is_bare_person(n, types)]
    clusters.apply(cross_story.same_surname_links(bare))


def _is_lone(node: Node, ambiguous: set[NodeId]) -> bool:
    """A name that may still stand for a fuller one elsewhere: not a knowledge entry,
    not an acronym, not found ambiguous in its own story."""
    return not (node.is_known or node.id in ambiguous or node.name.is_acronym or not node.parts)


def _build(
    members: list[NodeId], clusters: Clusters, renamed: Mapping[NodeId, Judgement], lex: Lexicon
) -> Built | None:
    nodes = [clusters.nodes[nid] for nid in members]
    latest = max((renamed[nid] for nid in members if nid in renamed), key=lambda j: j.created, default=None)
    reasons = clusters.reasons(members[0]) + ([latest.describe()] if latest else [])
    return build_entity(nodes, reasons, lex, latest.name if latest else None)


def _resolution(built: Sequence[Built | None]) -> Resolution:
    """Entities in a stable order; an id two entities would share gets its first mention added."""
    entities, entity_of, reasons = [], {}, {}
    for b in sorted((b for b in built if b), key=lambda b: (b.entity.id, min(m.id for m in b.mentions))):
        entity = b.entity
        if entity.id in reasons:
            entity = replace(
                entity, id=content_id("e", entity.type, entity.id, min(m.id for m in b.mentions))
            )
        entities.append(entity)
        reasons[entity.id] = b.reasons
        entity_of.update({m.id: entity.id for m in b.mentions})
    return Resolution(tuple(entities), entity_of, reasons)
