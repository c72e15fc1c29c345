"""A STIX 2.1 bundle, built with the `stix2` library, for OpenCTI and other
threat-intelligence platforms.

Armed groups become threat-actor (with their aliases), people and institutions
identity, places location; each relation is a relationship and each event an
incident related to its actors and place. Each story is a report whose object_refs
are what its evidence supports. Every relationship and incident carries a
`confidence` read from its independent sources and hedging (view.confidence) and an
external reference per story behind it, with the quote. Ids are UUIDv5 of
threadline's own ids and timestamps are the latest publication date, so the same
store always gives the same bundle. Places no gazetteer could locate are left out
(STIX needs a region, a country or a point); the other formats keep them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import stix2

from threadline.export.gathered import Gathering, GraphView, confidence, first_quote

NAMESPACE = uuid.UUID("6f3b1c9e-4d0a-5b8e-9a57-1c2d3e4f5a6b")  # threadline's: ids are uuid5 in it
EPOCH = "1970-01-01"
AGENT_ROLES = frozenset({"attacker", "perpetrator", "agent", "founder", "protester", "speaker", "finder"})
TARGET_ROLES = frozenset({"target", "victim", "detainee"})
RELATIONSHIP = {"located_in": "located-at"}  # STIX's own name where it has one


def stix_id(kind: str, *parts: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join((kind, *parts)))}"


class StixExporter(Gathering):
    def emit(self, view: GraphView) -> None:
        bundle = stix_bundle(view)
        self.stream.write(bundle.serialize(pretty=True) + "\n")


def stix_bundle(view: GraphView) -> stix2.Bundle:
    when = _timestamp(view.latest_published)
    builder = _Builder(view, when)
    objects = [builder.author, *builder.entities(), *builder.relationships(), *builder.incidents()]
    objects += list(builder.reports())
    unique = list({o.id: o for o in reversed(objects)}.values())[::-1]  # a claim may repeat an event's link
    return stix2.Bundle(objects=unique, id=stix_id("bundle", *sorted(o.id for o in unique)))


def _timestamp(date: str) -> str:
    day = date if len(date) == 10 else f"{date[:7]}-01" if len(date) == 7 else EPOCH
    return f"{day}T00:00:00Z"


class _Builder:
    """The STIX objects of one view, with the ids each story's report refers to."""

    def __init__(self, view: GraphView, when: str) -> None:
        self.view, self.when = view, when
        self.author = stix2.Identity(
            id=stix_id("identity", "threadline"),
            name="threadline",
            identity_class="system",
            created=when,
            modified=when,
        )
        self.ids: dict[str, str] = {}  # threadline id -> STIX id
        self.supports: dict[str, list[str]] = {}  # story id -> STIX ids its evidence supports

    def _common(self) -> dict[str, Any]:
        return {"created": self.when, "modified": self.when, "created_by_ref": self.author.id}

    def entities(self) -> Iterator[Any]:
        for entity in self.view.sections["entities"]:
            made = self._entity(entity)
            if made is not None:
                self.ids[entity["id"]] = made.id
                yield made

    def _entity(self, entity: dict[str, Any]) -> Any:
        kind, common = entity["type"], {"name": entity["name"], **self._common()}
        refs = _entity_refs(entity)
        if refs:
            common["external_references"] = refs
        if kind == "location":
            place = entity.get("place")
            if not place:
                return None
            point = {"latitude": place["lat"], "longitude": place["lon"], "country": place["country"]}
            return stix2.Location(id=stix_id("location", entity["id"]), **common, **_present(point))
        if self.view.is_armed(entity["id"]):
            aliases = {"aliases": entity["aliases"]} if entity["aliases"] else {}
            return stix2.ThreatActor(id=stix_id("threat-actor", entity["id"]), **common, **aliases)
        identity_class = {"person": "individual", "organization": "organization"}.get(kind, "unknown")
        return stix2.Identity(id=stix_id("identity", entity["id"]), identity_class=identity_class, **common)

    def relationships(self) -> Iterator[Any]:
        for relation in self.view.sections["relations"]:
            source, target = self.ids.get(relation["subject"]), self.ids.get(relation["object"])
            if source and target:
                kind = RELATIONSHIP.get(relation["predicate"], relation["predicate"].replace("_", "-"))
                yield self._relationship(relation["id"], kind, source, target, relation)

    def _relationship(self, key: str, kind: str, source: str, target: str, item: dict[str, Any]) -> Any:
        made = stix2.Relationship(
            id=stix_id("relationship", key, kind, source, target),
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
            description=first_quote(item),
            **self._evidenced(item),
        )
        self._supported(item, made.id, source, target)
        return made

    def incidents(self) -> Iterator[Any]:
        """Each event an incident, with a relationship to each actor and to its place;
        each claim of responsibility one more, `attributed-to` the claimant."""
        for event in self.view.sections["events"]:
            incident = stix2.Incident(
                id=stix_id("incident", event["id"]),
                name=self.view.event_title(event),
                description=first_quote(event),
                **self._evidenced(event),
            )
            self.ids[event["id"]] = incident.id
            self._supported(event, incident.id)
            yield incident
            yield from self._event_links(event, incident.id)
        for claim in self.view.sections["claims"]:
            source, target = self.ids.get(claim["event"]), self.ids.get(claim["claimant"])
            if source and target and claim["kind"] == "responsibility":
                yield self._relationship(claim["event"], "attributed-to", source, target, claim)

    def _event_links(self, event: dict[str, Any], incident: str) -> Iterator[Any]:
        if event["location"] in self.ids:
            yield self._relationship(event["id"], "located-at", incident, self.ids[event["location"]], event)
        for participant in event["participants"]:
            if participant in self.ids and participant != event["location"]:
                kind = _event_relationship(event["roles"].get(participant, "participant"))
                yield self._relationship(event["id"], kind, incident, self.ids[participant], event)

    def _evidenced(self, item: dict[str, Any]) -> dict[str, Any]:
        refs = [self._reference(e) for e in item["evidence"]]
        return {"confidence": confidence(item), "external_references": refs, **self._common()}

    def _reference(self, cited: dict[str, Any]) -> stix2.ExternalReference:
        story = self.view.stories[cited["story"]]
        url = {"url": story["url"]} if story.get("url") else {}
        name = story["outlet"] or story["source"]
        return stix2.ExternalReference(
            source_name=name, external_id=story["id"], description=cited["quote"], **url
        )

    def _supported(self, item: dict[str, Any], *ids: str) -> None:
        for story in self.view.story_ids(item):
            self.supports.setdefault(story, []).extend(ids)

    def reports(self) -> Iterator[Any]:
        """One report per story that supports anything, referring to all it supports."""
        for story in self.view.sections["stories"]:
            refs = list(dict.fromkeys(self.supports.get(story["id"], [])))
            if refs:
                yield self._report(story, refs)

    def _report(self, story: dict[str, Any], refs: list[str]) -> Any:
        url = {"url": story["url"]} if story.get("url") else {}
        source = stix2.ExternalReference(
            source_name=story["outlet"] or story["source"], external_id=story["id"], **url
        )
        return stix2.Report(
            id=stix_id("report", story["id"]),
            name=story["title"] or self.view.citation(story["id"]),
            published=_timestamp(story["published"]) if story["published"] else self.when,
            report_types=["threat-report"],
            object_refs=refs,
            external_references=[source],
            **self._common(),
        )


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _entity_refs(entity: dict[str, Any]) -> list[stix2.ExternalReference]:
    """Where else the entity is known: Wikidata, the reference file that lists it."""
    refs = []
    if entity.get("wikidata"):
        url = f"https://www.wikidata.org/wiki/{entity['wikidata']}"
        refs.append(stix2.ExternalReference(source_name="wikidata", external_id=entity["wikidata"], url=url))
    if entity.get("reference"):
        refs.append(stix2.ExternalReference(source_name="reference", external_id=entity["reference"]))
    return refs


def _event_relationship(role: str) -> str:
    if role in AGENT_ROLES:
        return "attributed-to"
    return "targets" if role in TARGET_ROLES else "related-to"
