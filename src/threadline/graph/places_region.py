"""The places step redone for what changed, equal to pinning every location entity.

Where a location entity is pinned (places/step.py) depends on its name and aliases,
and on the countries of the stories its mentions are in, counted per mention in the
stories' order; a story's countries depend only on that story (its dateline, the
places and peoples it names) and on the gazetteer. So an entity is pinned again only
when it is new, its row changed, a mention joined or left it, or one of its mentions
is in a changed story; the others keep their stored place (or stay unpinned).

The gazetteer is the knowledge files' and the store's reference entities: a `kb add`
refreshes with no story changed, which runs the step whole; after new knowledge files,
`threadline rebuild` does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from sqlalchemy import Connection

from threadline.graph.regions import Before, Change, stories_of
from threadline.records import Entity, Mention, Place
from threadline.store import regions
from threadline.store.layout import Derived

# pins these location entities, given every mention of their stories and those stories' texts
Pin = Callable[[Sequence[Entity], Sequence[Mention], Mapping[str, str]], Mapping[str, Place]]


def places_after_changes(
    conn: Connection, before: Before, change: Change, derived: Derived, pin: Pin
) -> dict[str, Place]:
    """Every location entity's place, given those stored before and what changed since."""
    locations = [e for e in derived.entities if e.type == "location"]
    in_changed = {change.entity_of.get(m.id) for m in regions.mentions_in(conn, change.present)}
    touched = change.touched_entities() | {e for e in in_changed if e}
    again = [e for e in locations if e.id in touched]
    mentions = {m for e in again for m in change.mentions_of.get(e.id, ())}
    stories = stories_of(conn, mentions)
    pinned = pin(again, regions.mentions_in(conn, stories), regions.texts_of(conn, stories)) if again else {}
    redone = {e.id for e in again}
    found = {}
    for entity in locations:
        place = pinned.get(entity.id) if entity.id in redone else before.places.get(entity.id)
        if place is not None:
            found[entity.id] = place
    return found
