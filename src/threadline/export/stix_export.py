"""A STIX 2.1 bundle, as the `stix2` library writes it, for OpenCTI and other
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

The graph is read section by section, a batch at a time with what the batch names
(export/reader.py), and each object written as made (stix_bundle.py); what a story's
report refers to is kept in a temporary SQLite database until the reports are written.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import Any, TextIO

from threadline.export.armed import armed_entities, is_armed
from threadline.export.reader import GraphReader
from threadline.export.stix_bundle import BundleWriter, Plain, reference, sdo
from threadline.export.view import Lookup, confidence, first_quote, story_ids
from threadline.store.stream import StoryRef

NAMESPACE = uuid.UUID("6f3b1c9e-4d0a-5b8e-9a57-1c2d3e4f5a6b")  # threadline's: ids are uuid5 in it
EPOCH = "1970-01-01"
AGENT_ROLES = frozenset({"attacker", "perpetrator", "agent", "founder", "protester", "speaker", "finder"})
TARGET_ROLES = frozenset({"target", "victim", "detainee"})
RELATIONSHIP = {"located_in": "located-at"}  # STIX's own name where it has one


def stix_id(kind: str, *parts: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join((kind, *parts)))}"


class StixExporter:
    """One bundle: the author, entities, relationships, incidents (each with its links),
    claims, then reports, in that order, as the old whole-bundle writer gave them."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, graph: GraphReader) -> None:
        bundle = BundleWriter(self.stream, NAMESPACE)
        try:
            _Builder(graph, _timestamp(graph.latest_published()), bundle).write()
        except BaseException:
            bundle.discard()
            raise
        bundle.close()

    def finalize(self) -> None:
        """The bundle is written when read."""


def _timestamp(date: str) -> str:
    day = date if len(date) == 10 else f"{date[:7]}-01" if len(date) == 7 else EPOCH
    return f"{day}T00:00:00Z"


class Supports:
    """Story id -> the STIX ids its evidence supports, in the order supported, kept in a
    private temporary SQLite database (on disk when large) until the reports."""

    def __init__(self) -> None:
        self.db = sqlite3.connect("")
        self.db.execute(
            "CREATE TABLE supports (story TEXT NOT NULL, seq INTEGER PRIMARY KEY, ref TEXT NOT NULL)"
        )
        self.db.execute("CREATE INDEX supports_story ON supports (story, seq)")

    def add(self, stories: Iterable[str], ids: tuple[str, ...]) -> None:
        self.db.executemany(
            "INSERT INTO supports (story, ref) VALUES (?, ?)", [(s, i) for s in stories for i in ids]
        )

    def of(self, stories: list[str]) -> dict[str, list[str]]:
        """What each of the stories supports, each id once, first support first."""
        found: dict[str, dict[str, None]] = {s: {} for s in stories}
        marks = ",".join("?" * len(stories))
        query = f"SELECT story, ref FROM supports WHERE story IN ({marks}) ORDER BY seq"
        for story, ref in self.db.execute(query, stories):
            found[story][ref] = None
        return {s: list(refs) for s, refs in found.items()}

    def close(self) -> None:
        self.db.close()


class _Builder:
    """The STIX objects of the graph, made in bundle order and handed to the writer."""

    def __init__(self, graph: GraphReader, when: str, bundle: BundleWriter) -> None:
        self.graph, self.when, self.bundle = graph, when, bundle
        self.author = sdo(
            "identity",
            id=stix_id("identity", "threadline"),
            name="threadline",
            identity_class="system",
            created=when,
            modified=when,
        )
        self.armed: frozenset[str] = frozenset()
        self.supports = Supports()

    def write(self) -> None:
        try:
            self.armed = armed_entities(self.graph)
            self.bundle.add(self.author)
            for entity in self.graph.items("entities"):
                made = self._entity(entity)
                if made is not None:
                    self.bundle.add(made)
            self._relationships()
            self._incidents()
            self._claims()
            self._reports()
        finally:
            self.supports.close()

    def _common(self) -> dict[str, Any]:
        return {"created": self.when, "modified": self.when, "created_by_ref": self.author.values["id"]}

    def _kind(self, entity: dict[str, Any]) -> str | None:
        """What the entity is written as; None for a place no gazetteer located."""
        if entity["type"] == "location":
            return "location" if entity.get("place") else None
        return "threat-actor" if is_armed(entity, self.armed) else "identity"

    def _ref(self, entity: dict[str, Any] | None) -> str | None:
        """The STIX id of the entity's object, or None where it has none."""
        kind = self._kind(entity) if entity else None
        return stix_id(kind, entity["id"]) if kind and entity else None

    def _entity(self, entity: dict[str, Any]) -> Any:
        kind, common = self._kind(entity), {"name": entity["name"], **self._common()}
        refs = _entity_refs(entity)
        if refs:
            common["external_references"] = refs
        if kind == "location":
            place = entity["place"]
            point = {"latitude": place["lat"], "longitude": place["lon"], "country": place["country"]}
            return sdo("location", id=stix_id("location", entity["id"]), **common, **point)
        if kind == "threat-actor":
            aliases = {"aliases": entity["aliases"]} if entity["aliases"] else {}
            return sdo("threat-actor", id=stix_id("threat-actor", entity["id"]), **common, **aliases)
        if kind is None:
            return None
        identity_class = {"person": "individual", "organization": "organization"}.get(
            entity["type"], "unknown"
        )
        return sdo("identity", id=stix_id("identity", entity["id"]), identity_class=identity_class, **common)

    def _relationships(self) -> None:
        for relations, view in self.graph.batches("relations"):
            for relation in relations:
                source = self._ref(view.entities.get(relation["subject"]))
                target = self._ref(view.entities.get(relation["object"]))
                if source and target:
                    kind = RELATIONSHIP.get(relation["predicate"], relation["predicate"].replace("_", "-"))
                    self.bundle.add(
                        self._relationship(relation["id"], kind, (source, target), relation, view)
                    )

    def _relationship(
        self,
        key: str,
        kind: str,
        ends: tuple[str, str],
        item: dict[str, Any],
        view: Lookup,
        support: bool = True,
    ) -> Any:
        source, target = ends
        made = sdo(
            "relationship",
            id=stix_id("relationship", key, kind, source, target),
            relationship_type=kind,
            source_ref=source,
            target_ref=target,
            description=first_quote(item),
            **self._evidenced(item, view),
        )
        if support:
            self.supports.add(story_ids(item), (made.values["id"], source, target))
        return made

    def _incidents(self) -> None:
        """Each event an incident, with a relationship to each actor and to its place;
        a link a claim of responsibility repeats is written where the claim is (as the
        whole-bundle writer kept one of two objects of one id: the first, in the last's place)."""
        for events, view in self.graph.batches("events"):
            claimed = self.graph.claimed([e["id"] for e in events])
            for event in events:
                incident = sdo(
                    "incident",
                    id=stix_id("incident", event["id"]),
                    name=view.event_title(event),
                    description=first_quote(event),
                    **self._evidenced(event, view),
                )
                self.supports.add(story_ids(event), (incident.values["id"],))
                self.bundle.add(incident)
                for participant, link in self._event_links(event, incident.values["id"], view):
                    if (
                        link.values["relationship_type"] != "attributed-to"
                        or (event["id"], participant) not in claimed
                    ):
                        self.bundle.add(link)

    def _event_links(self, event: dict[str, Any], incident: str, view: Lookup) -> Iterator[tuple[str, Any]]:
        """(entity, relationship) for the event's place, then for each of its actors."""
        where = self._ref(view.entities.get(event["location"] or ""))
        if where:
            yield (
                event["location"],
                self._relationship(event["id"], "located-at", (incident, where), event, view),
            )
        for participant in event["participants"]:
            target = self._ref(view.entities.get(participant))
            if target and participant != event["location"]:
                kind = _event_relationship(event["roles"].get(participant, "participant"))
                yield participant, self._relationship(event["id"], kind, (incident, target), event, view)

    def _claims(self) -> None:
        """A relationship `attributed-to` the claimant per claim of responsibility for an
        incident; claims of one id written once, as the first object of that id."""
        for _, group in groupby(self._claim_links(), key=lambda pair: pair[1].values["id"]):
            firsts = [first for first, _ in group]
            self.bundle.add(firsts[0])

    def _claim_links(self) -> Iterator[tuple[Any, Any]]:
        """(the first object of its id, the claim's relationship) for each claim with both ends."""
        for claims, view in self.graph.batches("claims"):
            events = self.graph.events_by_ids({c["event"] for c in claims})
            event_view = self.graph.lookup(events.values())
            for claim in claims:
                event, target = events.get(claim["event"]), self._ref(view.entities.get(claim["claimant"]))
                if event is None or target is None or claim["kind"] != "responsibility":
                    continue
                ends = (stix_id("incident", event["id"]), target)
                made = self._relationship(claim["event"], "attributed-to", ends, claim, view)
                if _links_as_claimed(event, claim["claimant"]):
                    yield (
                        self._relationship(event["id"], "attributed-to", ends, event, event_view, False),
                        made,
                    )
                else:
                    yield made, made

    def _evidenced(self, item: dict[str, Any], view: Lookup) -> dict[str, Any]:
        refs = [_reference(e, view.stories[e["story"]]) for e in item["evidence"]]
        return {"confidence": confidence(item), "external_references": refs, **self._common()}

    def _reports(self) -> None:
        """One report per story that supports anything, referring to all it supports."""
        for stories in self.graph.story_chunks():
            supported = self.supports.of([s.id for s in stories])
            for story in stories:
                if supported[story.id]:
                    self.bundle.add(self._report(story, supported[story.id]))

    def _report(self, story: StoryRef, refs: list[str]) -> Any:
        url = {"url": story.url} if story.url else {}
        source = reference(source_name=story.outlet or story.source, external_id=story.id, **url)
        return sdo(
            "report",
            id=stix_id("report", story.id),
            name=story.title or story.citation,
            published=_timestamp(story.published) if story.published else self.when,
            report_types=["threat-report"],
            object_refs=refs,
            external_references=[source],
            **self._common(),
        )


def _links_as_claimed(event: dict[str, Any], claimant: str) -> bool:
    """Whether the event's own links already tie its incident to the claimant `attributed-to`."""
    if claimant not in event["participants"] or claimant == event["location"]:
        return False
    return _event_relationship(event["roles"].get(claimant, "participant")) == "attributed-to"


def _reference(cited: dict[str, Any], story: StoryRef) -> Plain:
    url = {"url": story.url} if story.url else {}
    name = story.outlet or story.source
    return reference(source_name=name, external_id=story.id, description=cited["quote"], **url)


def _entity_refs(entity: dict[str, Any]) -> list[Plain]:
    """Where else the entity is known: Wikidata, the reference file that lists it."""
    refs = []
    if entity.get("wikidata"):
        url = f"https://www.wikidata.org/wiki/{entity['wikidata']}"
        refs.append(reference(source_name="wikidata", external_id=entity["wikidata"], url=url))
    if entity.get("reference"):
        refs.append(reference(source_name="reference", external_id=entity["reference"]))
    return refs


def _event_relationship(role: str) -> str:
    if role in AGENT_ROLES:
        return "attributed-to"
    return "targets" if role in TARGET_ROLES else "related-to"
