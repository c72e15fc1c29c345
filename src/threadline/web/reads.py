"""Reads the UI needs that the query layer does not offer (yet): a page of all entities,
the judgements in order, and the vocabulary's predicates and types. Each goes through
`Store`'s own readers or the vocabulary: no SQL here."""

from __future__ import annotations

from threadline.query.records import EntityMatch, Judged
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import vocabulary_of


def all_entities(store: Store, entity_type: str | None = None) -> list[EntityMatch]:
    """Every entity (of a type), by name. It reads the whole entity table: a listing for a
    person to browse, not a lookup (find_entities is the indexed one)."""
    found = [e for e in store.entities() if entity_type is None or e.type == entity_type]
    found.sort(key=lambda e: (e.name.casefold(), e.id))
    return [EntityMatch(e.id, e.name, e.type, list(e.aliases), e.name, 1.0, 0) for e in found]


def judgements(store: Store) -> list[Judged]:
    """Every judgement, entity ones and reviews alike, oldest first."""
    return [Judged(j.kind, list(j.subjects), j.author, j.created, j.name, j.note) for j in store.judgements()]


def predicates(settings: Settings) -> list[str]:
    """The relation predicates of the ontology in use, for the network's filter."""
    return sorted(vocabulary_of(settings.data_dir).ontology.predicates)
