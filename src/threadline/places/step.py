"""The places step: pin every location entity on the map, in the countries its stories are about first.

A story is about, in this order: the country of its dateline's place ("NIAMEY, March 4"
-> Niger), then the countries it names or whose people it names ("Iraqi troops"), most
often named first. A place is looked up in those countries before anywhere else
(places.gazetteer.Gazetteer ranks by that list). One entity that cannot be placed, for whatever
reason, is recorded in `failures` and costs no other entity its place.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import partial

from threadline.errors import Failures
from threadline.places.gazetteer import Gazetteer
from threadline.records import Entity, Mention, Place
from threadline.vocab import load_demonyms

DATELINE = "DATELINE"  # Mention.label of a wire dateline's place (nlp.pipeline)
_WORD = re.compile(r"[^\W\d_]+")
log = logging.getLogger(__name__)


def story_countries(
    mentions: Sequence[Mention],
    gazetteer: Gazetteer,
    texts: Mapping[str, str] | None = None,
    demonyms: Mapping[str, str] | None = None,
) -> dict[str, list[str]]:
    """Story id -> ISO codes of the countries it is about: its dateline's first, then those
    it names (countries, and their peoples where `texts` and `demonyms` are given), most
    often named first."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    dateline: dict[str, str] = {}
    for m in mentions:
        if m.type != "location" or m.zone != "text":
            continue
        if iso := gazetteer.country_of(m.text):
            counts[m.story_id][iso] += 1
        elif m.label == DATELINE and (place := gazetteer.locate([m.text])) and place.country:
            dateline[m.story_id] = place.country
    for story, text in (texts or {}).items():
        for word in _WORD.findall(text) if demonyms else ():
            if iso := demonyms.get(word):  # type: ignore[union-attr]
                counts[story][iso] += 1
    return {
        story: _ranked(counts.get(story, Counter()), dateline.get(story)) for story in {*counts, *dateline}
    }


def _ranked(counts: Counter[str], first: str | None) -> list[str]:
    ranked = [iso for iso, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))]
    return [first, *(c for c in ranked if c != first)] if first else ranked


def place_entities(
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    entity_of: Mapping[str, str],
    gazetteer: Gazetteer,
    *,
    failures: Failures | None = None,
    texts: Mapping[str, str] | None = None,
    demonyms: Mapping[str, str] | None = None,
    tallies: dict[str, Tally] | None = None,
) -> dict[str, Place]:
    """Entity id -> Place for each location entity the gazetteer can pin; the rest stay
    unpinned. `texts` (story id -> text) lets the peoples a story names count for its
    countries (`demonyms`, by default the bundled ones). A lookup that raises is recorded
    in `failures` (logged where none is given). `tallies`, where given, receives each
    location entity's tally of its stories' countries (kept for the next refresh)."""
    if texts is not None and demonyms is None:
        demonyms = load_demonyms()
    by_story = story_countries(mentions, gazetteer, texts, demonyms)
    locations = {e.id for e in entities if e.type == "location"}
    found = country_tallies(mentions, entity_of, by_story, locations)
    if tallies is not None:
        tallies.update(found)
    return pin_entities(entities, found, gazetteer, failures)


def pin_entities(
    entities: Sequence[Entity],
    tallies: Mapping[str, Tally],
    gazetteer: Gazetteer,
    failures: Failures | None = None,
) -> dict[str, Place]:
    """Each location entity pinned in the countries its tally ranks first."""
    record = failures if failures is not None else Failures()
    places = {}
    for entity in entities:
        if entity.type != "location":
            continue
        countries = ranked_countries(tallies.get(entity.id, {}))
        subject = f"{entity.name} ({entity.id})"
        place = record.run("places", subject, partial(_locate, gazetteer, entity, countries))
        if place is not None:
            places[entity.id] = place
    if failures is None:
        for failure in record.items:
            log.warning("%s", failure)
    return places


# ISO code -> (how many of the entity's mentions are in stories about it, the first
# such story, where the code stands in that story's list): what ranks its countries
Tally = dict[str, tuple[int, str, int]]


def country_tallies(
    mentions: Iterable[Mention],
    entity_of: Mapping[str, str],
    by_story: Mapping[str, list[str]],
    entities: set[str],
) -> dict[str, Tally]:
    """Each of these entities' tally over these mentions of it."""
    found: dict[str, Tally] = {e: {} for e in entities}
    for m in mentions:
        tally = found.get(entity_of.get(m.id, ""))
        if tally is not None:
            add_mention(tally, m.story_id, by_story.get(m.story_id, []))
    return found


def add_mention(tally: Tally, story: str, codes: Sequence[str]) -> None:
    """One more mention, in a story about these countries (its list, first first)."""
    for at, code in enumerate(codes):
        count, first, place = tally.get(code, (0, story, at))
        tally[code] = (count + 1, *min((first, place), (story, at)))


def ranked_countries(tally: Mapping[str, tuple[int, str, int]]) -> list[str]:
    """The codes by how many of the entity's mentions' stories are about each, then by
    the first mention's story (in story order) that names each: the order a list of
    every mention's countries, in story order, counted gives."""
    return sorted(tally, key=lambda c: (-tally[c][0], tally[c][1], tally[c][2]))


def _locate(gazetteer: Gazetteer, entity: Entity, countries: list[str]) -> Place | None:
    return gazetteer.locate((entity.name, *entity.aliases), countries)
