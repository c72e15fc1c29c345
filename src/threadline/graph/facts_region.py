"""The facts step redone for what changed, equal to grouping every relation claim.

A fact is the group of claims on one (subject entity, predicate, object entity) triple
(facts.py); what it says depends only on those claims, on the entities' ids and types,
and on how its evidence is cited (the outlet and copy root of each cited story, the
entity of each attribution's mention). So a fact is grouped again only when

  * a claim in a changed story (written or removed) is, or was, on its triple;
  * a claim's subject, object or attribution mention changed entity (its story is read);
  * a story it cites changed its copy root;
  * its subject's or object's entity row changed (a type, say).

A claim that was on a triple but is not cited by its fact (a "possible" claim beside
asserted ones) changes nothing when it goes. Every claim on an affected triple is read
again, from the stories mentioning the triple's rarer entity.

The stored facts a change reaches are found by index, not by reading every fact: those
citing a changed story through the stories each fact cites (store/fact_links.py: a
removed story's claims are gone), those naming a changed entity by their subject and
object columns. Only the affected triples' facts are handed on, with a `Scope` of their
ids: the write reads, compares and replaces only those rows, and the others stay as
stored, which is what the whole step would give them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from threadline.extract.vocabulary import Ontology
from threadline.graph.cite import Citing
from threadline.graph.facts import fact_id, facts_of
from threadline.graph.regions import Change, copies_of, stories_of
from threadline.records import Assertion, Fact
from threadline.store import Store, fact_links, regions
from threadline.store.layout import Derived, Scope

Triple = tuple[str, str, str]


@dataclass(frozen=True)
class Regrouped:
    """The facts on the triples a change reaches (those of them that are facts now), and
    the scope of the write: the ids of every such triple, and the facts stored after."""

    facts: list[Fact]
    scope: Scope


def facts_after_changes(conn: Connection, change: Change, derived: Derived, ontology: Ontology) -> Regrouped:
    """The facts a change reaches, regrouped from their claims, given what changed."""
    entity_of = derived.entity_of
    read = change.present | change.roots | stories_of(conn, change.mentions)
    read |= stories_of(conn, {m for e in change.entities for m in change.mentions_of.get(e, ())})
    told = regions.assertions_in(conn, read)
    affected = {t for a in told for t in (triple(a, entity_of), triple(a, change.old_entity_of)) if t}
    affected |= fact_links.triples_citing(conn, read | change.stories)
    affected |= fact_links.triples_naming(conn, change.entities)
    claims = _claims_on(conn, affected, change, told, read)
    citing = Citing(
        entity_of, copies_of(derived.duplicates), regions.outlets_of(conn, {a.story_id for a in claims})
    )
    types = {e.id: e.type for e in derived.entities}
    grouped = facts_of(claims, citing, types, ontology)
    ids = frozenset(fact_id(*t) for t in affected)
    total = fact_links.facts_stored(conn) - fact_links.facts_stored(conn, ids) + len(grouped)
    return Regrouped(grouped, Scope("id", ids, total))


def with_every_fact(store: Store, derived: Derived) -> Derived:
    """`derived` with every fact, where the facts step handed on only its region's (a
    package's step after it reads them all): the stored facts outside the region beside
    the region's, in the whole step's order. The write still touches only the region."""
    scope = derived.scopes.get("facts")
    if scope is None or scope.total is None:
        return derived
    kept = [f for f in store.facts() if f.id not in scope.keys]
    facts = tuple(sorted((*kept, *derived.facts), key=key))
    return replace(derived, facts=facts, scopes={**derived.scopes, "facts": Scope(scope.column, scope.keys)})


def key(f: Fact) -> Triple:
    return (f.subject, f.predicate, f.object)


def triple(a: Assertion, entity_of: Mapping[str, str]) -> Triple | None:
    subject, obj = entity_of.get(a.subject), entity_of.get(a.object)
    return (subject, a.predicate, obj) if subject and obj else None


def _claims_on(
    conn: Connection,
    triples: set[Triple],
    change: Change,
    told: list[Assertion],
    read: set[str] | frozenset[str],
) -> list[Assertion]:
    """Every stored claim on one of these triples now: those of the stories mentioning
    each triple's entity with fewer mentions, beside those read already."""
    mentions: set[str] = set()
    for subject, _, obj in triples:
        sides = [change.mentions_of.get(subject, []), change.mentions_of.get(obj, [])]
        if all(sides):  # an entity with no mention now joins no claim
            mentions.update(sides[0] if len(sides[0]) <= len(sides[1]) else sides[1])
    stories = stories_of(conn, mentions) - read
    found = {a.id: a for a in (*told, *regions.assertions_in(conn, stories))}
    return [a for _, a in sorted(found.items()) if triple(a, change.entity_of) in triples]
