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

The ties are supersets of what the rules compare (a pool by its parts, without the
fit; an in-text group per story), which only makes groups larger, never wrong. A
new acronym definition changes the corpus's table of acronyms, and so which name a
name holding an acronym spells out as: such a name is joined with what it spells out
as under the table before the new stories and under the table now, and the letters
a new story defines are a seed of the region. Analyst judgements are not followed:
a store with some is resolved whole (graph/resolve_region.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence

from threadline.resolve import expand
from threadline.resolve.acronyms import AcronymDefinition, fits_initials, is_acronym_text, letters_of
from threadline.resolve.blocking import block_keys
from threadline.resolve.entities import untitled
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import Name, clean_surface, parse_name
from threadline.resolve.nodes import Node, NodeId, node_key
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
    for node in nodes.values():
        joins.join([node.id, *_tokens(node, lex)])
    for d in definitions:  # an acronym's letters and the long names the corpus gives them
        joins.join([("L", letters_of(d.short)), ("k", node_key(parse_name(d.long, lex)))])
    known = [n for n in nodes.values() if n.is_known]
    added = set(new)
    before = [d for d in definitions if d.story_id not in added]
    tables = [expand.corpus_table(defined, known, lex) for defined in (definitions, before)]
    for view in views:
        _join_story(joins, view, tables, lex)
    _join_pools(joins, nodes.values())
    return joins


def definition_seeds(definitions: Iterable[AcronymDefinition], stories: Iterable[str]) -> list[Hashable]:
    """What the acronyms these stories define reach: every name with those letters."""
    wanted = set(stories)
    return [("L", letters_of(d.short)) for d in definitions if d.story_id in wanted]


def region_of(joins: Joins, nodes: Iterable[NodeId], seeds: Iterable[Hashable]) -> set[NodeId]:
    """The nodes in a group with one of the seeds."""
    roots = {joins.find(s) for s in seeds}
    return {nid for nid in nodes if joins.find(nid) in roots}


def _tokens(node: Node, lex: Lexicon) -> Iterator[Hashable]:
    """A node's ties that need no other node to read: its keys, blocks, knowledge id,
    acronym letters and the keys of the names its entity could be named by."""
    yield ("k", node.key)
    names = node.names if node.is_known else (node.name,)
    yield from (("k", n.key) for n in names if n.key)
    if node.kb_id:
        yield ("kb", node.kb_id)
    yield from (("b", b) for b in block_keys(node.name))
    for name in names:
        if name.is_acronym:
            yield from (("L", name.key), ("L", letters_of(name.surface)))
        yield from (("L", letters_of(w)) for w in name.surface.split() if is_acronym_text(w))
    for text in {m.text for m in node.mentions}:
        surface = clean_surface(text)
        yield ("a", node_key(parse_name(surface, lex)))
        yield ("a", node_key(parse_name(untitled(surface, lex), lex)))


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


def _join_pools(joins: Joins, nodes: Iterable[Node]) -> None:
    """A name that may stand alone for a fuller one elsewhere (a lone short form), with
    every multi-part name holding all its distinguishing parts (its pool)."""
    nodes = list(nodes)
    index: dict[str, set[str]] = defaultdict(set)  # part, spelling folded -> full names' keys
    for node in nodes:
        if len(node.parts) >= 2 and not node.name.is_acronym:
            for part in set(node.name.specific):
                index[spelling_key(part)].add(node.key)
    pools: dict[Name, set[str]] = {}
    for node in nodes:
        if node.is_known or node.name.is_acronym or not node.parts or not node.name.specific:
            continue
        if node.name not in pools:
            found = [index.get(spelling_key(p), set()) for p in node.name.specific]
            pools[node.name] = set.intersection(*found)
        joins.join([node.id, *(("k", key) for key in pools[node.name])])
