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
again, from the stories mentioning the triple's rarer entity; the other facts are kept
as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection

from threadline.extract.vocabulary import Ontology
from threadline.graph.cite import Citing
from threadline.graph.facts import facts_of
from threadline.graph.regions import Before, Change, copies_of, stories_of
from threadline.records import Assertion, Fact
from threadline.store import regions
from threadline.store.layout import Derived

Triple = tuple[str, str, str]


def facts_after_changes(
    conn: Connection, before: Before, change: Change, derived: Derived, ontology: Ontology
) -> list[Fact]:
    """Every fact, given those stored before and what changed since."""
    entity_of = derived.entity_of
    read = change.present | change.roots | stories_of(conn, change.mentions)
    read |= stories_of(conn, {m for e in change.entities for m in change.mentions_of.get(e, ())})
    told = regions.assertions_in(conn, read)
    affected = {t for a in told for t in (triple(a, entity_of), triple(a, before.entity_of)) if t}
    affected |= {
        key(f) for f in before.facts if _cites(f, read | change.stories) or _names(f, change.entities)
    }
    claims = _claims_on(conn, affected, change, told, read)
    citing = Citing(
        entity_of, copies_of(derived.duplicates), regions.outlets_of(conn, {a.story_id for a in claims})
    )
    types = {e.id: e.type for e in derived.entities}
    grouped = facts_of(claims, citing, types, ontology)
    kept = [f for f in before.facts if key(f) not in affected]
    return sorted((*kept, *grouped), key=key)


def triple(a: Assertion, entity_of: Mapping[str, str]) -> Triple | None:
    subject, obj = entity_of.get(a.subject), entity_of.get(a.object)
    return (subject, a.predicate, obj) if subject and obj else None


def key(f: Fact) -> Triple:
    return (f.subject, f.predicate, f.object)


def _cites(f: Fact, stories: Iterable[str] | set[str]) -> bool:
    return any(item["story"] in stories for item in (*f.evidence, *f.disputed_by))  # type: ignore[operator]


def _names(f: Fact, entities: frozenset[str]) -> bool:
    return f.subject in entities or f.object in entities


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
