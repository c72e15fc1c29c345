"""The few readings the formats other than JSON share (a name for an id, the stories
behind a fact, its first and last report, whether it is hedged, how sure it is), made
from a `Lookup`: the entities and stories one batch of items names, read for that
batch only (export/reader.py), so that no format holds the store to write a link.

Nothing here merges or infers: every reading is of stored items only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from threadline.store.stream import StoryRef

HEDGED = frozenset({"reported", "claimed", "alleged"})  # asserted by someone, not by the outlet


@dataclass(frozen=True, slots=True)
class Lookup:
    """The entity items (items.py) and the stories a batch of items names, by id."""

    entities: dict[str, dict[str, Any]]
    stories: dict[str, StoryRef]

    def name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id or "")
        return entity["name"] if entity else ""

    def event_title(self, event: dict[str, Any]) -> str:
        """ "attack 2025-03-12 in Ain al-Asad Air Base": type, date and place, as far as known."""
        where = self.name(event["location"])
        return " ".join(x for x in (event["type"], event["date"] or "", f"in {where}" if where else "") if x)

    def reported(self, item: dict[str, Any]) -> tuple[str | None, str | None]:
        """The first and last publication date of the stories behind an item."""
        dates = sorted(d for d in (self.stories[s].published for s in story_ids(item)) if d)
        return (dates[0], dates[-1]) if dates else (None, None)

    def citation(self, story_id: str) -> str:
        """How a reader finds a story: its URL, else its file or feed record (and place in it)."""
        return self.stories[story_id].citation


def story_ids(item: dict[str, Any]) -> list[str]:
    """The stories an item's evidence cites, each once, in the order cited."""
    return list(dict.fromkeys(e["story"] for e in item["evidence"]))


def named_entities(item: dict[str, Any]) -> set[str]:
    """The entities a relation, event or claim names (what its row writes by name)."""
    named = {item.get(key) for key in ("subject", "object", "location", "claimant")}
    named.update(item.get("participants") or (), item.get("roles") or ())
    return {x for x in named if x}


def first_quote(item: dict[str, Any]) -> str:
    return str(item["evidence"][0]["quote"]) if item["evidence"] else ""


def hedged(item: dict[str, Any]) -> bool:
    """Whether even the firmest report of it is someone's claim the outlet does not make its own."""
    return item.get("modality") in HEDGED


def confidence(item: dict[str, Any]) -> int:
    """0-100, as STIX reads it: 50 for one independent source, 20 more for each other
    one (at most 90), 20 less when hedged and 20 less when another source denies it."""
    score = min(90, 30 + 20 * int(item.get("independent_sources") or 1))
    score -= 20 if hedged(item) else 0
    score -= 20 if item.get("contested") else 0
    return max(10, score)
