"""One row per event, in ACLED's columns, for conflict-data workflows (spreadsheets,
pandas, tools built for ACLED exports), with the PLOVER and CAMEO codes the ontology
maps each event type to.

actor1 is the one who acts (attacker, agent, perpetrator, speaker...), actor2 the one
acted on (target, victim, detainee); other actors of either side go in assoc_actor_1 /
assoc_actor_2. ACLED's sub-event type is the ontology's first (default) one for the type:
threadline does not yet tell a drone strike from shelling. time_precision is ACLED's
(1 a day, 2 a range, 3 a month or year); geo_precision is the places stage's, already
ACLED's (1 a town or site, 2 part of or near one, 3 a region or country). source_count
counts independent sources (a re-published copy is not one). fatalities stays empty:
no stage reads casualty counts yet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from threadline.export.csv_table import SectionTable
from threadline.export.fatalities import fatalities
from threadline.export.view import Lookup, first_quote, hedged, story_ids
from threadline.vocabulary import active

if TYPE_CHECKING:
    from threadline.extract.vocabulary import AcledCode

HEADER = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_count",
    "notes",
    "fatalities",
    "plover",
    "cameo",
    "threadline_type",
    "actor1_reference",
    "actor2_reference",
    "modality",
    "hedged",
    "contested",
)
TIME_PRECISION = {"day": 1, "range": 2, "month": 3, "year": 3}
ACTING = frozenset(
    {"attacker", "perpetrator", "agent", "founder", "protester", "speaker", "finder", "visitor", "host"}
)
ACTED_ON = frozenset({"target", "victim", "detainee", "forces", "addressee", "beneficiary"})


class CsvEventsExporter(SectionTable):
    """A row per event, written as the events are read (csv_table.SectionTable)."""

    section = "events"
    header = HEADER

    def row(self, item: dict[str, Any], view: Lookup) -> dict[str, Any]:
        return event_row(item, view)


def event_row(event: dict[str, Any], view: Lookup) -> dict[str, Any]:
    kind = active().ontology.event_types.get(event["type"])
    acled = acled_code(kind.acled if kind else (), [str(e["quote"]) for e in event["evidence"]])
    place = view.entities[event["location"]].get("place") if event["location"] else None
    first, second = _sides(event)
    return {
        "event_id": event["id"],
        "event_date": event["date"],
        "time_precision": TIME_PRECISION.get(event["date_precision"]) if event["date"] else None,
        "event_type": acled[0],
        "sub_event_type": acled[1],
        "actor1": view.name(first[0]) if first else None,
        "assoc_actor_1": [view.name(a) for a in first[1:]],
        "actor2": view.name(second[0]) if second else None,
        "assoc_actor_2": [view.name(a) for a in second[1:]],
        "country": place["country"] if place else None,
        "location": view.name(event["location"]) or None,
        "latitude": place["lat"] if place else None,
        "longitude": place["lon"] if place else None,
        "geo_precision": place["precision"] if place else None,
        "source": [view.citation(s) for s in story_ids(event)],
        "source_count": event["independent_sources"],
        "notes": first_quote(event),
        "fatalities": fatalities(active().casualties, [str(e["quote"]) for e in event["evidence"]]),
        "plover": kind.plover if kind else None,
        "cameo": kind.cameo if kind else None,
        "threadline_type": event["type"],
        "actor1_reference": view.entities[first[0]].get("reference") if first else None,
        "actor2_reference": view.entities[second[0]].get("reference") if second else None,
        "modality": event["modality"],
        "hedged": hedged(event),
        "contested": bool(event["contested"]),
    }


def acled_code(codes: Sequence[AcledCode], quotes: Sequence[str]) -> tuple[str | None, str | None]:
    """The ACLED event type and sub-event type the reports support: the only code there
    is, or the first whose cue words the quotes use. Where the quotes tell nothing, the
    code marked default if there is one; else the event type when every code shares it,
    and no sub-event type: a blank is honest, a guessed "Air/drone strike" for a shooting
    is not."""
    if len(codes) == 1:
        return codes[0].event_type, codes[0].sub_event_type
    said = [" " + " ".join(re.findall(r"[a-z]+(?:-[a-z]+)*", quote.lower())) + " " for quote in quotes]
    for code in codes:
        if any(f" {cue} " in text for cue in code.cues for text in said):
            return code.event_type, code.sub_event_type
    fallback = next((code for code in codes if code.default), None)
    if fallback is not None:
        return fallback.event_type, fallback.sub_event_type
    types = {code.event_type for code in codes}
    return (types.pop() if len(types) == 1 else None), None


def _sides(event: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The actors who act and those acted on; with no role that tells, the first is actor1."""
    actors = [p for p in event["participants"] if p != event["location"]]
    roles = event["roles"]
    acting = [a for a in actors if roles.get(a) in ACTING]
    acted_on = [a for a in actors if roles.get(a) in ACTED_ON]
    others = [a for a in actors if a not in acting and a not in acted_on]
    if not acting and others:
        acting, others = others[:1], others[1:]
    return acting, acted_on + others
