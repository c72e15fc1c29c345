"""The stored graph as the formats other than JSON read it: section by section, in
the order each format writes, a batch of items at a time with the entities and
stories that batch names (a `Lookup`, read by id for the batch only).

A CSV row, an FtM link or a STIX relationship names its entities and cites its
stories; gathering the whole graph first so that any item could be looked up took
memory in proportion to the store (1.5 GB at 100,000 stories). Read by batch, an
export holds one batch and what it names, whatever the store's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import Connection

from threadline.export.items import entity_item, event_item, fact_item, known_entities, section_items
from threadline.export.protocol import Section
from threadline.export.view import Lookup, named_entities
from threadline.store import Store, stream
from threadline.store.stream import StoryRef

BATCH = 500  # items read before their lookups: few queries, little held
EPOCH = "1970-01-01"

T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter), as they come."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class GraphReader:
    """One snapshot of the store (`Store.snapshot()`'s connection), read as the formats need it."""

    def __init__(self, store: Store, conn: Connection) -> None:
        self.conn = conn
        self.known = known_entities(store)

    def items(self, section: Section) -> Iterator[dict[str, Any]]:
        """The section's items (items.py), in export order, one at a time."""
        return section_items(self.conn, section, self.known)

    def chunks(self, section: Section) -> Iterator[list[dict[str, Any]]]:
        """The section's items a batch at a time."""
        return batched(self.items(section), BATCH)

    def batches(self, section: Section) -> Iterator[tuple[list[dict[str, Any]], Lookup]]:
        """The section's items a batch at a time, each with what its items name and cite."""
        for chunk in self.chunks(section):
            yield chunk, self.lookup(chunk)

    def lookup(self, items: Iterable[dict[str, Any]]) -> Lookup:
        entity_ids: set[str] = set()
        story_ids: set[str] = set()
        for item in items:
            entity_ids |= named_entities(item)
            story_ids.update(e["story"] for e in item.get("evidence") or ())
        return Lookup(self.entities(entity_ids), self.stories(story_ids))

    def entities(self, ids: Collection[str]) -> dict[str, dict[str, Any]]:
        """The entity items of `ids` (those stored)."""
        found = stream.entities_with_places(self.conn, ids) if ids else iter(())
        return {e.id: entity_item(e, place, self.known.get(e.kb_id or "")) for e, place in found}

    def stories(self, ids: Collection[str]) -> dict[str, StoryRef]:
        return {s.id: s for s in stream.story_refs(self.conn, ids)} if ids else {}

    def story_refs(self) -> Iterator[StoryRef]:
        """Every story, in export order, without its text."""
        return stream.story_refs(self.conn)

    def story_chunks(self) -> Iterator[list[StoryRef]]:
        """Every story, in export order, without its text, a batch at a time."""
        return batched(self.story_refs(), BATCH)

    def mentioned_in(self, entity_ids: Collection[str]) -> dict[str, list[str]]:
        """The stories that name each of the entities, in the mentions' order of stories."""
        found: dict[str, list[str]] = defaultdict(list)
        for entity, story in stream.entity_stories(self.conn, entity_ids) if entity_ids else ():
            found[entity].append(story)
        return found

    def latest_published(self) -> str:
        """The last publication date of any story: what dates a file that must not carry
        today's date (the same store gives the same bytes)."""
        return stream.latest_published(self.conn) or EPOCH

    def relations_from(self, subjects: Collection[str]) -> list[dict[str, Any]]:
        """The relation items (facts) whose subject is one of `subjects`, in export order."""
        return [fact_item(f) for f in stream.facts(self.conn, "fact", subjects)] if subjects else []

    def events_by_ids(self, ids: Collection[str]) -> dict[str, dict[str, Any]]:
        """The event items (events that are facts) of `ids`, by id."""
        return {e.id: event_item(e) for e in stream.events(self.conn, "fact", ids)} if ids else {}

    def claimed(self, event_ids: Collection[str]) -> set[tuple[str, str]]:
        """(event, claimant) of each claim of responsibility for one of the events."""
        return set(stream.claimed(self.conn, event_ids)) if event_ids else set()

    def relations_of(self, predicates: Collection[str]) -> Iterator[tuple[str, str, str]]:
        """(subject, predicate, object) of each relation with one of `predicates`."""
        return stream.facts_of_predicates(self.conn, predicates)
