"""Links inside one story: acronym definitions, stated aliases, initials, short forms.

A story names its actors in full once and shortens them afterwards; inside
one story a short form means the one full name it fits. When two full names
fit ("Muhammad Al-Hafi" and "Ahmed Al-Hafi" in one story), "Al-Hafi" is left
alone: the story is ambiguous and no other story can settle it; the ledger records it
as ambiguous against each full name it fits.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from threadline.records import Mention
from threadline.resolve.acronyms import AcronymDefinition, fits_initials, letters_of
from threadline.resolve.cluster import Clusters, Link
from threadline.resolve.guards import designator_words
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.names import parse_name
from threadline.resolve.nodes import Node, NodeId, node_key
from threadline.resolve.short_forms import fits
from threadline.resolve.similarity import same_part, spelling_key
from threadline.resolve.story_text import StoryText

SHORT_FORMS = "short forms"  # the step's name in the decisions ledger


@dataclass(frozen=True, slots=True)
class StoryView:
    """One story's nodes and text, with each mention's node."""

    story_id: str
    story: StoryText  # what its text says, read once (story_text.py)
    nodes: tuple[Node, ...]
    # every text mention of the story, where `nodes` hold only some of its names (a
    # region, graph/resolve_region.py): what the text says between names is read among
    # all of them, as in a whole run
    every_text_mention: tuple[Mention, ...] | None = None

    def text_mentions(self) -> list[Mention]:
        if self.every_text_mention is not None:
            return list(self.every_text_mention)
        return [m for n in self.nodes for m in n.mentions if m.zone == "text"]

    def by_key(self, key: str) -> Node | None:
        return next((n for n in self.nodes if n.key == key), None)

    def covering(self, start: int, end: int) -> Node | None:
        """The node with the longest mention inside [start, end)."""
        inside = [
            (m.end - m.start, n)
            for n in self.nodes
            for m in n.mentions
            if m.zone == "text" and start <= m.start and m.end <= end
        ]
        return max(inside, key=lambda x: x[0])[1] if inside else None


def story_views(
    nodes: Mapping[NodeId, Node],
    stories: Mapping[str, StoryText],
    text_mentions: Mapping[str, Sequence[Mention]] | None = None,
) -> list[StoryView]:
    """One view per story with nodes; `text_mentions`: each story's text mentions where
    the nodes are only some of the story's names."""
    by_story: dict[str, list[Node]] = {}
    for node in nodes.values():
        if not node.is_known:
            by_story.setdefault(node.story_id, []).append(node)
    every = text_mentions or {}
    return [
        StoryView(sid, stories[sid], tuple(ns), tuple(every[sid]) if sid in every else None)
        for sid, ns in sorted(by_story.items())
    ]


def definition_links(view: StoryView, lex: Lexicon) -> Iterator[tuple[AcronymDefinition, Link | None]]:
    """Each acronym the story defines, with a link when both forms are mentions."""
    for d in view.story.definitions():
        short = view.by_key(letters_of(d.short))
        long = view.by_key(node_key(parse_name(d.long, lex))) or view.covering(d.start, d.end)
        link = None
        if short and long and short is not long and fits_initials(d.short, long.name.surface, lex):
            reason = f"'{d.short}' defined as acronym of '{d.long}' in {d.story_id}"
            link = Link(short.id, long.id, reason, guarded=False)
        yield d, link


def alias_links(view: StoryView) -> Iterator[Link]:
    """Two names the text says are one ("X, known as Y"), each to its node."""
    stated = view.story.aliases(view.text_mentions())
    by_mention = {m: n for n in view.nodes for m in n.mentions} if stated else {}  # most stories say none
    for first, second, phrase in stated:
        a, b = by_mention.get(first), by_mention.get(second)
        if a is not None and b is not None and a is not b:
            reason = f"the text says '{first.text}', {phrase} '{second.text}' ({view.story_id})"
            yield Link(a.id, b.id, reason, guarded=False, other_name=True)


def initials_links(view: StoryView, clusters: Clusters, lex: Lexicon) -> Iterator[Link]:
    """An acronym and the one multi-word name in the story whose initials spell it; and an
    acronym in brackets right after a name its letters are drawn from."""
    if not any(n.name.is_acronym for n in view.nodes):
        return  # both kinds of link need an acronym among the story's names
    yield from bracketed_acronym_links(view)
    multi: list[Node] | None = None  # the story's multi-word names, listed once it has an acronym
    for short in view.nodes:
        if not short.name.is_acronym:
            continue
        if multi is None:
            multi = [n for n in view.nodes if len(n.parts) >= 2]
        fulls = [n for n in multi if fits_initials(short.name.surface, n.name.surface, lex)]
        roots = {clusters.find(n.id) for n in fulls}
        if len(roots) == 1 and short.type != "person":
            full = fulls[0]
            reason = f"'{short.name.surface}' spells the initials of '{full.name.surface}' in {view.story_id}"
            yield Link(short.id, full.id, reason)


def bracketed_acronym_links(view: StoryView) -> Iterator[Link]:
    """ "Norges Statsbaner (NSB)", "Saint Lucia Air and Seaports Authority (SLASPA)": the
    text defines the acronym, whose letters come from the name in order though not one
    per word. Not after a person's name ("Ana Pires (AP)" credits an agency)."""
    mentions: list[tuple[Mention, Node | None]] = sorted(
        ((m, n) for n in view.nodes for m in n.mentions if m.zone == "text"), key=lambda x: x[0].start
    )
    if view.every_text_mention is not None:  # adjacent among all the story's names
        node_of = dict(mentions)
        mentions = sorted(((m, node_of.get(m)) for m in view.every_text_mention), key=lambda x: x[0].start)
    text_mentions = [m for m, _ in mentions]
    for (long, full), (short, acronym) in itertools.pairwise(mentions):
        if full is None or acronym is None:
            continue
        if full is acronym or full.type == "person" or not acronym.name.is_acronym:
            continue
        if view.story.bracketed(long, short, text_mentions) and drawn_from(short.text, long.text):
            reason = f"'{short.text}' in brackets after '{long.text}' in {view.story_id}"
            yield Link(acronym.id, full.id, reason, guarded=False)


def drawn_from(short: str, long: str) -> bool:
    """Whether the acronym's letters appear in the name's, in order, the first its first."""
    letters = [c for c in short.casefold() if c.isalpha()]
    name = iter(c for c in long.casefold() if c.isalpha())
    return bool(letters) and long[:1].casefold() == letters[0] and all(c in name for c in letters)


def short_form_candidates(
    short: Node, pool: Sequence[Node], clusters: Clusters, lex: Lexicon
) -> dict[NodeId, Node]:
    """Cluster root -> one full name `short` fits, over `pool`."""
    out: dict[NodeId, Node] = {}
    known = clusters.kb_of(short.id)
    first, last = folded_ends(short)
    designator = bool(designator_words(short.name, lex))  # asked once per short form, not per pair
    lone_part = short.type == "person" and len(short.parts) == 1  # may name a headline's subject
    for full in pool:
        if known and full.type != short.type:
            continue  # a knowledge entry ("Jordan", the country) is no one's surname
        if not (designator or lone_part or last in full.folded or first in full.folded):
            continue  # no part shared and no headline's subject: may_shorten says no
        if may_shorten(short, full, lex, first, last, designator):
            out.setdefault(clusters.find(full.id), full)
    return out


def may_shorten(
    short: Node, full: Node, lex: Lexicon, first: str, last: str, designator: bool | None = None
) -> bool:
    """Whether `short` may stand for `full` in their story, whatever the clusters hold
    (`first`, `last`: the short form's first and last parts, spelling folded;
    `designator`: whether it is made of generic words only, when asked already); read
    by the region scheme too (resolve/region.py), so the two cannot drift apart."""
    if full is short:
        return False
    if designator is None:
        designator = bool(designator_words(short.name, lex))
    shares = designator or last in full.folded or first in full.folded
    return (shares and fits(short, full, lex, in_story=True)) or headline_subject(short, full, lex)


def folded_ends(short: Node) -> tuple[str, str]:
    """The short form's first and last distinguishing parts, spelling folded."""
    if not short.name.specific:
        return "", ""
    return spelling_key(short.name.specific[0]), spelling_key(short.name.specific[-1])


def headline_subject(short: Node, full: Node, lex: Lexicon) -> bool:
    """A lone given name for the person the headline names in full: "Maya" in a story
    headlined "Maya Lindqvist wins ..." that names her "Maya Lindqvist" too. Elsewhere a
    given name alone is left alone: a story names a family's members by theirs."""
    if short.type != "person" or full.type != "person" or len(short.parts) != 1 or len(full.parts) < 2:
        return False
    return any(m.zone == "title" for m in full.mentions) and same_part(short.parts[0], full.parts[0], lex)


def resolve_short_forms(view: StoryView, clusters: Clusters, lex: Lexicon) -> tuple[list[Link], set[NodeId]]:
    """Links from short forms to the one full name they fit; and the short forms that
    fit two or more (ambiguous: never to be resolved elsewhere)."""
    links: list[Link] = []
    ambiguous: set[NodeId] = set()
    for short in sorted(view.nodes, key=lambda n: -len(n.parts)):
        candidates = short_form_candidates(short, view.nodes, clusters, lex)
        full = only_one_named_before(short, list(candidates.values()))
        if full is None and len(candidates) > 1:
            ambiguous.add(short.id)
            why = f"'{short.name.surface}' fits {len(candidates)} full names in {view.story_id}: left alone"
            clusters.ledger.ambiguous(SHORT_FORMS, short, candidates.values(), why)
        elif full is not None or candidates:
            full = full or next(iter(candidates.values()))
            link = Link(short.id, full.id, _short_reason(short, full, view.story_id))
            if clusters.union(link, SHORT_FORMS):
                links.append(link)
    return links, ambiguous


def only_one_named_before(short: Node, candidates: Sequence[Node]) -> Node | None:
    """Of several people a lone surname fits, the one the text named in full before it
    first used the surname, where only one was: "Franck Piccard ... Piccard won ...
    Piccard's siblings Leila Piccard and Ian Piccard". A writer who brings in a second
    bearer later names each in full; one who names two before the surname leaves it
    ambiguous."""
    if len(candidates) < 2 or short.type != "person" or len(short.parts) != 1:
        return None
    starts = [m.start for m in short.mentions if m.zone == "text"]
    if not starts:
        return None
    first = min(starts)
    before = [c for c in candidates if c.type == "person" and _first_in_text(c) < first]
    return before[0] if len(before) == 1 else None


def _first_in_text(node: Node) -> int:
    return min((m.start for m in node.mentions if m.zone == "text"), default=1 << 62)


def _short_reason(short: Node, full: Node, story_id: str) -> str:
    if full.type == "person" and len(short.parts) == 1:
        return (
            f"'{short.name.surface}' is the surname of '{full.name.surface}' in the same story ({story_id})"
        )
    return f"'{short.name.surface}' is a short form of '{full.name.surface}' in the same story ({story_id})"
