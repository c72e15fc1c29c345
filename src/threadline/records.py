"""Typed records that cross stage boundaries.

Each record carries the id of the record it came from, so every fact traces
back to a span of source text: Document -> Story -> Mention -> Assertion/EventMention.
Records are frozen: a stage makes new records, it never edits old ones.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Zone = Literal["headline", "standfirst", "body", "caption"]
MentionZone = Literal["text", "title"]  # which of a story's strings a mention's offsets index
EntityType = Literal["person", "organization", "location", "other"]
# Modalities that deny a fact: kept as claims, never exported as a positive fact.
NOT_A_FACT: frozenset[str] = frozenset({"negated", "denied"})
# Modalities of a fact that may be, is planned, or held once and no longer ("could designate",
# "will meet", "former commander"): kept as claims, exported apart from the facts.
NOT_NOW: frozenset[str] = frozenset({"possible", "planned", "former"})

Modality = Literal[
    "asserted", "reported", "alleged", "claimed", "possible", "planned", "former", "denied", "negated"
]
# The firmest first: of two claims on one quote or one event, the firmer one speaks.
FIRMNESS: tuple[Modality, ...] = (
    "asserted",
    "reported",
    "claimed",
    "alleged",
    "possible",
    "planned",
    "former",
    "denied",
    "negated",
)


def content_id(prefix: str, *parts: object) -> str:
    """A stable id from content: the same inputs give the same id on every run."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return f"{prefix}-{digest[:16]}"


# Offsets below this are shared (`shared_int`); the table stays small (about 5 MB at most).
SHARED_BELOW = 1 << 16
_INTS: dict[int, int] = {}


def shared_int(value: int) -> int:
    """`value`, as the one object this process holds for it when it is a small offset.
    A refresh holds every mention of the store at once, and resolution the cues each
    story's text gives around them; sqlite3 and json make a fresh int object for every
    number read (CPython shares only -5 to 256), 32 bytes each, while the offsets into
    stories' texts are few distinct values however many stories there are."""
    if 0 <= value < SHARED_BELOW:
        return _INTS.setdefault(value, value)
    return value


def document_id(locator: str) -> str:
    return content_id("d", locator)


@dataclass(frozen=True, slots=True)
class Document:
    """One input unit as read from disk or stdin: a file, or one JSONL record.

    `source` is what exports show (a file name, a record id); `locator` is what tells
    documents apart: two files named article.txt in two folders are two documents, and
    so are two feeds' records with one id. The id hashes the locator, so it is the same
    on every run over the same inputs.
    """

    source: str  # file name, or the record id for JSONL input
    origin: str  # where it was read: a path, or "path:line" for JSONL
    format: Literal["text", "html", "jsonl"]
    text: str  # decoded text; for HTML, the article text trafilatura extracted
    title: str | None = None  # only what the input states
    published: str | None = None  # YYYY-MM-DD, only what the input states
    outlet: str | None = None
    url: str | None = None
    locator: str = ""  # the full source: a file's path, or "FEED#ID" for a record; "" = source
    feed: str | None = None  # a JSONL record's file (its locator), which scopes its id
    warnings: tuple[str, ...] = field(default=(), compare=False)  # what was read but not kept

    @property
    def id(self) -> str:
        return document_id(self.locator or self.source)

    @property
    def content_hash(self) -> str:
        meta = (self.title, self.published, self.outlet, self.url)
        return content_id("h", self.format, self.text, *meta)


@dataclass(frozen=True, slots=True)
class Block:
    """A run of story text with the zone it belongs to; offsets index Story.text."""

    start: int
    end: int
    zone: Zone


@dataclass(frozen=True, slots=True)
class Dateline:
    """A wire dateline opening the story's text ("NIAMEY, March 4 (Sahara Wire) —"):
    text[start:end] is the whole dateline, text[start:place_end] the place it was filed from."""

    start: int
    end: int
    place_end: int

    @property
    def place_span(self) -> tuple[int, int]:
        return self.start, self.place_end


@dataclass(frozen=True, slots=True)
class Story:
    """One article: a page may hold several."""

    document_id: str
    source: str
    index: int  # place in its document, from 0
    text: str  # cleaned text: standfirst, captions (once) and body
    blocks: tuple[Block, ...]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    removed: tuple[str, ...] = ()  # boilerplate lines cut from this story, for audit
    dateline: Dateline | None = None  # the wire dateline its text opens with, if any

    @property
    def id(self) -> str:  # by its document, not its source: two files may share a name
        return content_id("s", self.document_id, self.index)

    def zone_text(self, zone: MentionZone) -> str:
        """The string a mention of this zone indexes: the text, or the title."""
        return (self.title or "") if zone == "title" else self.text

    def zone_at(self, offset: int) -> Zone:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block.zone
        return "body"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Story `story_id` repeats `duplicate_of` (the earliest copy)."""

    story_id: str
    duplicate_of: str
    similarity: float
    kind: Literal["story", "partial"] = "story"


@dataclass(frozen=True, slots=True)
class Mention:
    """A place in a story's text (or, zone "title", its headline) that names an entity."""

    story_id: str
    start: int
    end: int
    text: str
    type: EntityType
    label: str  # the NER label or ruler id that produced it
    kb_id: str | None = None  # knowledge-file id when the gazetteer matched
    zone: MentionZone = "text"  # offsets index Story.text, or Story.title for "title"

    @property
    def id(self) -> str:
        if self.zone == "title":
            return content_id("m", self.story_id, "title", self.start, self.end)
        return content_id("m", self.story_id, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verbatim quote: story_id's text[start:end] == quote."""

    story_id: str
    start: int
    end: int
    quote: str
    zone: Zone = "body"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who asserts a fact: a named source, an anonymous one, or the outlet itself."""

    kind: Literal["outlet", "named", "anonymous"] = "outlet"
    text: str | None = None  # "a politician close to the groups", "the Treasury Department"
    mention_id: str | None = None  # when the source is a mention of an entity
    via: str | None = None  # the outlet it was told to, when the text says so


@dataclass(frozen=True, slots=True)
class Assertion:
    """A relation claim: subject predicate object, as one story states it."""

    story_id: str
    subject: str  # Mention.id
    predicate: str
    object: str  # Mention.id
    evidence: Evidence
    extractor: str  # pattern name
    version: str
    role: str | None = None  # secretary-general, deputy, spokesperson, ...
    modality: Modality = "asserted"
    attribution: Attribution = field(default_factory=Attribution)

    @property
    def id(self) -> str:
        return content_id("r", self.story_id, self.subject, self.predicate, self.object)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A date resolved from text against the publication date."""

    value: str | None  # YYYY-MM-DD or YYYY-MM; None when the text fixes none
    precision: Literal["day", "month", "year", "range", "unknown"]
    expression: str | None  # the words in the text ("late on Sunday")


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim of responsibility for an event, or a denial of any role in it, as one
    story states it: claimant (a Mention) -> the EventMention it claims or disowns."""

    story_id: str
    claimant: str  # Mention.id
    event: str  # EventMention.id of the same story
    kind: Literal["responsibility", "denial"]
    evidence: Evidence
    extractor: str
    version: str
    modality: Modality = "asserted"  # a denial is always "denied"
    attribution: Attribution = field(default_factory=Attribution)

    @property
    def id(self) -> str:
        return content_id("c", self.story_id, self.claimant, self.event, self.kind, self.evidence.start)


@dataclass(frozen=True, slots=True)
class EventMention:
    """One story's report of an event; merged across stories into an Event later."""

    story_id: str
    type: str
    trigger: str
    participants: tuple[str, ...]  # Mention ids
    location: str | None  # Mention id
    date: DateValue
    evidence: Evidence
    extractor: str
    version: str
    modality: Modality = "asserted"
    attribution: Attribution = field(default_factory=Attribution)
    roles: tuple[tuple[str, str], ...] = ()  # (participant Mention.id, role), roles from the ontology
    claims: tuple[Claim, ...] = ()  # claims of responsibility for (or denials of) this event

    @property
    def id(self) -> str:
        return content_id("vm", self.story_id, self.type, self.evidence.start, self.trigger)


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world actor or place, with every name it goes by."""

    id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None


Verdict = Literal["merged", "refused", "ambiguous"]


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of resolution about two names: merged, refused (a guard forbade it,
    or the scorer put it below the bar) or ambiguous (a short form that fits several
    full names), with the step that took it, the score where there is one and the
    reason in words. Names are nodes: one story's mentions of one name ("story id/name
    key"); the entities are filled in once the clusters are built (None for a knowledge
    entry no story mentions). Here, not in resolve/, so the store imports no stage."""

    step: str
    verdict: Verdict
    left: str
    left_name: str
    right: str
    right_name: str
    reason: str
    score: float | None = None
    left_entity: str | None = None
    right_entity: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """Where a location entity is (the places stage): a point, how exact it is, and the
    gazetteer entry it came from. Here, not in places/, so the store imports no stage."""

    name: str  # the gazetteer's name
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-2
    precision: int  # ACLED-style: 1 town or site, 2 part of or near one, 3 region or country
    kind: str  # city, country, region, base, airport, neighbourhood, border_post, ...
    source: str  # "knowledge:<id>" or "geonames:<geonameid>"


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the NLP and extract stages found in one story."""

    story: Story
    mentions: tuple[Mention, ...]
    assertions: tuple[Assertion, ...]
    events: tuple[EventMention, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event: the event mentions of several stories, merged."""

    id: str
    type: str
    date: DateValue
    location: str | None  # Entity.id
    participants: tuple[str, ...]  # Entity ids
    evidence: tuple[Evidence, ...]
    mentions: tuple[str, ...]  # EventMention ids it merges
    modality: Modality = "asserted"  # the firmest modality of a mention that asserts it
    roles: tuple[tuple[str, str], ...] = ()  # (participant Entity.id, role)
    disputed_by: tuple[str, ...] = ()  # ids of its mentions that deny or negate it

    @property
    def contested(self) -> bool:
        """One source says it happened, another that it did not."""
        return bool(self.disputed_by)


# ---------------------------------------------------------------- the stored graph
# What the global steps after resolution write (graph/): events and facts as every
# reader shows them, each piece of evidence already cited (quote, offsets, modality,
# attribution with its resolved entity), so no reader merges or groups anything.
Cited = dict[str, Any]  # one evidence item: story, quote, start, end, zone, modality, attribution
Standing = Literal["fact", "denial", "unasserted"]  # asserted; only denied; only possible/planned/past


@dataclass(frozen=True, slots=True)
class GraphEvent:
    """One real-world event as stored: the merged Event, its evidence cited."""

    id: str
    type: str
    date: DateValue
    location: str | None  # Entity.id
    participants: tuple[str, ...]  # Entity ids
    roles: tuple[tuple[str, str], ...]  # (participant Entity.id, role)
    modality: Modality  # the firmest a mention gives
    mentions: tuple[str, ...]  # EventMention ids it merges
    evidence: tuple[Cited, ...]  # the mentions that report it
    disputed_by: tuple[Cited, ...]  # the mentions that deny it
    sources: int  # stories behind `evidence`
    independent_sources: int  # of them, not copies of one another

    @property
    def contested(self) -> bool:
        return bool(self.disputed_by)


@dataclass(frozen=True, slots=True)
class Fact:
    """A relation between two resolved entities with every claim on it: asserted (a
    fact, maybe contested), only denied, or only possible, planned or past."""

    id: str
    subject: str  # Entity.id
    predicate: str
    object: str  # Entity.id
    standing: Standing
    modality: Modality  # the firmest modality of `evidence`
    evidence: tuple[Cited, ...]  # the claims that give it its standing
    disputed_by: tuple[Cited, ...]  # for a fact: the claims that deny it
    sources: int
    independent_sources: int

    @property
    def contested(self) -> bool:
        return bool(self.disputed_by)


@dataclass(frozen=True, slots=True)
class Responsibility:
    """An entity's claim of responsibility for a stored event, or its denial of any role."""

    claimant: str  # Entity.id
    event: str  # GraphEvent.id
    kind: Literal["responsibility", "denial"]
    modality: Modality
    evidence: tuple[Cited, ...]
    sources: int
    independent_sources: int

    @property
    def id(self) -> str:
        return content_id("cl", self.claimant, self.event, self.kind)


JudgementKind = Literal["merge", "split", "rename"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """One analyst decision about entities (merge, split, rename): stored by the store,
    applied by resolution (resolve/judgements.py). Here, so the store imports no stage."""

    kind: JudgementKind
    subjects: tuple[str, ...]  # entity ids, "kb:" knowledge ids, or names as written
    author: str
    created: str  # ISO 8601 timestamp; orders conflicting judgements
    name: str | None = None  # rename: the name to show
    note: str = ""
    entity_type: EntityType | None = None  # split: the type of the entity the names were split from

    def describe(self) -> str:
        what = {"merge": "merged", "split": "split", "rename": f"renamed to '{self.name}'"}[self.kind]
        subjects = ", ".join(f"'{s}'" for s in self.subjects)
        return f"analyst judgement: {subjects} {what} by {self.author} on {self.created}" + (
            f" ({self.note})" if self.note else ""
        )


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """An entry of a knowledge file (or `kb add`): a real-world actor or place the team
    wrote down. Read by vocab.py, stored as reference entities by the store."""

    id: str
    name: str
    type: str  # person / organization / location
    aliases: tuple[str, ...] = ()
    kind: str | None = None  # armed_group, outlet, government, city, base, ...
    country: str | None = None
    wikidata: str | None = None
    lat: float | None = None
    lon: float | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class StepRun:
    """One run of a global step: what it is (name, version), the claims it followed
    (`generation`, filled in when its rows are written), the rows it left in each table
    it writes, and when it started and finished (ISO 8601, UTC)."""

    step: str
    version: str
    rows: dict[str, int]
    started: str
    finished: str
    generation: int | None = None
