"""The facts step: relation claims grouped by the resolved entities they join.

Claims on one (subject entity, predicate, object entity) make one Fact: asserted by
some (a fact, contested when others deny it), only denied (no fact: a denial), or
only possible, planned or past. Claims whose entities' types do not fit the predicate
(a person cannot lead a person) or that join an entity to itself are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from threadline.extract.vocabulary import Ontology
from threadline.graph.cite import Citing, counted, firmest, split_by_standing
from threadline.records import Assertion, Fact, Standing, content_id


def fact_id(subject: str, predicate: str, obj: str) -> str:
    """From the entities and predicate alone: the same fact keeps its id as claims come and go."""
    return content_id("f", subject, predicate, obj)


def facts_of(
    assertions: Iterable[Assertion], citing: Citing, types: Mapping[str, str], ontology: Ontology
) -> list[Fact]:
    """One Fact per (subject, predicate, object) entity triple, ordered by that triple; a
    triple whose entity types the ontology's predicate does not allow is no fact."""
    grouped: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in assertions:
        subject, obj = citing.entity_of.get(a.subject), citing.entity_of.get(a.object)
        typed = subject and obj and ontology.allows(a.predicate, types.get(subject, ""), types.get(obj, ""))
        if subject and obj and subject != obj and typed:
            grouped[(subject, a.predicate, obj)].append(a)
    found = []
    for (subject, predicate, obj), told in sorted(grouped.items()):
        support, dissent, unsettled = (citing.items(side) for side in split_by_standing(told))
        standing: Standing = "fact" if support else "denial" if dissent else "unasserted"
        evidence = support or dissent or unsettled
        sources, independent = counted(evidence, citing.roots)
        found.append(
            Fact(
                id=fact_id(subject, predicate, obj),
                subject=subject,
                predicate=predicate,
                object=obj,
                standing=standing,
                modality=firmest(evidence),
                evidence=evidence,
                disputed_by=dissent if support else (),
                sources=sources,
                independent_sources=independent,
            )
        )
    return found
