"""resolve stage: mentions in, one entity per real-world actor or place out.

Resolution follows one flow, the shape of nomenklatura's: block → score → decide →
apply, with every decision recorded.

- Block: mentions that share a normalised name in one story form a node (nodes.py),
  and only nodes some evidence puts side by side are compared: one story's names
  (within_story.py), names sharing their first and last parts across stories
  (blocking.py), full names holding a short form's parts (cross_story.FullNames).
- Score: how well two names fit: the scorer's ladder for different spellings of one
  name (scoring.py), whether a short form can stand for a full name (short_forms.py),
  whether an acronym spells a name's initials (acronyms.py). Each step turns what it
  found into proposed links (cluster.Link), strongest evidence first:
  1. analyst merges (judgements.py): forced; analyst splits bind every later step;
  2. knowledge files (known.py): the gazetteer's match or a name an entry lists;
  3. the text itself: "Long Name (LN)" (acronyms.py), "X, known as Y" (appositions.py);
  4. within a story: initials, then short forms to the one full name they fit
     (within_story.py);
  5. across stories: acronyms the corpus defines, acronyms inside names spelled out
     (expand.py), equal names, scored pairs above the bar (cross_story.py), then lone
     short forms that fit exactly one full name in the corpus.
  Steps 3 to 5 are run by linking.py.
- Decide: a link joins two clusters only if the guards allow every pair of names they
  would then hold (guards.py, Clusters.blocker); a scored pair below the bar and a
  short form that fits several full names are decided against here too.
- Apply: the union-find (cluster.py) joins what was allowed; each cluster becomes one
  Entity with the reasons that built it (entities.py).

Every merge, refusal and ambiguity lands in the ledger (decisions.py) with its step,
score and reason, and `Resolution.decisions` carries it, in the order taken, to the
store (`threadline entity NAME --why`). Nodes are built in a total order and each step
proposes its links in a fixed order, so entities and decisions alike do not depend on
the order the stories come in.

Given a `Failures`, resolution isolates each unit (a story's names, a knowledge
entry, a link, a pair of names, a cluster): one that raises is recorded and the
rest goes on; the mentions it leaves behind get an entity each, named as written
(isolate.py). Without one, errors propagate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial

from threadline.collector import collector_paused
from threadline.errors import Failures
from threadline.records import Decision, Entity, Mention, content_id
from threadline.resolve import acronyms, blocking, expand, similarity
from threadline.resolve.cluster import Clusters
from threadline.resolve.decisions import with_entities
from threadline.resolve.entities import Built, bare_entities, build_entity
from threadline.resolve.guards import conflict, designator_words
from threadline.resolve.isolate import STEP, attempt, listed, names_of
from threadline.resolve.judgements import (
    Judgement,
    apart_keys,
    merge_links,
    renames,
    split_off_types,
    subject_index,
)
from threadline.resolve.known import known_links, known_nodes
from threadline.resolve.lexicon import Lexicon, load_lexicon
from threadline.resolve.linking import link_nodes
from threadline.resolve.nodes import Node, NodeId, alone, build_nodes, folded_parts
from threadline.resolve.story_text import StoryText
from threadline.resolve.surroundings import Surroundings
from threadline.vocab import KnownEntity

__all__ = [
    "Decision",
    "Judgement",
    "Resolution",
    "clear_caches",
    "resolve_entities",
    "resolve_region",
    "story_nodes",
]


@dataclass(frozen=True, slots=True)
class Resolution:
    entities: tuple[Entity, ...]
    entity_of: dict[str, str]  # Mention.id -> Entity.id, for every mention given
    reasons: dict[str, tuple[str, ...]]  # Entity.id -> which names joined and why
    decisions: tuple[Decision, ...] = ()  # every merge, refusal and ambiguity, in the order taken


def resolve_entities(
    mentions: Sequence[Mention],
    texts: Mapping[str, str],
    known: Sequence[KnownEntity] = (),
    judgements: Sequence[Judgement] = (),
    lex: Lexicon | None = None,
    failures: Failures | None = None,
    stories: Mapping[str, StoryText] | None = None,
) -> Resolution:
    """Resolve every mention to an entity. `texts` maps story id -> story text;
    `stories`, story id -> what its text says, read before (story_text.py), for the
    stories it holds (their `texts` are not read). With `failures`, a unit that raises
    is recorded and the rest resolved; should the step itself fail, every mention is
    left as written."""
    lex = lex or load_lexicon()
    read = _story_texts(mentions, texts, stories or {}, lex)
    with collector_paused():  # collector.py
        if failures is None:
            return _resolve(mentions, read, known, judgements, lex, None)
        call = partial(_resolve, mentions, read, known, judgements, lex, failures)
        return failures.run(STEP, f"the corpus ({len(mentions)} mentions)", call) or _resolution(
            bare_entities(mentions)
        )


def resolve_region(
    mentions: Sequence[Mention],
    stories: Mapping[str, StoryText],
    known: Sequence[KnownEntity],
    lex: Lexicon,
    around: Surroundings,
) -> Resolution:
    """Resolve the mentions of a region: names no rule relates to any name outside it
    (resolve/region.py), resolved as a whole run would, with what the rest of the corpus
    gives them (`around`); no analyst judgements (a store with some is resolved whole).
    Errors propagate: the caller resolves the corpus whole instead."""
    with collector_paused():  # collector.py
        return _resolve(mentions, stories, known, (), lex, None, around)


def clear_caches() -> None:
    """Empty the caches of what two names or parts make of each other (scores, guards,
    spellings): pure functions of their arguments, so a later resolution only computes
    again what it asks. Filled, they hold 250,000 entries and more, which a refresh
    would otherwise keep through every later step. Parsed names stay cached: a Name is
    one object per spelling, and the nodes and stored state compare them by identity."""
    for cached in (
        *similarity.CACHES,
        *acronyms.CACHES,
        *blocking.CACHES,
        *expand.CACHES,
        conflict,
        designator_words,
        folded_parts,
        alone,
    ):
        cached.cache_clear()


def _story_texts(
    mentions: Sequence[Mention], texts: Mapping[str, str], given: Mapping[str, StoryText], lex: Lexicon
) -> dict[str, StoryText]:
    stories = {m.story_id for m in mentions}
    return {sid: given.get(sid) or StoryText(sid, texts.get(sid, ""), lex) for sid in stories}


def _resolve(
    mentions: Sequence[Mention],
    texts: Mapping[str, StoryText],
    known: Sequence[KnownEntity],
    judgements: Sequence[Judgement],
    lex: Lexicon,
    failures: Failures | None,
    around: Surroundings | None = None,
) -> Resolution:
    nodes = story_nodes(mentions, texts, lex, failures)
    nodes.update(known_nodes(known, lex, failures))  # one dict of every node, not a second copy
    if judgements:  # splits retype nodes in a copy: none without judgements
        nodes = attempt(failures, "analyst splits", partial(split_off_types, judgements, nodes, lex)) or nodes
    index = attempt(failures, "analyst judgements", partial(subject_index, nodes)) if judgements else None
    clusters = _judged_clusters(nodes, judgements, index or {}, lex, failures)
    clusters.apply(known_links(nodes, {k: n for k, n in nodes.items() if n.is_known}), "knowledge links")
    link_nodes(nodes, texts, clusters, failures, around)
    renamed = _renamed(judgements, index or {}, lex, failures)
    groups = clusters.groups()
    built = [_build(members, clusters, renamed, failures) for members in groups.values()]
    asked = _asked(groups, built, nodes, clusters.ledger.refs)
    taken = clusters.ledger.taken
    # the nodes and the union-find let go of before the entities are listed and the
    # ledger placed: the top of resolution's memory was all of them held at once
    del nodes, clusters, groups
    resolution = _resolution(_and_bare(built, mentions))
    entity_of_node = _entity_of_nodes(asked, built, resolution.entity_of)
    del built  # its entities are the resolution's; the mention ids it listed are not needed again
    return replace(resolution, decisions=with_entities(taken, entity_of_node))


def _and_bare(built: list[Built | None], mentions: Sequence[Mention]) -> list[Built | None]:
    """The entities built, and one for each mention no built entity holds. Each mention
    given is in one node, so built entities holding as many mentions as were given hold
    them all: only when a story or cluster failed are the ids gathered (a set of every
    mention id of the store was the top of resolution's memory)."""
    if sum(len(b.ids) for b in built if b) == len(mentions):
        return built
    placed = {i for b in built if b for i in b.ids}
    return [*built, *bare_entities([m for m in mentions if m.id not in placed])]


@dataclass(frozen=True, slots=True)
class _Asked:
    """What placing the decisions needs of one group, read before its nodes are let go
    of: the refs of its nodes a decision names (the ledger's own strings), in node
    order; for a group not built, also each such node's first mention id (None: a
    knowledge entry's) and the first mention ids of all its nodes."""

    refs: list[str]
    own: list[str | None] | None = None  # None: the group was built
    firsts: tuple[str, ...] = ()


def _asked(
    groups: Mapping[NodeId, list[NodeId]],
    built: Sequence[Built | None],
    nodes: Mapping[NodeId, Node],
    named: Mapping[NodeId, str],
) -> list[_Asked | None]:
    """Per group, what `_entity_of_nodes` needs (None: no node of it is named)."""
    out: list[_Asked | None] = []
    for members, made in zip(groups.values(), built, strict=True):
        asked = [nid for nid in members if nid in named]
        if not asked:
            out.append(None)
        elif made is not None:
            out.append(_Asked([named[nid] for nid in asked]))
        else:  # rare: a knowledge entry no story names, or a cluster that failed
            first = {nid: nodes[nid].mentions[0].id for nid in members if nodes[nid].mentions}
            own = [first.get(nid) for nid in asked]
            out.append(_Asked([named[nid] for nid in asked], own, tuple(first.values())))
    return out


def _entity_of_nodes(
    asked: Sequence[_Asked | None], built: Sequence[Built | None], entity_of: Mapping[str, str]
) -> dict[str, str]:
    """Node ref -> the entity its mentions went to (a knowledge entry's: its cluster's),
    for the nodes a decision names, keyed by the decisions' own ref strings. A built
    group's nodes went to its entity, read from its first mention (no mention id is
    hashed again); a group not built (the cluster failed, or no story names it) gives
    each node its first mention's entity, and a node without mentions its cluster's."""
    out: dict[str, str] = {}
    for group, made in zip(asked, built, strict=True):
        if group is None:
            continue
        if group.own is None and made is not None:
            entity = entity_of[made.ids[0]]
            out.update((ref, entity) for ref in group.refs)
            continue
        cluster = next((entity_of[m] for m in group.firsts if m in entity_of), None)
        for ref, first in zip(group.refs, group.own or (), strict=True):
            found = entity_of.get(first) if first is not None else cluster
            if found:
                out[ref] = found
    return out


def story_nodes(
    mentions: Sequence[Mention], texts: Mapping[str, StoryText], lex: Lexicon, failures: Failures | None
) -> dict[NodeId, Node]:
    """The nodes of each story; a story whose names cannot be read is left out."""
    by_story: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_story[m.story_id].append(m)
    nodes: dict[NodeId, Node] = {}
    for story_id, found in sorted(by_story.items()):
        subject = partial(_reading, story_id, found)
        nodes.update(attempt(failures, subject, partial(build_nodes, found, texts[story_id], lex)) or {})
    return nodes


def _reading(story_id: str, found: Sequence[Mention]) -> str:
    return f"reading the names of story {story_id}: {listed(repr(m.text) for m in found)}"


def _judged_clusters(
    nodes: Mapping[NodeId, Node],
    judgements: Sequence[Judgement],
    index: Mapping[str, set[NodeId]],
    lex: Lexicon,
    failures: Failures | None,
) -> Clusters:
    """Clusters with the analyst's splits binding and merges applied."""
    apart = attempt(failures, "analyst splits", partial(apart_keys, judgements, index, nodes, lex))
    clusters = Clusters(nodes, lex, apart or (), failures)
    clusters.apply(merge_links(judgements, index, lex), "analyst merges")
    return clusters


def _renamed(
    judgements: Sequence[Judgement],
    index: Mapping[str, set[NodeId]],
    lex: Lexicon,
    failures: Failures | None,
) -> dict[NodeId, Judgement]:
    found = attempt(failures, "analyst renames", partial(renames, judgements, index, lex)) or []
    return {nid: j for nids, j in found for nid in nids}


def _build(
    members: list[NodeId], clusters: Clusters, renamed: Mapping[NodeId, Judgement], failures: Failures | None
) -> Built | None:
    """The cluster's entity; None for a knowledge entry no story mentions, or when the
    cluster fails (its mentions are then left as written)."""
    nodes = [clusters.nodes[nid] for nid in members]
    latest = (
        max((renamed[nid] for nid in members if nid in renamed), key=lambda j: j.created, default=None)
        if renamed
        else None
    )
    reasons = clusters.reasons(members[0]) + ([latest.describe()] if latest else [])
    call = partial(build_entity, nodes, reasons, clusters.lex, latest.name if latest else None)
    return attempt(failures, lambda: f"building the entity of {names_of(nodes)}", call)


def _resolution(built: Sequence[Built | None]) -> Resolution:
    """Entities in a stable order; an id two entities would share gets its first mention added."""
    entities, entity_of, reasons = [], {}, {}
    for b in sorted((b for b in built if b), key=lambda b: (b.entity.id, min(b.ids))):
        entity = b.entity
        if entity.id in reasons:
            entity = replace(entity, id=content_id("e", entity.type, entity.id, min(b.ids)))
        entities.append(entity)
        reasons[entity.id] = b.reasons
        entity_of.update(dict.fromkeys(b.ids, entity.id))
    return Resolution(tuple(entities), entity_of, reasons)
