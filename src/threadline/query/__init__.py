"""The query layer: importable reads over a stored graph (and the analyst's corrections),
for the CLI, the HTTP API and the evidence brief alike. Every function takes a `Store`,
runs targeted, indexed SQL and returns typed records with `to_dict()`; none runs
extraction or loads the whole store."""

from threadline.query.detail import entity_detail
from threadline.query.errors import Contradiction, NotInStore, UnknownEntity, UnknownRecord, UnknownStory
from threadline.query.events import list_events
from threadline.query.index import ensure_index, refresh_search_index
from threadline.query.listing import get_event, get_fact, list_entities, list_facts
from threadline.query.lookup import AmbiguousName, find_entities, one_entity
from threadline.query.network import network
from threadline.query.review import merge_entities, rename_entity, review, split_entity
from threadline.query.search import search
from threadline.query.stories import story
from threadline.query.why import why

__all__ = [
    "AmbiguousName",
    "Contradiction",
    "NotInStore",
    "UnknownEntity",
    "UnknownRecord",
    "UnknownStory",
    "ensure_index",
    "entity_detail",
    "find_entities",
    "get_event",
    "get_fact",
    "list_entities",
    "list_events",
    "list_facts",
    "merge_entities",
    "network",
    "one_entity",
    "refresh_search_index",
    "rename_entity",
    "review",
    "search",
    "split_entity",
    "story",
    "why",
]
