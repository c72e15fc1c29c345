"""Reads the UI needs that the query layer does not offer: the judgements in order, and
the vocabulary's predicates. Through `Store`'s own readers or the vocabulary: no SQL here."""

from __future__ import annotations

from threadline.query.records import Judged
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocabulary import vocabulary_of


def judgements(store: Store) -> list[Judged]:
    """Every judgement, entity ones and reviews alike, oldest first."""
    return [Judged(j.kind, list(j.subjects), j.author, j.created, j.name, j.note) for j in store.judgements()]


def predicates(settings: Settings) -> list[str]:
    """The relation predicates of the ontology in use, for the network's filter."""
    return sorted(vocabulary_of(settings.data_dir).ontology.predicates)
