"""Event extraction: triggers from the lexicon, arguments from the parse.

One EventMention per event the story tells: a trigger whose clause tells a happening
(happening.py), with the further tellings of that event joined to it (retelling.py:
"a drone strike ... killed", "this meeting", "the agreement"). A trigger in a
relative clause that says what a noun is known for ("factions that have attacked US
forces") tells an event only when it fixes when. A trigger
with neither a named participant nor a place reports nothing we can use and is
dropped. An event whose text names no place takes the dateline's (dateline.py). Each
participant has its role (roles.py); claims of responsibility and denials (claims.py)
ride on the event mention they claim.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from threadline.extract.attribution import attribution_of
from threadline.extract.events import arguments, happening, places, retelling, timing, triggers
from threadline.extract.events.claims import Told, claimant_of, extract_claims, frame_of, presupposed_modality
from threadline.extract.events.dateline import dateline_place
from threadline.extract.events.draft import Draft
from threadline.extract.events.roles import roles_of
from threadline.extract.modality import modality_of
from threadline.extract.parsed import ParsedStory
from threadline.records import Claim, EventMention, Modality
from threadline.registry import Registry

VERSION = "0.3.0"


def _draft(ps: ParsedStory, hit: triggers.Hit) -> Draft:
    token = hit.token
    slotted = arguments.slotted_participants(ps, token, hit.trigger.type)
    return Draft(
        type=hit.trigger.type,
        trigger=token,
        participants=[s.token for s in slotted],
        location=places.location(ps, token, hit.trigger.type),
        date=timing.date(ps, token, hit.trigger.type),
        slots={s.token.i: s for s in slotted},
    )


def drafts(ps: ParsedStory) -> list[Draft]:
    """The story's events, joined triggers merged, empty ones dropped."""
    told = retelling.Tellings()
    for hit in triggers.find(ps, ps.vocabulary.triggers):
        if not happening.tells(hit.token, hit.trigger.type):
            continue
        draft = _unclaim(ps, _draft(ps, hit))
        if happening.describes(hit.token) and not timing.pinned(draft.date):
            continue  # "factions that have attacked US forces": what the factions are known for
        twin = retelling.twin_of(ps, told, draft)
        if twin is not None:
            told.absorb(twin, draft)
        else:
            told.add(draft)
    kept = [d for d in retelling.fold(ps, told.found) if d.participants or d.location is not None]
    filed_at = dateline_place(ps)
    for draft in kept:
        if ps.zone_at(draft.trigger.idx) == "body":  # the dateline heads the body
            draft.location = draft.location or filed_at
    return kept


def _unclaim(ps: ParsedStory, draft: Draft) -> Draft:
    """ "X denied any role in the attack", "X had no part in the attack", "X has not
    claimed the attack": X is no participant of the attack on these words."""
    frame = frame_of(draft.trigger, draft.type, ps)
    if frame is None or not frame.presupposes or not (frame.kind == "denial" or frame.negated):
        return draft
    denier = claimant_of(ps, frame)
    keep = [
        t
        for t in draft.participants
        if draft.slots[t.i].head.i != frame.verb.i and (denier is None or t.i != denier.i)
    ]
    return replace(draft, participants=keep, slots={t.i: draft.slots[t.i] for t in keep})


def _only_the_place(draft: Draft, token: Token) -> bool:
    """The event's place read as a participant ("sent from Ouallam"); a place the event
    acts on stays a participant too ("attacked Syria")."""
    at = draft.location
    return at is not None and token.i == at.i and draft.slots[token.i].slot != "patient"


def _modality(ps: ParsedStory, draft: Draft) -> Modality:
    if happening.contradicted(draft.trigger):
        return "denied"
    return presupposed_modality(ps, draft.trigger, draft.type) or modality_of(draft.trigger)


def to_mention(ps: ParsedStory, draft: Draft) -> EventMention:
    location = ps.mention_at[draft.location.i].id if draft.location is not None else None
    kept = [t for t in draft.participants if not _only_the_place(draft, t)]
    slotted = {ps.mention_at[t.i].id: draft.slots[t.i] for t in kept}
    return EventMention(
        story_id=ps.story.id,
        type=draft.type,
        trigger=draft.trigger.text,
        participants=tuple(slotted),
        location=location,
        date=draft.date,
        evidence=ps.evidence(draft.trigger),
        extractor=f"events.trigger.{draft.trigger.lemma_.lower()}",
        version=VERSION,
        modality=_modality(ps, draft),
        attribution=attribution_of(ps, draft.trigger),
        roles=roles_of(draft.type, list(slotted.items()), ps.vocabulary.event_slots),
    )


def extract(ps: ParsedStory) -> list[EventMention]:
    """The story's event mentions, each with the claims of responsibility made for it."""
    found = drafts(ps)
    mentions = [to_mention(ps, d) for d in found]
    told = [Told(m.id, m.type, d.triggers) for m, d in zip(mentions, found, strict=True)]
    claims: dict[str, list[Claim]] = {}
    for claim in extract_claims(ps, told):
        claims.setdefault(claim.event, []).append(claim)
    return [replace(m, claims=tuple(claims.get(m.id, ()))) for m in mentions]


FindEvents = Callable[[ParsedStory], list[EventMention]]
# Event extractors by name; a package adds one through the entry-point group below.
EXTRACTORS: Registry[FindEvents] = Registry("threadline.event_extractors")
EXTRACTORS.add("triggers", VERSION, extract)
DEFAULT_EXTRACTORS = EXTRACTORS.names()
