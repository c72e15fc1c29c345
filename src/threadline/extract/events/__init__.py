"""Event extraction: triggers from the lexicon, arguments from the parse.

One EventMention per trigger whose clause tells a happening (happening.py), except
that two triggers of one type joined in the parse ("a drone strike ... killed") report
one event. A trigger with neither a named participant nor a place reports nothing we
can use and is dropped, and so is one only a photo caption shows. An event whose
text names no place takes the dateline's
(dateline.py). Each participant has its role (roles.py); claims of responsibility and
denials (claims.py) ride on the event mention they claim.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from threadline.extract.attribution import attribution_of
from threadline.extract.events import arguments, happening, places, timing, triggers
from threadline.extract.events.claims import Told, claimant_of, extract_claims, frame_of, presupposed_modality
from threadline.extract.events.dateline import dateline_place
from threadline.extract.events.roles import Slotted, roles_of
from threadline.extract.modality import modality_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.vocabulary import load_triggers
from threadline.records import Claim, DateValue, EventMention

VERSION = "0.2.0"
DEMONSTRATIVES = frozenset({"this", "these", "those", "that"})


@dataclass
class Draft:
    """An event being read off one trigger (or two joined triggers of one type)."""

    type: str
    trigger: Token
    joined: list[Token] = field(default_factory=list)  # further triggers told as this event
    participants: list[Token] = field(default_factory=list)
    location: Token | None = None
    date: DateValue = timing.NO_DATE
    slots: dict[int, Slotted] = field(default_factory=dict)  # participant token index -> its slot

    @property
    def triggers(self) -> tuple[Token, ...]:
        return (self.trigger, *self.joined)


def _draft(ps: ParsedStory, hit: triggers.Hit) -> Draft:
    token = hit.token
    slotted = arguments.slotted_participants(ps, token)
    return Draft(
        type=hit.trigger.type,
        trigger=token,
        participants=[s.token for s in slotted],
        location=places.location(ps, token, hit.trigger.type),
        date=timing.date(ps, token),
        slots={s.token.i: s for s in slotted},
    )


def _hangs_on(a: Token, b: Token) -> bool:
    return a.head.i == b.i or (a.head.dep_ in ("prep", "agent") and a.head.head.i == b.i)


def _joined(a: Token, b: Token) -> bool:
    """Two triggers of one type joined in the parse report one event: "a strike ... killed"."""
    return _hangs_on(a, b) or _hangs_on(b, a)


def _joins(draft: Draft, token: Token) -> bool:
    return any(_joined(t, token) for t in [draft.trigger, *draft.joined])


def _refers_back(token: Token) -> bool:
    """ "these attacks", "this meeting": a trigger that points back to an event already told."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in token.children
    )


def _claimed_back(ps: ParsedStory, token: Token, event_type: str) -> bool:
    """ "X claimed responsibility for the attack", "X denied any role in the attack": the
    attack the story has told."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)
    return token.pos_ == "NOUN" and definite and frame_of(token, event_type, ps) is not None


def _absorb(into: Draft, other: Draft) -> None:
    into.joined.append(other.trigger)
    seen = {t.i for t in into.participants}
    into.participants += [t for t in other.participants if t.i not in seen]
    for i, slotted in other.slots.items():
        if into.slots.get(i) is None or into.slots[i].slot is None:
            into.slots[i] = slotted
    into.location = into.location or other.location
    if into.date.value is None and other.date.expression is not None:
        into.date = other.date


def drafts(ps: ParsedStory) -> list[Draft]:
    """The story's events, joined triggers merged, empty ones dropped."""
    found: list[Draft] = []
    for hit in triggers.find(ps, load_triggers()):
        if not happening.tells(hit.token, hit.trigger.type):
            continue
        draft = _unclaim(ps, _draft(ps, hit))
        twin = next((d for d in found if d.type == draft.type and _joins(d, hit.token)), None)
        if twin is None and _refers_back(hit.token):
            twin = next((d for d in reversed(found) if d.trigger.lemma_ == hit.token.lemma_), None)
        if twin is None and _claimed_back(ps, hit.token, draft.type):
            twin = next((d for d in reversed(found) if d.type == draft.type), None)
        if twin is not None:
            _absorb(twin, draft)
        else:
            found.append(draft)
    kept = [d for d in _told_outside_captions(ps, found) if d.participants or d.location is not None]
    filed_at = dateline_place(ps)
    for draft in kept:
        draft.location = draft.location or filed_at
    return kept


def _depicted(ps: ParsedStory, token: Token) -> bool:
    """Told in a photo caption as what the picture shows: present tense or no verb
    ("X meets Y in Baghdad", "supporters at a rally in Basra"); a past event the
    caption states ("..., who was killed by an airstrike on July 30") is told."""
    return ps.story.zone_at(token.idx) == "caption" and not happening.past(token)


def _told_outside_captions(ps: ParsedStory, found: list[Draft]) -> list[Draft]:
    """A picture is evidence for an event the story tells, never an event of its own."""
    told = {d.type for d in found if not _depicted(ps, d.trigger)}
    return [d for d in found if d.type in told or not _depicted(ps, d.trigger)]


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
        modality=presupposed_modality(ps, draft.trigger, draft.type) or modality_of(draft.trigger),
        attribution=attribution_of(ps, draft.trigger),
        roles=roles_of(draft.type, list(slotted.items())),
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
