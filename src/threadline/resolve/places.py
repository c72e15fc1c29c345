"""Pin every location entity on the map, using the countries its stories mention as context."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from threadline.records import Entity, Mention
from threadline.resolve.geocode import Gazetteer, Place, country_context


def story_countries(mentions: Sequence[Mention], gazetteer: Gazetteer) -> dict[str, list[str]]:
    """Story id -> ISO codes of the countries it names, most frequent first."""
    names: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.type == "location":
            names[m.story_id].append(m.text)
    return {story: country_context(found, gazetteer) for story, found in names.items()}


def place_entities(
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    entity_of: Mapping[str, str],
    gazetteer: Gazetteer,
) -> dict[str, Place]:
    """Entity id -> Place for each location entity the gazetteer can pin; the rest stay unpinned."""
    by_story = story_countries(mentions, gazetteer)
    context: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        context[entity_of.get(m.id, "")].extend(by_story.get(m.story_id, []))
    places = {}
    for entity in entities:
        if entity.type != "location":
            continue
        countries = sorted(set(context[entity.id]), key=lambda c: (-context[entity.id].count(c), c))
        place = gazetteer.locate((entity.name, *entity.aliases), countries)
        if place is not None:
            places[entity.id] = place
    return places
