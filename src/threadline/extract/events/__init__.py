"""Event extraction: triggers from the lexicon, arguments from the parse.

One EventMention per trigger, except that two triggers of one type joined in the parse
("a drone strike ... killed") report one event. A trigger with neither a named
participant nor a place reports nothing we can use and is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from threadline.extract.attribution import attribution_of
from threadline.extract.events import arguments, timing, triggers
from threadline.extract.modality import modality_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.vocabulary import load_triggers
from threadline.records import DateValue, EventMention

VERSION = "0.1.0"
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


def _draft(ps: ParsedStory, hit: triggers.Hit) -> Draft:
    token = hit.token
    return Draft(
        type=hit.trigger.type,
        trigger=token,
        participants=arguments.participants(ps, token),
        location=arguments.location(ps, token),
        date=timing.date(ps, token),
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


def _absorb(into: Draft, other: Draft) -> None:
    into.joined.append(other.trigger)
    seen = {t.i for t in into.participants}
    into.participants += [t for t in other.participants if t.i not in seen]
    into.location = into.location or other.location
    if into.date.value is None and other.date.expression is not None:
        into.date = other.date


def drafts(ps: ParsedStory) -> list[Draft]:
    """The story's events, joined triggers merged, empty ones dropped."""
    found: list[Draft] = []
    for hit in triggers.find(ps, load_triggers()):
        draft = _draft(ps, hit)
        twin = next((d for d in found if d.type == draft.type and _joins(d, hit.token)), None)
        if twin is None and _refers_back(hit.token):
            twin = next((d for d in reversed(found) if d.trigger.lemma_ == hit.token.lemma_), None)
        if twin is not None:
            _absorb(twin, draft)
        else:
            found.append(draft)
    return [d for d in found if d.participants or d.location is not None]


def to_mention(ps: ParsedStory, draft: Draft) -> EventMention:
    location = ps.mention_at[draft.location.i].id if draft.location is not None else None
    ids = [
        ps.mention_at[t.i].id for t in draft.participants if draft.location is None or t.i != draft.location.i
    ]
    return EventMention(
        story_id=ps.story.id,
        type=draft.type,
        trigger=draft.trigger.text,
        participants=tuple(dict.fromkeys(ids)),
        location=location,
        date=draft.date,
        evidence=ps.evidence(draft.trigger),
        extractor=f"events.trigger.{draft.trigger.lemma_.lower()}",
        version=VERSION,
        modality=modality_of(draft.trigger),
        attribution=attribution_of(ps, draft.trigger),
    )


def extract(ps: ParsedStory) -> list[EventMention]:
    return [to_mention(ps, d) for d in drafts(ps)]
