"""Typed records the query layer answers with: plain dataclasses, each with `to_dict()`
for JSON, so the CLI, the HTTP API and the brief render one shape."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class Record:
    """A dataclass that turns itself into JSON-ready dicts and lists (nested records too)."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class EntityRef(Record):
    """An entity as a link: enough to show and to open it."""

    id: str
    name: str
    type: str


@dataclass(frozen=True)
class EntityMatch(Record):
    """One answer to a name typed by a user; `matched` is the name or alias that fit."""

    id: str
    name: str
    type: str
    aliases: list[str]
    matched: str
    score: float  # lower is better: 0 exact id, 1 exact name, 2 exact alias, 3+ partial
    mentions: int


@dataclass(frozen=True)
class SearchHit(Record):
    """One full-text hit: a story, a quote (of a fact or event) or an entity name."""

    kind: str  # "story", "quote" or "entity"
    id: str  # story id, fact/event id, or entity id
    story_id: str | None
    title: str
    snippet: str  # as the text has it: no markers (an article's own brackets are its own)
    rank: float  # lower is better
    matches: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of each matched word


@dataclass(frozen=True)
class SearchPage(Record):
    query: str
    limit: int
    offset: int
    hits: list[SearchHit]


@dataclass(frozen=True)
class Quote(Record):
    """One piece of evidence as a reader cites it: the sentence, where it sits, the story
    with its title and outlet, how firmly it is said and by whom."""

    story_id: str
    story_title: str | None
    outlet: str | None
    published: str | None
    quote: str
    start: int
    end: int
    modality: str
    attributed_to: str | None


@dataclass(frozen=True)
class PlaceRef(Record):
    entity_id: str
    name: str
    lat: float
    lon: float
    country: str | None
    precision: int  # 1 town or site, 2 part of or near one, 3 region or country


@dataclass(frozen=True)
class Relation(Record):
    """A stored fact seen from one entity: `direction` "out" when the entity is its subject."""

    id: str
    direction: str
    subject: EntityRef
    predicate: str
    object: EntityRef
    standing: str  # fact, denial or unasserted
    modality: str  # the hedging: asserted, reported, alleged, possible, ...
    sources: int
    independent_sources: int
    contested: bool
    quotes: list[Quote]
    disputed_by: list[Quote]
    first_seen: str | None
    last_seen: str | None
    verdict: str | None  # an analyst's "accept" or "reject", else None


@dataclass(frozen=True)
class Participant(Record):
    entity: EntityRef
    role: str


@dataclass(frozen=True)
class EventRecord(Record):
    id: str
    type: str
    date: str | None
    date_precision: str
    date_expression: str | None
    place: PlaceRef | None
    location: EntityRef | None
    participants: list[Participant]
    modality: str
    sources: int
    independent_sources: int
    contested: bool
    quotes: list[Quote]
    disputed_by: list[Quote]
    verdict: str | None
    claimants: list[Participant] = field(default_factory=list)  # role "claims" or "denies" responsibility


@dataclass(frozen=True)
class Judged(Record):
    """An analyst judgement about the entity, shown with who made it and when."""

    kind: str
    subjects: list[str]
    author: str
    created: str
    name: str | None
    note: str


@dataclass(frozen=True)
class EntityDetail(Record):
    id: str
    type: str
    name: str
    aliases: list[str]
    kb_id: str | None
    roles: list[str]
    place: PlaceRef | None
    mentions: int
    stories: int
    first_seen: str | None
    last_seen: str | None
    relations: list[Relation]
    events: list[EventRecord]
    judgements: list[Judged]
    review_status: str  # "reviewed" when an analyst judged it or one of its facts/events


@dataclass(frozen=True)
class EventPage(Record):
    total: int
    limit: int
    offset: int
    events: list[EventRecord]


@dataclass(frozen=True)
class Node(Record):
    id: str
    label: str
    type: str
    depth: int


@dataclass(frozen=True)
class Edge(Record):
    id: str
    source: str
    target: str
    predicate: str
    kind: str  # "fact" or "event"
    independent_sources: int
    dates: list[str]
    quote: str | None
    modality: str
    contested: bool
    verdict: str | None


@dataclass(frozen=True)
class Network(Record):
    center: str
    depth: int
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool


@dataclass(frozen=True)
class Span(Record):
    """A stretch of a story's text: a quote of a fact or event, or a block's zone."""

    start: int
    end: int
    kind: str  # "fact", "event" or a block zone ("body", "caption", ...)
    ref: str | None
    label: str | None


@dataclass(frozen=True)
class StoryView(Record):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    text: str
    blocks: list[Span]
    evidence: list[Span]
    removed: list[str]  # the boilerplate lines cleaning took out, as they were
    duplicate_of: str | None


@dataclass(frozen=True)
class Verdict(Record):
    target_kind: str  # "fact" or "event"
    target_id: str
    verdict: str  # "accept" or "reject"
    author: str
    created: str
    note: str = ""


@dataclass(frozen=True)
class WhyStory(Record):
    """The resolver's reasons about an entity's names, for one story."""

    story_id: str | None
    title: str | None
    outlet: str | None
    published: str | None
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class WhyDecision(Record):
    """One decision of resolution about two of the entity's names, story ids in its
    reason replaced by the stories' titles; `stories` names the stories of both names."""

    verdict: str  # merged, refused or ambiguous
    step: str
    left_name: str
    right_name: str
    score: float | None
    reason: str
    stories: list[str]


@dataclass(frozen=True)
class Why(Record):
    entity: EntityRef
    general: list[str]  # reasons not tied to one story (knowledge files, several stories)
    stories: list[WhyStory]
    decisions: list[WhyDecision] = field(default_factory=list)


@dataclass(frozen=True)
class EntityRow(Record):
    """An entity in a list: what to show and how much is said about it."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int


@dataclass(frozen=True)
class EntityPage(Record):
    total: int
    limit: int
    offset: int
    entities: list[EntityRow]


@dataclass(frozen=True)
class FactPage(Record):
    total: int
    limit: int
    offset: int
    facts: list[Relation]
