"""The entities step redone for the region of the corpus a change reaches.

After new stories are stored, only the names some rule of the resolver could relate
to theirs need resolving again (resolve/region.py): the new stories' nodes and every
stored node in a group with one of them. That region is resolved on its own, with the
corpus's acronym definitions and each story's text mentions as a whole run reads
them (resolve/surroundings.py); every stored entity, mention link and decision outside
it is kept as stored, and the region's decisions are put back among the stored ones
where a whole run takes them (resolve/ledger_order.py). The result equals a whole run.

It falls back to the whole run (returns None) wherever that cannot be shown: stories
removed or rewritten (only new stories are redone by region), analyst judgements,
knowledge, lexicon or judgements other than those the stored rows were resolved with,
a region over a share of the corpus's names (`MOST`, off for now), an entity id the
region would share with a kept entity, or anything that raises.
"""

from __future__ import annotations

import hashlib
import json
import logging
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from threadline.graph.cues import StoryTexts
from threadline.records import Decision, Entity, KnownEntity, Mention
from threadline.resolve import Judgement, Resolution, resolve_region, story_nodes
from threadline.resolve.decisions import node_ref
from threadline.resolve.known import known_nodes
from threadline.resolve.ledger_order import LedgerOrder
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.nodes import Node, NodeId
from threadline.resolve.region import definition_seeds, node_groups, region_of
from threadline.resolve.surroundings import Surroundings
from threadline.resolve.within_story import story_views
from threadline.store import Store

log = logging.getLogger(__name__)

# Above this share of the corpus's names in the region, the whole run is cheaper. The
# share of stored mentions that repeat a new story's name (cheap to count) is checked
# against it first. Off (0) for now: finding the groups builds every node and ties them
# all, which costs about what a whole run does (docs/performance.md, "Resolution by
# region"), so no region pays yet; tests and bench/resolve_scale.py set it to 1.
MOST = 0.0


@dataclass(frozen=True, slots=True)
class Stored:
    """The stored rows of the entities step (all but the mention links read only once
    a region is found)."""

    store: Store
    entity_of: Mapping[str, str]

    def entities(self) -> list[Entity]:
        return self.store.entities()

    def reasons(self) -> Mapping[str, Sequence[str]]:
        return self.store.entity_reasons()

    def decisions(self) -> list[Decision]:
        return self.store.decisions()


def resolved_with(lex_version: str, known: Sequence[KnownEntity], judgements: Sequence[Judgement]) -> str:
    """A digest of what resolution reads besides the claims."""
    parts = [lex_version, [repr(k) for k in known], [repr(j) for j in judgements]]
    return hashlib.sha256(json.dumps(parts).encode("utf-8")).hexdigest()[:24]


def by_region(
    store: Store,
    mentions: Sequence[Mention],
    reading: StoryTexts,
    known: Sequence[KnownEntity],
    lex: Lexicon,
    changed: set[str],
) -> Resolution | None:
    """The resolution of the whole corpus, with only the region of `changed` (new
    stories) resolved again; None where it must be resolved whole."""
    if MOST <= 0:
        return None  # off: see MOST
    recurring = _recurring(mentions, changed)
    if recurring > MOST * len(mentions):
        return _whole(f"{recurring} of {len(mentions)} mentions repeat a new story's name")
    stored = Stored(store, store.entity_of())
    ids = [m.id for m in mentions]
    old = {i for i, m in zip(ids, mentions, strict=True) if m.story_id not in changed}
    if old != stored.entity_of.keys():
        return _whole("a story was removed or rewritten")
    try:
        return _resolved(stored, mentions, ids, reading, known, lex, changed)
    except Exception as error:  # the whole run records what fails, unit by unit
        return _whole(f"{type(error).__name__}: {error}")


def _recurring(mentions: Sequence[Mention], changed: set[str]) -> int:
    """How many stored mentions spell a name as a new story does: each is in the region."""
    new = {m.text.casefold() for m in mentions if m.story_id in changed}
    return sum(1 for m in mentions if m.story_id not in changed and m.text.casefold() in new)


def _whole(why: str) -> Resolution | None:
    """No region: say why (the caller resolves the corpus whole)."""
    log.info("entities: resolved whole: %s", why)
    return None


class _NotExact(Exception):
    """A check the region's result must pass failed: resolve whole."""


def _resolved(
    stored: Stored,
    mentions: Sequence[Mention],
    ids: Sequence[str],
    reading: StoryTexts,
    known: Sequence[KnownEntity],
    lex: Lexicon,
    changed: set[str],
) -> Resolution | None:
    nodes = {**story_nodes(mentions, reading.stories, lex, None), **known_nodes(known, lex)}
    views = story_views(nodes, reading.stories)
    definitions = tuple(d for view in views for d in view.story.definitions())
    joins = node_groups(nodes, views, definitions, lex, changed)
    seeds = [*(nid for nid in nodes if nid[0] in changed), *definition_seeds(definitions, changed)]
    region = region_of(joins, nodes, seeds)
    named = [nid for nid, n in nodes.items() if not n.is_known]
    redo = sum(1 for nid in named if nid in region)
    if redo > MOST * len(named):
        return _whole(f"the region holds {redo} of {len(named)} names")
    log.info("entities: region of %d of %d names resolved again", redo, len(named))
    around = Surroundings(definitions, _text_mentions(nodes, {nid[0] for nid in named if nid in region}))
    inside = [m for nid in named if nid in region for m in nodes[nid].mentions]
    stories = {sid: reading.stories[sid] for sid in around.text_mentions}
    redone = resolve_region(inside, stories, known, lex, around)
    return _merged(stored, redone, nodes, region, ids)


def _text_mentions(nodes: Mapping[NodeId, Node], stories: set[str]) -> dict[str, list[Mention]]:
    """Each story's text mentions, in the order a whole run lists them (node by node)."""
    out: dict[str, list[Mention]] = {sid: [] for sid in sorted(stories)}
    for nid, node in nodes.items():
        if nid[0] in out:
            out[nid[0]].extend(m for m in node.mentions if m.zone == "text")
    return out


def _merged(
    stored: Stored, redone: Resolution, nodes: Mapping[NodeId, Node], region: set[NodeId], ids: Sequence[str]
) -> Resolution:
    """The stored rows outside the region with the region's new ones."""
    entity_of = {m: e for m, e in stored.entity_of.items() if m not in redone.entity_of}
    if len(entity_of) + len(redone.entity_of) != len(ids):
        raise _NotExact("the region's mentions are not those of its nodes")
    kept = set(entity_of.values())
    if kept & set(redone.reasons):
        raise _NotExact("an entity id both kept and made again")
    if kept & {stored.entity_of[m] for m in redone.entity_of if m in stored.entity_of}:
        raise _NotExact("a stored entity holds names inside and outside the region")
    entity_of.update(redone.entity_of)
    entities = sorted([*(e for e in stored.entities() if e.id in kept), *redone.entities], key=lambda e: e.id)
    stored_reasons = stored.reasons()
    reasons = {e: tuple(stored_reasons[e]) for e in kept} | dict(redone.reasons)
    decisions = _ledger(stored.decisions(), redone.decisions, LedgerOrder(nodes), region)
    return Resolution(tuple(entities), entity_of, reasons, decisions)


def _ledger(
    stored: Sequence[Decision], redone: Sequence[Decision], order: LedgerOrder, region: set[NodeId]
) -> tuple[Decision, ...]:
    """The stored decisions about names outside the region, with the region's put where
    a whole run takes them (each key's decisions lie in one region: no ties across)."""
    inside = {node_ref(nid) for nid in region}
    kept = [d for d in stored if d.left not in inside and d.right not in inside]
    if len(kept) + sum(1 for d in stored if d.left in inside and d.right in inside) != len(stored):
        raise _NotExact("a stored decision reaches across the region's edge")
    out: list[Decision] = []
    start, last = 0, None
    for d in redone:
        if d.left not in inside or d.right not in inside:
            raise _NotExact(f"a decision of the region reaches out of it: {d.left} / {d.right}")
        key = order.key(d)
        if last is not None and key < last:
            raise _NotExact("the region's decisions are out of order")
        at = bisect_right(kept, key, lo=start, key=order.key)
        if at > start and order.key(kept[at - 1]) == key:
            raise _NotExact("a decision's place is shared with a kept one")
        out += kept[start:at]
        out.append(d)
        start, last = at, key
    return (*out, *kept[start:])
