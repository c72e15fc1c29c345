"""What a change reaches, for the steps after resolution (places, events, facts).

A refresh after an ingest changes some stories; resolution then gives each mention an
entity (complete: `Derived.entity_of`, `Derived.entities`). Comparing that with the
rows stored by the refresh before says what moved, and the places, events and facts
steps redo only what depends on it (graph/facts_region.py, graph/places_region.py,
graph/events_region.py), keeping their other stored rows:

  * `stories`: written or removed since the stored rows (store/changes.py);
  * `mentions`: mentions whose entity differs (new, gone, or joined to another);
  * `entities`: entity ids new, gone, or whose row (type, name, aliases, link) differs;
  * `roots`: stories whose earliest copy differs (the duplicates step's new rows).

The stored rows are those of the refresh's snapshot, read once (`Before`), before this
refresh writes its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from sqlalchemy import Connection

from threadline.records import Duplicate, Entity, GraphEvent, Place, Responsibility
from threadline.store import Store, changes, regions
from threadline.store.baseline import Baseline, StoredLinks, derived_writes, links_against, stored_entities
from threadline.store.layout import Derived

T = TypeVar("T")
# the parts of `Before` the write can compare with: mention links, and records by id
HELD = ("entity_of", "duplicates", "events", "responsibilities")


class Before:
    """The derived rows as the refresh before this one stored them, read on first use.

    Each read notes the store's count of derived writes in its snapshot: the rows held
    here that were all read at one count are handed to the write (`baseline`), which
    compares the new rows with them in memory where no write came since
    (store/baseline.py)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._change: tuple[tuple[object, ...], Change] | None = None
        self._writes: set[int] = set()

    def _read(self, read: Callable[[], T]) -> T:
        with self.store.snapshot() as conn:
            self._writes.add(derived_writes(conn))
            return read()

    @cached_property
    def entity_of(self) -> dict[str, str]:
        return self._read(self.store.entity_of)

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return self._read(self._stored_entities)

    def _stored_entities(self) -> dict[str, Entity]:
        with self.store.snapshot() as conn:  # the snapshot `_read` pinned
            return stored_entities(conn)

    @cached_property
    def duplicates(self) -> list[Duplicate]:
        return self._read(self.store.duplicates)

    @cached_property
    def roots(self) -> dict[str, str]:
        return copies_of(self.duplicates)

    @cached_property
    def places(self) -> dict[str, Place]:
        return self._read(self.store.places)

    @cached_property
    def events(self) -> list[GraphEvent]:
        return self._read(self.store.events)

    @cached_property
    def responsibilities(self) -> list[Responsibility]:
        return self._read(self.store.responsibilities)

    def baseline(self) -> Baseline | None:
        """The stored rows held so far, for the write; None when none was read, or when
        they were read at different counts of derived writes (not one state)."""
        if len(self._writes) != 1:
            return None
        held = {part: self.__dict__[part] for part in HELD if part in self.__dict__}
        return Baseline(next(iter(self._writes)), entity_of=held.pop("entity_of", None), records=held)

    def change(self, conn: Connection, stories: set[str], derived: Derived) -> Change:
        """What moved between these rows and `derived`, given the stories changed since
        (computed once per refresh: the steps after resolution share it)."""
        key = (derived.entity_of, derived.entities, derived.duplicates)
        if self._change is not None and all(a is b for a, b in zip(self._change[0], key, strict=True)):
            return self._change[1]
        old = self._links(conn, stories, derived.entity_of)
        found = Change(
            stories=frozenset(stories),
            present=frozenset(changes.present(conn, stories)),
            mentions=frozenset(
                old.moved() if isinstance(old, StoredLinks) else moved_mentions(old, derived.entity_of)
            ),
            entities=frozenset(changed_entities(self.entities, derived.entities)),
            roots=frozenset(moved_roots(self.roots, copies_of(derived.duplicates))),
            old_entity_of=old,
            entity_of=derived.entity_of,
        )
        self._change = (key, found)
        return found

    def _links(self, conn: Connection, stories: set[str], now: Mapping[str, str]) -> Mapping[str, str]:
        """The stored mention links, held as what differs from resolution's (`now`)
        where every mention `now` has outside the changed stories has one stored; else
        whole (read once: `entity_of` then gives them, and the write compares with them)."""
        if "entity_of" not in self.__dict__:

            def against() -> StoredLinks | None:
                return links_against(
                    regions.mention_links(conn), now, regions.unlinked_mentions_in(conn, stories)
                )

            self.__dict__["entity_of"] = self._read(against) or self._read(self.store.entity_of)
        return self.entity_of


@dataclass(frozen=True)
class Change:
    """What a refresh changed, as the steps after resolution see it (module docstring)."""

    stories: frozenset[str]
    present: frozenset[str]  # those of `stories` still stored
    mentions: frozenset[str]
    entities: frozenset[str]
    roots: frozenset[str]
    old_entity_of: Mapping[str, str]
    entity_of: Mapping[str, str]

    @cached_property
    def mentions_of(self) -> dict[str, list[str]]:
        """Entity id -> the ids of its mentions, as resolution gives them now."""
        found: dict[str, list[str]] = defaultdict(list)
        for mention, entity in self.entity_of.items():
            found[entity].append(mention)
        return found

    def touched_entities(self) -> set[str]:
        """Entities that gained or lost a mention, or whose row changed."""
        moved = {e for m in self.mentions for e in (self.old_entity_of.get(m), self.entity_of.get(m)) if e}
        return moved | self.entities


def copies_of(duplicates: Sequence[Duplicate]) -> dict[str, str]:
    """Story id -> its earliest copy, for the stories that are copies (others: themselves)."""
    return {d.story_id: d.duplicate_of for d in duplicates if d.kind == "story"}


def moved_mentions(before: Mapping[str, str], now: Mapping[str, str]) -> set[str]:
    """Mentions whose entity differs, or that one side lacks."""
    moved = {m for m, e in now.items() if before.get(m) != e}
    return moved | {m for m in before if m not in now}


def changed_entities(before: Mapping[str, Entity], now: Sequence[Entity]) -> set[str]:
    """Entity ids new, gone, or whose row differs."""
    ids = {e.id for e in now}
    return {e.id for e in now if before.get(e.id) != e} | (set(before) - ids)


def moved_roots(before: Mapping[str, str], now: Mapping[str, str]) -> set[str]:
    """Stories whose earliest copy differs."""
    return {s for s in set(before) | set(now) if before.get(s) != now.get(s)}


def stories_of(conn: Connection, mentions: set[str] | frozenset[str]) -> set[str]:
    """The stored stories of these mentions (a mention of a removed story has none)."""
    return set(regions.mention_stories(conn, mentions).values())
