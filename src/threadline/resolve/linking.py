"""Steps 3 to 5 of resolution (see the package docstring): links from the text, inside
each story, then across stories. Each story, and each link, is one unit: a unit that
raises is recorded in `failures` and the others go on (isolate.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from threadline.errors import Failures
from threadline.records import EntityType
from threadline.resolve import cross_story, expand, within_story
from threadline.resolve.acronyms import AcronymDefinition
from threadline.resolve.cluster import Clusters, Link
from threadline.resolve.isolate import attempt, each, names_of
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.nodes import Node, NodeId
from threadline.resolve.story_text import StoryText
from threadline.resolve.surroundings import Surroundings

View = within_story.StoryView
SCORED = "scored pairs"  # the step's name in the decisions ledger


def link_nodes(
    nodes: Mapping[NodeId, Node],
    texts: Mapping[str, StoryText],
    clusters: Clusters,
    failures: Failures | None,
    around: Surroundings | None = None,
) -> None:
    """Every automatic link after the analyst's and the knowledge files'; `around`: for
    a region, what the rest of the corpus gives (surroundings.py)."""
    views = within_story.story_views(nodes, texts, around.text_mentions if around else None)
    definitions = [d for view in views for d in _in_text(view, clusters, failures)]
    if around is not None:
        definitions = list(around.definitions)
    ambiguous: set[NodeId] = set()
    for view in views:
        found = attempt(failures, _story(view, "short forms"), partial(_short_forms, view, clusters))
        ambiguous |= found or set()
    _across_stories(nodes, views, definitions, ambiguous, clusters, failures)


def _story(view: View, what: str) -> Callable[[], str]:
    """The unit in words, said only if it fails (isolate.attempt)."""
    return lambda: f"{what} in story {view.story_id}: {names_of(view.nodes)}"


def _in_text(view: View, clusters: Clusters, failures: Failures | None) -> list[AcronymDefinition]:
    """The story's acronym definitions, linked with stated aliases and initials."""
    lex = clusters.lex
    pairs = attempt(failures, _story(view, "acronym definitions"), partial(_definitions, view, lex)) or []
    clusters.apply((link for _, link in pairs if link), "acronym definitions")
    clusters.apply(within_story.alias_links(view), "stated aliases", _story(view, "stated aliases"))
    clusters.apply(within_story.initials_links(view, clusters, lex), "initials", _story(view, "initials"))
    return [d for d, _ in pairs]


def _definitions(view: View, lex: Lexicon) -> list[tuple[AcronymDefinition, Link | None]]:
    return list(within_story.definition_links(view, lex))


def _short_forms(view: View, clusters: Clusters) -> set[NodeId]:
    return within_story.resolve_short_forms(view, clusters, clusters.lex)[1]


def _across_stories(
    nodes: Mapping[NodeId, Node],
    views: Sequence[View],
    definitions: Sequence[AcronymDefinition],
    ambiguous: set[NodeId],
    clusters: Clusters,
    failures: Failures | None,
) -> None:
    lex = clusters.lex
    types: dict[str, EntityType] = (
        attempt(failures, "name types", partial(cross_story.key_types, nodes.values())) or {}
    )
    clusters.apply(cross_story.acronym_links(nodes, definitions, clusters, lex), "defined acronyms")
    _expansions(nodes, views, definitions, clusters, failures)
    clusters.apply(cross_story.equal_name_links(nodes, types, clusters), "equal names")
    _scored(nodes, types, clusters, failures)
    lone = [n for n in nodes.values() if _is_lone(n, ambiguous)]
    links, unmatched = cross_story.lone_short_links(lone, nodes, clusters, lex, failures)
    clusters.apply(links, cross_story.LONE_SHORT_FORMS)
    bare = [n for n in unmatched if cross_story.is_bare_person(n, types)]
    clusters.apply(cross_story.same_surname_links(bare), "lone surnames")


def _scored(
    nodes: Mapping[NodeId, Node],
    types: Mapping[str, EntityType],
    clusters: Clusters,
    failures: Failures | None,
) -> None:
    """Block → score → decide → apply, for pairs of different names across stories: a
    pair below the bar is recorded as refused (unless one entity holds both already),
    one above it goes to the guards."""
    pairs = cross_story.scored_pairs(nodes, types, clusters.lex, failures)
    for p in cross_story.below_bar(pairs):
        if p.why and clusters.find(p.a.id) != clusters.find(p.b.id):
            clusters.ledger.record(SCORED, "refused", p.a, p.b, f"below the bar: {p.why}", p.value)
    clusters.apply(cross_story.scored_links(pairs), SCORED)


def _expansions(
    nodes: Mapping[NodeId, Node],
    views: Sequence[View],
    definitions: Sequence[AcronymDefinition],
    clusters: Clusters,
    failures: Failures | None,
) -> None:
    """Names holding an acronym, spelled out, story by story."""
    lex = clusters.lex
    known = [n for n in nodes.values() if n.is_known]
    corpus = (
        attempt(failures, "the corpus's acronyms", partial(expand.corpus_table, definitions, known, lex))
        or {}
    )
    by_key = expand.first_by_key(nodes.values())

    def story_links(view: View) -> list[Link]:
        holding = [n for n in view.nodes if expand.holds_acronym(n.name.surface)]
        if not holding:  # no name to spell out: the same (no) links, with no table read
            return []
        table = expand.story_table(view.nodes, lex)
        return list(expand.expansion_links([(holding, table)], corpus, by_key, lex))

    clusters.apply(
        each(failures, views, lambda v: _story(v, "acronyms spelled out")(), story_links), "expansions"
    )


def _is_lone(node: Node, ambiguous: set[NodeId]) -> bool:
    """A name that may still stand for a fuller one elsewhere: not a knowledge entry,
    not an acronym, not found ambiguous in its own story."""
    return not (node.is_known or node.id in ambiguous or node.name.is_acronym or not node.parts)
