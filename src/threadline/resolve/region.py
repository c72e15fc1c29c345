"""Regions of resolution: sets of names no rule of the resolver relates to a name
outside them, so that a region resolved on its own gives what a whole run gives it.

Each rule reads names side by side only where something ties them: one name key
(equal names, a key's type, the first node of a key), one block (blocking.py), a
short form's parts (the lone short forms' pools), an acronym's letters (the corpus's
definitions, acronyms spelled out), a knowledge entry, the name an entity would be
named by (two entities sharing an id), and inside one story what the text says
between names (definitions, stated aliases, brackets, initials) and the short forms
that may stand for a fuller name there. Each node is joined here with a token for
each such tie (or with the other node directly); nodes joined through any chain fall
in one group. Every tie is read whatever the clusters hold and whatever other nodes
there are, so adding stories only merges groups: a group with no new story's name is
a group of the stored corpus, resolved as it was.

The ties are supersets of what the rules compare (a pool's fits tried against every
kind of node, not only the one a whole run picks; an in-text group per story), which
only makes groups larger, never wrong. A
new acronym definition changes the corpus's table of acronyms, and so which name a
name holding an acronym spells out as: such a name is joined with what it spells out
as under the table before the new stories and under the table now, and the letters
a new story defines are a seed of the region. Analyst judgements are not followed:
a store with some is resolved whole (graph/resolve_region.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

from threadline.resolve import expand
from threadline.resolve.acronyms import AcronymDefinition, fits_initials, is_acronym_text, letters_of
from threadline.resolve.blocking import MAX_BLOCK, block_keys
from threadline.resolve.entities import untitled
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name, clean_surface, parse_name
from threadline.resolve.nodes import Node, NodeId, node_key
from threadline.resolve.short_forms import fits
from threadline.resolve.similarity import spelling_key
from threadline.resolve.within_story import StoryView, folded_ends, may_shorten


class Joins:
    """Union-find over nodes and tokens."""

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        root = self.parent.setdefault(item, item)
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def join(self, items: Iterable[Hashable]) -> None:
        found = iter(items)
        first = next(found, None)
        if first is None:
            return
        root = self.find(first)
        for item in found:
            other = self.find(item)
            if other != root:
                self.parent[other] = root


def node_groups(
    nodes: Mapping[NodeId, Node],
    views: Sequence[StoryView],
    definitions: Sequence[AcronymDefinition],
    lex: Lexicon,
    new: Iterable[str] = (),
) -> Joins:
    """Every node joined with what ties it to others; `views`: every story's, whole;
    `new`: the stories added since the stored rows, whose acronym definitions a name
    holding an acronym was not spelled out with before."""
    joins = Joins()
    added = set(new)
    defined = _defined(definitions, lex)
    fresh = {letters_of(d.short) for d in definitions if d.story_id in added}
    for node in nodes.values():
        joins.join([node.id, *_tokens(node, lex)])
        # an acronym to the long names the corpus defines for it; a name that is or holds
        # letters a new story defines, to all the others (they may spell out otherwise now)
        acronyms, words = _letters(node)
        joins.join([node.id, *(("k", k) for a in acronyms for k in defined.get(a, set()))])
        joins.join([node.id, *(("L", a) for a in (acronyms | words) & fresh)])
    for a in fresh:
        joins.join([("L", a), *(("k", k) for k in defined.get(a, set()))])
    _join_blocks(joins, nodes.values(), added)
    known = [n for n in nodes.values() if n.is_known]
    before = [d for d in definitions if d.story_id not in added]
    tables = [expand.corpus_table(listed, known, lex) for listed in (definitions, before)]
    for view in views:
        _join_story(joins, view, tables, lex)
    _join_pools(joins, nodes.values(), lex)
    return joins


def definition_seeds(definitions: Iterable[AcronymDefinition], stories: Iterable[str]) -> list[Hashable]:
    """What the acronyms these stories define reach: every name with those letters."""
    wanted = set(stories)
    return [("L", letters_of(d.short)) for d in definitions if d.story_id in wanted]


def region_of(joins: Joins, nodes: Iterable[NodeId], seeds: Iterable[Hashable]) -> set[NodeId]:
    """The nodes in a group with one of the seeds."""
    roots = {joins.find(s) for s in seeds}
    return {nid for nid in nodes if joins.find(nid) in roots}


def _defined(definitions: Iterable[AcronymDefinition], lex: Lexicon) -> dict[str, set[str]]:
    """Letters -> the keys of the long names the corpus defines for them."""
    out: dict[str, set[str]] = defaultdict(set)
    for d in definitions:
        out[letters_of(d.short)].add(node_key(parse_name(d.long, lex)))
    return out


def _letters(node: Node) -> tuple[frozenset[str], frozenset[str]]:
    """The acronym letters a node's names are, and those they hold as a word."""
    names = node.names if node.is_known else (node.name,)
    found = [_name_letters(name) for name in names]
    return frozenset().union(*(a for a, _ in found)), frozenset().union(*(w for _, w in found))


@lru_cache(maxsize=65536)
def _name_letters(name: Name) -> tuple[frozenset[str], frozenset[str]]:
    acronyms = frozenset({name.key, letters_of(name.surface)}) if name.is_acronym else frozenset()
    return acronyms, frozenset(letters_of(w) for w in name.surface.split() if is_acronym_text(w))


def _join_blocks(joins: Joins, nodes: Iterable[Node], new: set[str]) -> None:
    """The names of one block (blocking.py), unless the block was too big to score both
    before the new stories and now (then no pair of it was ever scored)."""
    members: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        for block in block_keys(node.name):
            members[block].append(node)
    for found in members.values():
        now = {n.name.key for n in found}
        before = {n.name.key for n in found if n.story_id not in new}
        if len(now) <= MAX_BLOCK or len(before) <= MAX_BLOCK:
            joins.join(n.id for n in found)


def _tokens(node: Node, lex: Lexicon) -> Iterator[Hashable]:
    """A node's ties that need no other node to read: its keys, knowledge id and the keys
    of the names its entity could be named by."""
    yield ("k", node.key)
    names = node.names if node.is_known else (node.name,)
    yield from (("k", n.key) for n in names if n.key)
    if node.kb_id:
        yield ("kb", node.kb_id)
    for text in {m.text for m in node.mentions}:
        yield from (("a", key) for key in _anchors(text, lex))


@lru_cache(maxsize=65536)
def _anchors(text: str, lex: Lexicon) -> frozenset[str]:
    """The keys an entity holding a mention of `text` could be named by (entities.py)."""
    surface = clean_surface(text)
    return frozenset({node_key(parse_name(surface, lex)), node_key(parse_name(untitled(surface, lex), lex))})


def _join_story(joins: Joins, view: StoryView, tables: Sequence[Mapping[str, str]], lex: Lexicon) -> None:
    """Inside one story: the names the text relates (one group per story), the short
    forms with the fuller names they may stand for, an acronym word with the names whose
    initials it spells and the names it spells out as (by the corpus's acronyms now and
    before the new stories)."""
    joins.join(_in_text(view, lex))
    for short in view.nodes:
        first, last = folded_ends(short)
        joins.join([short.id, *(f.id for f in view.nodes if may_shorten(short, f, lex, first, last))])
    by_initials: dict[str, list[NodeId]] = defaultdict(list)
    for n in view.nodes:
        if len(n.parts) >= 2:
            by_initials[expand.initials(n.name.surface, lex)].append(n.id)
    table = expand.story_table(view.nodes, lex)
    for n in view.nodes:
        words = [letters_of(w) for w in n.name.surface.split() if is_acronym_text(w)]
        joins.join([n.id, *(nid for w in words for nid in by_initials.get(w, ()))])
        for corpus in tables if words else ():
            long = expand.spelled_out(n.name.surface, (table, corpus))
            if long:
                joins.join([n.id, ("k", parse_name(long, lex).key)])


def _in_text(view: StoryView, lex: Lexicon) -> list[Hashable]:
    """The story's names its text relates: acronym definitions (both forms, and every
    name inside the long one's span), stated aliases, "Name (ACR)", initials."""
    mentions = view.text_mentions()
    node_of = {(m.start, m.end): n.id for n in view.nodes for m in n.mentions if m.zone == "text"}
    found: list[Hashable] = []
    for d in view.story.definitions():
        for key in (letters_of(d.short), node_key(parse_name(d.long, lex))):
            node = view.by_key(key)
            found += [node.id] if node else []
        found += [nid for (s, e), nid in node_of.items() if d.start <= s and e <= d.end]
    for a, b, _ in view.story.aliases(mentions):
        found += [node_of[(a.start, a.end)], node_of[(b.start, b.end)]]
    found += [
        node_of[span] for pair in view.story.bracket_spans(mentions) for span in pair if span in node_of
    ]
    for short in view.nodes:
        if short.name.is_acronym:
            fulls = [
                n.id
                for n in view.nodes
                if len(n.parts) >= 2 and fits_initials(short.name.surface, n.name.surface, lex)
            ]
            found += [short.id, *fulls] if fulls else []
    return [("t", view.story_id), *found] if found else []


def _join_pools(joins: Joins, nodes: Iterable[Node], lex: Lexicon) -> None:
    """A name that may stand alone for a fuller one elsewhere (a lone short form), with
    the key of every multi-part name holding all its distinguishing parts that it fits
    as inside a story (its pool, as cross_story.FullNames reads it). The fit reads only
    the two nodes' names, types and cues, so it is tried once per kind of node: against
    each kind a key's nodes come in, of which the whole run's representative is one."""
    nodes = list(nodes)
    index: dict[str, dict[tuple, Node]] = defaultdict(dict)  # part, spelling folded -> kinds of full names
    for node in nodes:
        if len(node.parts) >= 2 and not node.name.is_acronym:
            for part in set(node.name.specific):
                index[spelling_key(part)].setdefault(_kind(node), node)
    pools: dict[tuple, list[str]] = {}
    for node in nodes:
        if node.is_known or node.name.is_acronym or not node.parts or not node.name.specific:
            continue
        kind = _kind(node)
        if kind not in pools:
            found = [index.get(spelling_key(p), {}) for p in node.name.specific]
            common = set.intersection(*(set(f) for f in found))
            fulls = [found[0][k] for k in common]
            pools[kind] = sorted({f.key for f in fulls if fits(node, f, lex, in_story=True)})
        joins.join([node.id, *(("k", key) for key in pools[kind])])


def _kind(node: Node) -> tuple:
    """What a fit reads of a node (short_forms.fits): its name, type, cues, knowledge id."""
    return (node.name, node.type, node.cued, node.kb_id, node.key)
