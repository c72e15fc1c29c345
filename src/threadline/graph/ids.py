"""Ids of merged events from what they are, not from the mention that came first.

An event's id hashes its type, its resolved participants, its place and the month of
its date. A story that reports another event changes none of these, so the ids of the
events already stored survive it; one that adds a participant or moves the date to
another month changes the event itself, and its id with it.

Two events can agree on all four (two undated attacks on one village); of those, the
one whose earliest mention id sorts first keeps the bare id and each other adds its
earliest mention id. Mention ids hash their story and offset, so this does not depend
on the order stories were ingested in either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from threadline.records import Event, content_id


def date_bucket(event: Event) -> str:
    """The month of the event's date ("2024-03"), its year, or "undated": coarse, so a
    later report that gives the day of a month already known keeps the id."""
    return (event.date.value or "")[:7] or "undated"


def content_key(event: Event) -> str:
    return content_id("v", event.type, *event.participants, "@", event.location or "", date_bucket(event))


def stable_ids(events: Sequence[Event]) -> list[Event]:
    """The events, in the same order, each with its content id."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, event in enumerate(events):
        groups[content_key(event)].append(n)
    named = list(events)
    for key, members in groups.items():
        ranked = sorted(members, key=lambda n: min(events[n].mentions))
        named[ranked[0]] = replace(events[ranked[0]], id=key)
        for n in ranked[1:]:
            named[n] = replace(events[n], id=content_id("v", key, min(events[n].mentions)))
    return named
