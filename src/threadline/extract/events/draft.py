"""An event being read off one trigger, and how a second telling joins it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from threadline.extract.events.roles import Slotted
from threadline.extract.events.timing import NO_DATE
from threadline.records import DateValue


@dataclass
class Draft:
    """An event being read off one trigger (or several tellings of one event)."""

    type: str
    trigger: Token
    joined: list[Token] = field(default_factory=list)  # further triggers told as this event
    participants: list[Token] = field(default_factory=list)
    location: Token | None = None
    date: DateValue = NO_DATE
    slots: dict[int, Slotted] = field(default_factory=dict)  # participant token index -> its slot

    @property
    def triggers(self) -> tuple[Token, ...]:
        return (self.trigger, *self.joined)

    def patients(self) -> set[int]:
        """Token indexes of the participants the event is done to."""
        return {
            i for i, s in self.slots.items() if s.slot == "patient" and i in {t.i for t in self.participants}
        }


def absorb(into: Draft, other: Draft) -> None:
    """Add a second telling of the event: its trigger, participants, and the place and
    date where the first telling gives none."""
    into.joined.append(other.trigger)
    seen = {t.i for t in into.participants}
    into.participants += [t for t in other.participants if t.i not in seen]
    for i, slotted in other.slots.items():
        if into.slots.get(i) is None or into.slots[i].slot is None:
            into.slots[i] = slotted
    into.location = into.location or other.location
    if into.date.value is None and other.date.expression is not None:
        into.date = other.date
