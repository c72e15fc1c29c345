"""The event-argument, claim and happening vocabularies: slots and roles, claim and
denial cues, the cues of clauses that tell no happening, the contexts of war words
that are no events.

Read from the same data files as `threadline.extract.vocabulary` (ontology.yaml's
`event_types.*.slots`, `event_types.*.by_head` and `claims`; event_triggers.yaml's
`arguments` and `contexts`; modality.yaml's `happening`), which that loader leaves
aside. A malformed entry raises DataFileError naming the file and the entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from threadline.errors import DataFileError
from threadline.settings import DATA_DIR
from threadline.vocab import load_yaml
from threadline.vocabulary import active, elsewhere

SLOTS = ("agent", "patient", "with")
FALLBACK_ROLE = "participant"


@dataclass(frozen=True, slots=True)
class SlotLexicon:
    """Where a participant stands in the parse, and the role that gives per event type."""

    agent_preps: frozenset[str]
    patient_preps: frozenset[str]
    with_preps: frozenset[str]
    patient_subject_verbs: frozenset[str]
    patient_possessor_nouns: frozenset[str]
    slots: Mapping[str, Mapping[str, str]]  # event type -> slot -> role
    by_head: Mapping[str, Mapping[str, Mapping[str, str]]]  # event type -> head lemma -> slot -> role

    def role(self, event_type: str, slot: str | None, head: str | None = None) -> str:
        """The ontology role of a participant in this slot of the word `head` (a lemma)."""
        if slot is None:
            return FALLBACK_ROLE
        override = self.by_head.get(event_type, {}).get(head or "", {})
        return override.get(slot) or self.slots.get(event_type, {}).get(slot) or FALLBACK_ROLE


@dataclass(frozen=True, slots=True)
class ClaimCues:
    claimable: frozenset[str]  # event types
    claim_verbs: frozenset[str]
    deny_verbs: frozenset[str]
    having_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    doing_verbs: frozenset[str]
    responsibility_nouns: frozenset[str]
    role_nouns: frozenset[str]
    role_preps: frozenset[str]


def _words(entry: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    items = entry.get(key) or ()
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise DataFileError(f"{where}: {key} must be a list of words; quote a bare no/on/yes")
    return frozenset(i.lower() for i in items)


def _slot_map(entry: Any, roles: Mapping[str, Any], where: str) -> dict[str, str]:
    if not isinstance(entry, Mapping) or not set(entry) <= set(SLOTS):
        raise DataFileError(f"{where}: slots {entry!r} must map {', '.join(SLOTS)} to roles")
    unknown = [r for r in entry.values() if r not in roles]
    if unknown:
        raise DataFileError(f"{where}: slots name roles {unknown} the event type does not list")
    return {str(k): str(v) for k, v in entry.items()}


def load_slots(data_dir: Path | None = None) -> SlotLexicon:
    """The active vocabulary's event_slots (threadline.vocabulary); another folder's, read afresh."""
    return read_slots(data_dir) if data_dir is not None and elsewhere(data_dir) else active().event_slots


def read_slots(data_dir: Path = DATA_DIR) -> SlotLexicon:
    """Slot cues from event_triggers.yaml, slot-to-role maps from ontology.yaml."""
    where = str(data_dir / "ontology.yaml")
    types = (load_yaml("ontology.yaml", data_dir) or {}).get("event_types") or {}
    slots, by_head = {}, {}
    for name, entry in types.items():
        roles = entry.get("roles") or {}
        slots[name] = _slot_map(entry.get("slots") or {}, roles, f"{where}: {name}")
        heads = entry.get("by_head") or {}
        by_head[name] = {str(h): _slot_map(m, roles, f"{where}: {name}.{h}") for h, m in heads.items()}
    args = (load_yaml("event_triggers.yaml", data_dir) or {}).get("arguments") or {}
    at = f"{data_dir / 'event_triggers.yaml'}: arguments"
    return SlotLexicon(
        agent_preps=_words(args, "agent_preps", at),
        patient_preps=_words(args, "patient_preps", at),
        with_preps=_words(args, "with_preps", at),
        patient_subject_verbs=_words(args, "patient_subject_verbs", at),
        patient_possessor_nouns=_words(args, "patient_possessor_nouns", at),
        slots=slots,
        by_head=by_head,
    )


def load_claim_cues(data_dir: Path | None = None) -> ClaimCues:
    """The active vocabulary's claim_cues (threadline.vocabulary); another folder's, read afresh."""
    return read_claim_cues(data_dir) if data_dir is not None and elsewhere(data_dir) else active().claim_cues


def read_claim_cues(data_dir: Path = DATA_DIR, speech_verbs: frozenset[str] | None = None) -> ClaimCues:
    """The cue words of claims of responsibility and denials, from ontology.yaml; the
    speech verbs are modality.yaml's (one list: `speech_verbs`, else read from there)."""
    where = f"{data_dir / 'ontology.yaml'}: claims"
    entry = (load_yaml("ontology.yaml", data_dir) or {}).get("claims")
    if not isinstance(entry, Mapping):
        raise DataFileError(f"{where}: the section is missing")
    if speech_verbs is None:
        from threadline.extract.vocabulary import read_modality

        speech_verbs = read_modality(data_dir).speech_verbs
    own = {f.name: _words(entry, f.name, where) for f in fields(ClaimCues) if f.name != "speech_verbs"}
    return ClaimCues(speech_verbs=speech_verbs, **own)


@dataclass(frozen=True, slots=True)
class HappeningCues:
    """Words that make a trigger's clause tell no happening (modality.yaml `happening`)."""

    modals: frozenset[str]
    conditions: frozenset[str]
    intention_verbs: frozenset[str]
    intention_adjectives: frozenset[str]
    intention_nouns: frozenset[str]
    expectation_verbs: frozenset[str]
    cancelling_verbs: frozenset[str]
    unreal_modifiers: frozenset[str]
    report_words: frozenset[str]
    habitual: frozenset[str]
    spans: frozenset[str]


@dataclass(frozen=True, slots=True)
class EventContexts:
    """Where a war word is no event (event_triggers.yaml `contexts`)."""

    violent_types: frozenset[str]
    causes: frozenset[str]
    subject_causes: frozenset[str]
    modifiers: frozenset[str]
    objects: frozenset[str]
    other_domains: frozenset[str]


def _section(data_dir: Path, file: str, key: str) -> tuple[Mapping[str, Any], str]:
    where = f"{data_dir / file}: {key}"
    entry = (load_yaml(file, data_dir) or {}).get(key)
    if not isinstance(entry, Mapping):
        raise DataFileError(f"{where}: the section is missing")
    return entry, where


def load_happening(data_dir: Path | None = None) -> HappeningCues:
    """The active vocabulary's happening (threadline.vocabulary); another folder's, read afresh."""
    return read_happening(data_dir) if data_dir is not None and elsewhere(data_dir) else active().happening


def read_happening(data_dir: Path = DATA_DIR) -> HappeningCues:
    """The cues of clauses that suppose, ask or generalise, from modality.yaml."""
    entry, where = _section(data_dir, "modality.yaml", "happening")
    return HappeningCues(**{f.name: _words(entry, f.name, where) for f in fields(HappeningCues)})


def load_contexts(data_dir: Path | None = None) -> EventContexts:
    """The active vocabulary's event_contexts (threadline.vocabulary); another folder's, read afresh."""
    return (
        read_contexts(data_dir) if data_dir is not None and elsewhere(data_dir) else active().event_contexts
    )


def read_contexts(data_dir: Path = DATA_DIR) -> EventContexts:
    """The contexts that make a war word no event, from event_triggers.yaml."""
    entry, where = _section(data_dir, "event_triggers.yaml", "contexts")
    return EventContexts(**{f.name: _words(entry, f.name, where) for f in fields(EventContexts)})
