"""followthemoney entities as JSON lines, for Aleph, OpenSanctions tooling and `ftm`.

People become Person, organizations Organization, places Address (with their point);
each story is an Article, and every link and event cites the Articles behind it in
`proof`, its first quote in `summary`, its outlets in `publisher` and its URLs in
`sourceUrl`, so the provenance survives in any tool that reads FtM. Roles become
Directorship (leaders), Employment (officials of a state body) or Membership; a
designation becomes a Sanction on the designated entity; other relations are
UnknownLink with the predicate as `role`. An entity linked to a reference file's
entry carries that entry's id (e.g. an OpenSanctions id) in `referents`, as
OpenSanctions' own exports do; one linked to a knowledge-file entry carries
"threadline-knowledge:" and the entry's id, so reading the file back as reference
(`kb add`) does not list those names a second time.
Ids are threadline's own content ids, so the same store always gives the same ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from followthemoney import model
from followthemoney.proxy import EntityProxy

from threadline.export.reader import GraphReader
from threadline.export.view import Lookup, first_quote, story_ids
from threadline.knowledge import referents
from threadline.records import content_id
from threadline.store.stream import StoryRef

DATASET = "threadline"
SCHEMA_OF_TYPE = {"person": "Person", "organization": "Organization", "location": "Address"}
STATE_KINDS = frozenset({"government", "agency", "military", "international_org"})  # employers, not groups
LINK_ROLE = {"leader_of": "leader", "member_of": "member", "part_of": "part of"}


class FtmExporter:
    """A line per FtM entity, written as made: the graph is read section by section,
    a batch at a time with what the batch names (export/reader.py)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, graph: GraphReader) -> None:
        for proxy in ftm_entities(graph):
            self.stream.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")

    def finalize(self) -> None:
        """Every line is written as made."""


def ftm_entities(graph: GraphReader) -> Iterator[EntityProxy]:
    """Articles, then entities, relations, designations and events, each in store order."""
    yield from (_article(story) for story in graph.story_refs())
    sanctioned = {subject for subject, _, _ in graph.relations_of({"designated_by"})}
    for entities in graph.chunks("entities"):
        mentioned = graph.mentioned_in([e["id"] for e in entities])
        yield from (_entity(e, mentioned.get(e["id"], []), sanctioned) for e in entities)
    for relations, view in graph.batches("relations"):
        yield from (_relation(r, view) for r in relations)
    for events, view in graph.batches("events"):
        for event in events:
            yield _event(event, view)
            yield from _event_sanctions(event, view)


def _proxy(schema: str, entity_id: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    proxy.context["datasets"] = [DATASET]
    return proxy


def _article(story: StoryRef) -> EntityProxy:
    article = _proxy("Article", story.id)
    article.add("title", story.title)
    article.add("fileName", story.source)
    article.add("publishedAt", story.published)
    article.add("publisher", story.outlet)
    article.add("sourceUrl", story.url)
    return article


def _entity(entity: dict[str, Any], mentioned_in: list[str], sanctioned: set[str]) -> EntityProxy:
    proxy = _proxy(SCHEMA_OF_TYPE.get(entity["type"], "LegalEntity"), entity["id"])
    proxy.add("name", entity["name"])
    proxy.add("alias", entity["aliases"])
    proxy.add("wikidataId", entity.get("wikidata"))
    proxy.add("proof", mentioned_in)
    place = entity.get("place")
    if place:
        proxy.add("full", entity["name"])
        proxy.add("country", place["country"])
        proxy.add("latitude", str(place["lat"]))
        proxy.add("longitude", str(place["lon"]))
    if entity["id"] in sanctioned:
        proxy.add("topics", "sanction")
    if entity["kb_id"]:
        proxy.context["referents"] = referents(entity["kb_id"])
    return proxy


def _relation(relation: dict[str, Any], view: Lookup) -> EntityProxy:
    subject, obj = view.entities[relation["subject"]], view.entities[relation["object"]]
    predicate = relation["predicate"]
    if predicate == "designated_by":
        proxy = _proxy("Sanction", relation["id"])
        proxy.add("entity", subject["id"])
        proxy.add("authority", obj["name"])
        proxy.add("reason", first_quote(relation))
    elif predicate in LINK_ROLE and obj["type"] == "organization":
        proxy = _role(relation, subject, obj)
    else:
        proxy = _proxy("UnknownLink", relation["id"])
        proxy.add("subject", subject["id"])
        proxy.add("object", obj["id"])
        proxy.add("role", predicate.replace("_", " "))
    _cite(proxy, relation, view)
    return proxy


def _role(relation: dict[str, Any], subject: dict[str, Any], organization: dict[str, Any]) -> EntityProxy:
    """Directorship for a leader, Employment for an official of a state body, else Membership."""
    stated = next((e["role"] for e in relation["evidence"] if e.get("role")), None)
    if relation["predicate"] == "leader_of" and subject["type"] == "person":
        proxy = _proxy("Directorship", relation["id"])
        proxy.add("director", subject["id"])
    elif subject["type"] == "person" and organization.get("kind") in STATE_KINDS:
        proxy = _proxy("Employment", relation["id"])
        proxy.add("employee", subject["id"])
        proxy.add("employer", organization["id"])
        proxy.add("role", stated or LINK_ROLE[relation["predicate"]])
        return proxy
    else:
        proxy = _proxy("Membership", relation["id"])
        proxy.add("member", subject["id"])
    proxy.add("organization", organization["id"])
    proxy.add("role", stated or LINK_ROLE[relation["predicate"]])
    return proxy


def _cite(proxy: EntityProxy, item: dict[str, Any], view: Lookup) -> None:
    """The stories behind a link or event: Articles in `proof`, with outlet, URL, first quote."""
    stories = story_ids(item)
    proxy.add("proof", stories)
    proxy.add("publisher", [view.stories[s].outlet for s in stories])
    proxy.add("sourceUrl", [view.stories[s].url for s in stories])
    proxy.add("summary", first_quote(item))
    proxy.add("recordId", item.get("id"))
    first, _ = view.reported(item)
    if not proxy.schema.is_a("Event"):
        proxy.add("date", first)  # a link's date: when it was first reported


def _event(event: dict[str, Any], view: Lookup) -> EntityProxy:
    proxy = _proxy("Event", event["id"])
    where = view.name(event["location"])
    proxy.add("name", view.event_title(event))
    proxy.add("date", event["date"])
    proxy.add("keywords", event["type"])
    actors = [p for p in event["participants"] if view.entities[p]["type"] != "location"]
    proxy.add("involved", actors)
    if event["location"]:
        proxy.add("addressEntity", event["location"])
        proxy.add("location", where)
        place = view.entities[event["location"]].get("place")
        proxy.add("country", place["country"] if place else None)
    _cite(proxy, event, view)
    return proxy


def _event_sanctions(event: dict[str, Any], view: Lookup) -> Iterator[EntityProxy]:
    """A sanction event: a Sanction on each target, by the agent(s) that imposed it."""
    if event["type"] != "sanction":
        return
    roles = event["roles"]
    authorities = [view.name(p) for p, role in roles.items() if role == "agent"]
    for target in (p for p, role in roles.items() if role == "target"):
        proxy = _proxy("Sanction", content_id("sanction", event["id"], target))
        proxy.add("entity", target)
        proxy.add("authority", authorities)
        proxy.add("startDate", event["date"])
        proxy.add("reason", first_quote(event))
        _cite(proxy, event, view)
        yield proxy
