"""The graph gathered whole, for the formats that do not stream yet (GEXF,
GraphML): every item of every section, with the readings they share.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TextIO

from threadline.export.protocol import SECTIONS, Item

HEDGED = frozenset({"reported", "claimed", "alleged"})  # asserted by someone, not by the outlet
ARMED_KINDS = frozenset({"armed_group", "umbrella"})  # knowledge kinds of armed actors
ARMED_ROLES = frozenset({"attacker", "perpetrator"})  # event roles only an armed actor plays
ARMED_PREDICATES = frozenset({"backed_by"})  # "Iran-backed X": the subject is a proxy force
FIGHTING = frozenset({"attack", "abduction"})  # event types whose every side is armed ("clashes between")


@dataclass
class GraphView:
    """Every item of one export, by section, in the order given."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: {s: [] for s in SECTIONS})

    def add(self, item: Item) -> None:
        self.sections[item.section].append(item.data)

    @cached_property
    def entities(self) -> dict[str, dict[str, Any]]:
        return {e["id"]: e for e in self.sections["entities"]}

    @cached_property
    def stories(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.sections["stories"]}

    @cached_property
    def mentioned_in(self) -> dict[str, list[str]]:
        """The stories that name each entity, in story order."""
        found: dict[str, dict[str, None]] = defaultdict(dict)
        for mention in self.sections["mentions"]:
            if mention["entity"]:
                found[mention["entity"]][mention["story"]] = None
        return {entity: list(stories) for entity, stories in found.items()}

    @cached_property
    def latest_published(self) -> str:
        """The last publication date of any story: what dates a file that must not carry
        today's date (the same store gives the same bytes)."""
        return max((s["published"] for s in self.sections["stories"] if s["published"]), default="1970-01-01")

    def name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id or "")
        return entity["name"] if entity else ""

    def event_title(self, event: dict[str, Any]) -> str:
        """ "attack 2025-03-12 in Ain al-Asad Air Base": type, date and place, as far as known."""
        where = self.name(event["location"])
        return " ".join(x for x in (event["type"], event["date"] or "", f"in {where}" if where else "") if x)

    def story_ids(self, item: dict[str, Any]) -> list[str]:
        """The stories an item's evidence cites, each once, in the order cited."""
        return list(dict.fromkeys(e["story"] for e in item["evidence"]))

    def reported(self, item: dict[str, Any]) -> tuple[str | None, str | None]:
        """The first and last publication date of the stories behind an item."""
        dates = sorted(d for d in (self.stories[s]["published"] for s in self.story_ids(item)) if d)
        return (dates[0], dates[-1]) if dates else (None, None)

    def citation(self, story_id: str) -> str:
        """How a reader finds a story: its URL, else its file or feed record (and place in it)."""
        story = self.stories[story_id]
        if story.get("url"):
            return str(story["url"])
        return str(story["source"]) if story["index"] == 0 else f"{story['source']}#{story['index']}"

    def is_armed(self, entity_id: str) -> bool:
        """An armed group: so listed in a knowledge file, or, unlisted, one that fights
        (attacker or abductor, a side in clashes, a claimant of an attack), is said to be
        backed by someone, or is part of or the umbrella of such a group."""
        entity = self.entities[entity_id]
        if entity["type"] != "organization":
            return False
        if entity.get("kind"):
            return entity["kind"] in ARMED_KINDS
        return entity_id in self._armed

    @cached_property
    def _armed(self) -> frozenset[str]:
        relations = self.sections["relations"]
        found = {r["subject"] for r in relations if r["predicate"] in ARMED_PREDICATES}
        found |= {c["claimant"] for c in self.sections["claims"] if c["kind"] == "responsibility"}
        for event in self.sections["events"]:
            fighting = ARMED_ROLES | ({"participant"} if event["type"] in FIGHTING else set())
            found |= {p for p, role in event["roles"].items() if role in fighting}
        found |= {e["id"] for e in self.sections["entities"] if e.get("kind") in ARMED_KINDS}
        parts = [(r["subject"], r["object"]) for r in relations if r["predicate"] == "part_of"]
        while True:  # a faction of an armed group or umbrella, an umbrella of armed factions
            grown = found | {x for pair in parts if found.intersection(pair) for x in pair}
            if grown == found:
                return frozenset(found)
            found = grown


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


class Gathering:
    """An exporter that gathers every item, then writes its format from the whole graph."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.view = GraphView()

    def write(self, item: Item) -> None:
        self.view.add(item)

    def finalize(self) -> None:
        self.emit(self.view)

    def emit(self, view: GraphView) -> None:
        raise NotImplementedError
