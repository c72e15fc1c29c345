"""The places step redone for what changed, equal to pinning every location entity.

Where a location entity is pinned (places/step.py) depends on its name and aliases,
and on the countries of the stories its mentions are in, counted per mention in story
order (its tally); a story's countries depend only on that story (its dateline, the
places and peoples it names) and on the gazetteer. So an entity is pinned again only
when it is new, its row changed, a mention joined or left it, or one of its mentions
is in a changed story; the others keep their stored place (or stay unpinned).

The tallies are kept (`place_tallies`). An entity that only gained mentions adds their
stories' countries to its kept tally: a place named in every story costs the new
stories, not every story naming it. One that lost a mention, or had one in a changed
story, is counted again from all its stories.

The gazetteer is the knowledge files' and the store's reference entities: a `kb add`
refreshes with no story changed, which runs the step whole; so does a refresh whose
knowledge differs from the stored rows' (graph/steps.py `Inputs.change`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from threadline.graph.regions import Before, Change
from threadline.places.step import Tally, add_mention, country_tallies
from threadline.records import Entity, Mention, Place
from threadline.store import regions
from threadline.store.layout import Derived


@dataclass(frozen=True)
class Pinning:
    """What the step pins with: a story's countries, and an entity pinned by its tally."""

    countries: Callable[[Sequence[Mention], Mapping[str, str]], Mapping[str, list[str]]]
    pin: Callable[[Sequence[Entity], Mapping[str, Tally]], Mapping[str, Place]]


@dataclass(frozen=True)
class Pinned:
    places: dict[str, Place]
    tallies: dict[str, Tally]


def places_after_changes(
    conn: Connection, before: Before, change: Change, derived: Derived, pinning: Pinning
) -> Pinned:
    """Every location entity's place and tally, given those stored and what changed since."""
    locations = [e for e in derived.entities if e.type == "location"]
    kept = regions.kept_tallies(conn)
    in_changed = regions.mentions_in(conn, change.present)
    touched = change.touched_entities() | {change.entity_of.get(m.id, "") for m in in_changed}
    again = [e for e in locations if e.id in touched]
    gained, lost = _moves(change)
    lost |= {change.old_entity_of[m.id] for m in in_changed if m.id in change.old_entity_of}
    adding = {e.id for e in again if e.id in kept and e.id not in lost}
    counting = {e.id for e in again} - adding
    read = {m for e in adding for m in gained.get(e, ())} | {
        m for e in counting for m in change.mentions_of.get(e, ())
    }
    story_of = regions.mention_stories(conn, read)
    stories = set(story_of.values())
    mentions = regions.mentions_in(conn, stories)
    by_story = pinning.countries(mentions, regions.texts_of(conn, stories))
    tallies = country_tallies(mentions, change.entity_of, by_story, counting)
    for added in adding:
        tallies[added] = tally = dict(kept[added])
        for m in gained.get(added, ()):
            add_mention(tally, story_of[m], by_story.get(story_of[m], []))
    pinned = pinning.pin(again, tallies) if again else {}
    places: dict[str, Place] = {}
    found: dict[str, Tally] = {}
    for entity in locations:
        redone = entity.id in tallies
        place = pinned.get(entity.id) if redone else before.places.get(entity.id)
        if place is not None:
            places[entity.id] = place
        if redone or entity.id in kept:
            found[entity.id] = tallies[entity.id] if redone else kept[entity.id]
    return Pinned(places, found)


def _moves(change: Change) -> tuple[dict[str, list[str]], set[str]]:
    """Entity id -> the mentions it gained; the entities that lost one."""
    gained: dict[str, list[str]] = defaultdict(list)
    lost: set[str] = set()
    for m in change.mentions:
        old, new = change.old_entity_of.get(m), change.entity_of.get(m)
        if new is not None:
            gained[new].append(m)
        if old is not None:
            lost.add(old)
    return gained, lost
