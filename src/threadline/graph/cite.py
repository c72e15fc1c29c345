"""Evidence as readers cite it: each claim's quote with its modality, who says it
(resolved to an entity), through which outlet, and how many independent stories
stand behind a set of quotes (a re-published copy is no second source)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from threadline.records import (
    FIRMNESS,
    NOT_A_FACT,
    NOT_NOW,
    Assertion,
    Cited,
    Claim,
    Duplicate,
    EventMention,
)

Told = Assertion | EventMention | Claim


def root_of(stories: Iterable[str], duplicates: Iterable[Duplicate]) -> dict[str, str]:
    """Story id -> id of the earliest copy (itself when it is no copy)."""
    duplicate_of = {d.story_id: d.duplicate_of for d in duplicates if d.kind == "story"}
    return {s: duplicate_of.get(s, s) for s in stories}


def counted(evidence: Sequence[Cited], roots: Mapping[str, str]) -> tuple[int, int]:
    """Stories behind the evidence, and how many of them are not copies of another."""
    stories = {e["story"] for e in evidence}
    return len(stories), len({roots.get(s, s) for s in stories})


def split_by_standing(told: Sequence[Told]) -> tuple[list[Told], list[Told], list[Told]]:
    """Those that state the fact, those that deny or negate it, and those that state it
    only as possible, planned or past."""
    stating = [t for t in told if t.modality not in NOT_A_FACT | NOT_NOW]
    return stating, [t for t in told if t.modality in NOT_A_FACT], [t for t in told if t.modality in NOT_NOW]


def firmest(evidence: Sequence[Cited]) -> Any:
    return min((e["modality"] for e in evidence), key=FIRMNESS.index)


@dataclass(frozen=True)
class Citing:
    """What citing a claim's evidence needs: resolved entities, story copies, outlets."""

    entity_of: Mapping[str, str]
    roots: Mapping[str, str]
    outlets: Mapping[str, str | None]  # story id -> the outlet that published it

    def attribution(self, told: Told) -> dict[str, Any]:
        """kind, text, the source's mention and entity, and the outlet it was told to
        (`via`); the outlet itself, by name, when no one else is cited."""
        item = asdict(told.attribution)
        if told.attribution.kind == "outlet" and item["text"] is None:
            item["text"] = self.outlets.get(told.story_id)
        item["entity"] = self.entity_of.get(told.attribution.mention_id or "")
        return item

    def items(self, told: Sequence[Told]) -> tuple[Cited, ...]:
        """One evidence item per quote, in story order; of two claims on one quote, the
        firmer one's."""
        ranked = sorted(
            told, key=lambda c: (c.evidence.story_id, c.evidence.start, FIRMNESS.index(c.modality))
        )
        found: dict[tuple[str, int, int], Cited] = {}
        for claim in ranked:
            item = self.item(claim)
            found.setdefault((item["story"], item["start"], item["end"]), item)
        return tuple(found.values())

    def item(self, claim: Told) -> Cited:
        evidence = claim.evidence
        item: Cited = {
            "story": evidence.story_id,
            "quote": evidence.quote,
            "start": evidence.start,
            "end": evidence.end,
            "zone": evidence.zone,
            "modality": claim.modality,
            "attribution": self.attribution(claim),
        }
        if isinstance(claim, Assertion):
            item.update(role=claim.role, extractor=claim.extractor)
        return item
