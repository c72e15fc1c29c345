"""The tables, in SQLAlchemy Core, portable between SQLite and PostgreSQL.

Two kinds of rows: claims extracted from one story (stories, mentions,
assertions, event_mentions, claims), replaced only when their document changes; and
derived rows (duplicates, entities, mention_entities, resolution decisions, places,
events, responsibilities, facts), recomputed from the claims by the global steps after every
ingest. Resolution never rewrites evidence.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("format", String(10), nullable=False),
    Column("content_hash", String(40), nullable=False),
    Column("title", Text),
    Column("published", String(10)),
    Column("outlet", Text),
    Column("url", Text),
    Column("seq", Integer, nullable=False),  # ingest order, for "first seen"
    # What the id hashes: a file's path, or "FEED#ID" for a JSONL record; null in a row a
    # threadline before 0003 wrote (its id hashed `source` alone).
    Column("locator", Text),
    Column("feed", Text, index=True),  # a JSONL record's file: re-reading it removes records gone from it
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("document_id", String(40), ForeignKey("documents.id"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("idx", Integer, nullable=False),
    Column("title", Text),
    Column("published", String(10)),
    Column("outlet", Text),
    Column("text", Text, nullable=False),
    Column("blocks", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("dateline", JSON),  # [start, end, place_end] of a wire dateline in text, or null
)

signatures = Table(  # the duplicate index, persisted: MinHashes of a story (part 0) and its paragraphs
    "signatures",
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id"), primary_key=True),
    Column("part", Integer, primary_key=True),
    Column("minhash", LargeBinary, nullable=False),
)

signature_bands = Table(  # the LSH buckets of each signature, so a refresh looks up only a new story's
    "signature_bands",  # neighbours (graph/incremental.py); key: one band's values, as stored
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False, index=True),
    Column("part", Integer, nullable=False),
    Column("band", Integer, nullable=False),
    Column("key", LargeBinary, nullable=False),
    Index("ix_signature_bands_bucket", "band", "key"),
)

story_changes = Table(  # stories written or removed since the derived rows last followed them
    "story_changes",
    metadata,
    Column("story_id", String(40), nullable=False, index=True),
    Column("generation", Integer, nullable=False),  # the claims generation the change made
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("label", String(40), nullable=False),
    Column("kb_id", String(80)),
    Column("zone", String(10), nullable=False, server_default="text"),  # "text" or "title"
    Index("ix_mentions_story_zone_start", "story_id", "zone", "start"),  # the refresh's read order
)


def evidence_columns() -> list[Column]:
    """Where a claim's quote sits in its story, and who extracted it how."""
    return [
        Column("quote", Text, nullable=False),
        Column("quote_start", Integer, nullable=False),
        Column("quote_end", Integer, nullable=False),
        Column("zone", String(20), nullable=False),
        Column("extractor", String(80), nullable=False),
        Column("version", String(20), nullable=False),
        Column("modality", String(20), nullable=False),
        Column("attribution", JSON, nullable=False),
    ]


assertions = Table(
    "assertions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False, index=True),
    Column("subject", String(40), nullable=False),
    Column("predicate", String(40), nullable=False),
    Column("object", String(40), nullable=False),
    Column("role", String(60)),
    *evidence_columns(),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False, index=True),
    Column("type", String(40), nullable=False),
    Column("trigger", Text, nullable=False),
    Column("participants", JSON, nullable=False),
    Column("location", String(40)),
    Column("date_value", String(10)),
    Column("date_precision", String(10), nullable=False),
    Column("date_expression", Text),
    Column("roles", JSON, nullable=False, default=list),  # [[mention id, role], ...]
    *evidence_columns(),
)

claims = Table(  # "X claimed responsibility for the attack", "X denied any role": claimant -> event mention
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("story_id", String(40), ForeignKey("stories.id"), nullable=False, index=True),
    Column("claimant", String(40), nullable=False),
    Column("event", String(40), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    *evidence_columns(),
)

duplicates = Table(  # kind "story": a copy; kind "partial": shares paragraphs with an earlier story
    "duplicates",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("duplicate_of", String(40), primary_key=True),
    Column("similarity", Float, nullable=False),
    Column("kind", String(10), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(20), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("kb_id", String(80)),
    Column("reasons", JSON, nullable=False),
)

mention_entities = Table(
    "mention_entities",
    metadata,
    Column("mention_id", String(40), primary_key=True),
    Column("entity_id", String(40), nullable=False, index=True),
)

decisions = Table(  # derived: every merge, refusal and ambiguity of resolution (resolve/decisions.py)
    "decisions",
    metadata,
    # position key: read in its order, the order they were taken (store/ledger.py)
    Column("seq", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=False),
    Column("step", String(40), nullable=False),
    Column("verdict", String(10), nullable=False),
    Column("left_node", Text, nullable=False),
    Column("left_name", Text, nullable=False),
    Column("right_node", Text, nullable=False),
    Column("right_name", Text, nullable=False),
    Column("score", Float),
    Column("reason", Text, nullable=False),
    Column("left_entity", String(40), index=True),
    Column("right_entity", String(40), index=True),
    Column("digest", BigInteger),  # of the row's content: what a write compares (None: rewrite)
)

places = Table(  # derived: where each location entity is on the map
    "places",
    metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("country", String(2)),
    Column("precision", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("source", Text, nullable=False),
)


def graph_columns() -> list[Column]:
    """What every stored event, fact and claim carries: its cited evidence
    (graph/cite.py) and how many stories, and independent ones, stand behind it."""
    return [
        Column("modality", String(20), nullable=False),
        Column("evidence", JSON, nullable=False),
        Column("sources", Integer, nullable=False),
        Column("independent_sources", Integer, nullable=False),
    ]


events = Table(  # derived: event mentions merged across stories (graph/stored.py)
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(40), nullable=False),
    Column("date_value", String(10)),
    Column("date_precision", String(10), nullable=False),
    Column("date_expression", Text),
    Column("location", String(40)),
    Column("participants", JSON, nullable=False),
    Column("roles", JSON, nullable=False),  # [[entity id, role], ...]
    Column("mentions", JSON, nullable=False),  # the event mention ids it merges
    Column("disputed_by", JSON, nullable=False),  # cited evidence of the mentions denying it
    *graph_columns(),
    Index("ix_events_type_location", "type", "location", "date_value", "id"),  # store/event_scope.py
)

responsibilities = Table(  # derived: claims of (and denials of) responsibility, entity -> event
    "responsibilities",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("claimant", String(40), nullable=False),
    Column("event", String(40), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    *graph_columns(),
)

facts = Table(  # derived: relation claims grouped by the entities they join (graph/facts.py)
    "facts",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("subject", String(40), nullable=False, index=True),
    Column("predicate", String(40), nullable=False),
    Column("object", String(40), nullable=False, index=True),
    Column("standing", String(12), nullable=False),  # fact, denial or unasserted
    Column("disputed_by", JSON, nullable=False),
    *graph_columns(),
)

fact_stories = Table(  # derived: the stories each fact cites (store/fact_links.py), kept with the facts
    "fact_stories",
    metadata,
    Column("story_id", String(40), primary_key=True),
    Column("fact_id", String(40), primary_key=True, index=True),
)

meta = Table(  # store-wide flags, e.g. whether derived rows lag behind the claims
    "meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

judgements = Table(  # analyst decisions: survive every re-run of the resolver
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("author", Text, nullable=False),
    Column("created", String(32), nullable=False),
)

judgement_subjects = Table(  # what each judgement is about, folded: a page reads only its own
    "judgement_subjects",
    metadata,
    Column("judgement_id", Integer, ForeignKey("judgements.id"), nullable=False),
    Column("subject", Text, nullable=False, index=True),  # a fact, event or entity id, or a name
)

reference_entities = Table(  # entities users loaded with `threadline kb add`
    "reference_entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("source", Text, nullable=False, index=True),
    Column("entry", JSON, nullable=False),
)

stage_runs = Table(  # one row per run of a global step: what it was, what it wrote, when
    "stage_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("step", String(80), nullable=False, index=True),
    Column("version", String(40), nullable=False),
    Column("generation", Integer, nullable=False),  # the claims_generation its rows follow from
    Column("row_counts", JSON, nullable=False),  # {table: rows it left there}
    Column("started", String(32), nullable=False),
    Column("finished", String(32), nullable=False),
)

story_cues = Table(  # what resolution read in each story's text (resolve/story_text.py): a cache
    "story_cues",
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id"), primary_key=True),
    Column("version", String(40), nullable=False),  # the cues format's and the lexicon's
    Column("cues", Text, nullable=False),  # JSON
)

place_tallies = Table(  # derived: each location entity's count of its stories' countries (places/step.py)
    "place_tallies",
    metadata,
    Column("entity_id", String(40), primary_key=True),
    Column("tally", JSON, nullable=False),  # {ISO code: [mentions, first story, place in its list]}
)

event_witnesses = Table(  # the events step's state: two dated events an aside passed (store/witnesses.py)
    "event_witnesses",
    metadata,
    Column("mention", String(40), primary_key=True),  # an event mention of an event told in passing
    Column("first", String(40), nullable=False),  # a mention of each of two dated events it passed
    Column("second", String(40), nullable=False),
)

STORY_CHILDREN = (signatures, signature_bands, mentions, assertions, event_mentions, claims)
DERIVED = (
    duplicates,
    mention_entities,
    entities,
    decisions,
    places,
    place_tallies,
    events,
    responsibilities,
    facts,
)
