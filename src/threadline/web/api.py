"""The JSON API under /api: entities, search, facts, events, stories, the graph, and judgements.

Each route calls one function of the query layer (threadline.query), which reads the
stored graph in one snapshot; this module only turns HTTP parameters into its arguments
and its answers into JSON. Unknown ids are 404 (the query layer's `NotInStore`, answered
by the one handler in web/errors.py); every listing is paged and bounded.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from threadline import query
from threadline.query.records import (
    EntityDetail,
    EntityPage,
    EntityRow,
    EventPage,
    EventRecord,
    FactPage,
    Network,
    Relation,
    SearchPage,
    StoryView,
)
from threadline.web.deps import DEFAULT_LIMIT, Limit, Offset, StoreDep
from threadline.web.errors import ErrorResponse, NotFound
from threadline.web.graph_filter import filter_network
from threadline.web.judgements import listing as judgements_listing
from threadline.web.judgements import router as judgements_router

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorResponse, "description": "no such id"}}
ID = Path(min_length=1, max_length=100, description="an id as the API gives it")
TEXT = Query(max_length=200)
DATE = Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY, YYYY-MM or YYYY-MM-DD")
EntityType = Literal["person", "organization", "location", "other"]

MAX_MATCHES = 1000  # names matching a typed one, at most, before paging
router = APIRouter(prefix="/api", responses={400: {"model": ErrorResponse}})


@router.get("/entities", response_model=EntityPage, tags=["entities"])
def list_entities(
    store: StoreDep,
    q: Annotated[
        str | None, Query(max_length=200, description="a name as typed: any alias, part of one")
    ] = None,
    type: Annotated[EntityType | None, Query(description="only entities of this type")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> EntityPage:
    """Entities matching a typed name (best first), or all of them by name when `q` is absent;
    each with how often it is mentioned."""
    if not q or not q.strip():
        return query.list_entities(store, type, limit=limit, offset=offset)
    found = [
        EntityRow(m.id, m.name, m.type, m.aliases, m.mentions)
        for m in query.find_entities(store, q, limit=MAX_MATCHES)
        if not type or m.type == type
    ]
    return EntityPage(len(found), limit, offset, found[offset : offset + limit])


@router.get("/entities/{entity_id}", response_model=EntityDetail, responses=NOT_FOUND, tags=["entities"])
def entity(store: StoreDep, entity_id: Annotated[str, ID]) -> JSONResponse:
    """Type, aliases, roles, place, first and last seen; every fact with its quotes, hedging,
    independent sources and contested flag; events; the analysts' judgements."""
    # The record is typed already: answered as is, not validated again into the response
    # model (a third of the time of a large entity); the model still documents it.
    return JSONResponse(query.entity_detail(store, entity_id).to_dict())


@router.get("/search", response_model=SearchPage, tags=["search"])
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to find")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> SearchPage:
    """Full text over stories, quotes and entity names, ranked. Each snippet is the text as
    written (brackets in it are the article's); `matches` gives the matched words as
    [start, end) offsets into it."""
    return query.search(store, q, limit=limit, offset=offset)


@router.get("/facts", response_model=FactPage, responses=NOT_FOUND, tags=["facts"])
def facts(
    store: StoreDep,
    entity: Annotated[str | None, Query(max_length=100, description="an entity id on either side")] = None,
    predicate: Annotated[str | None, TEXT] = None,
    min_sources: Annotated[int, Query(ge=0, le=1000, description="least independent sources")] = 0,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> JSONResponse:
    """Stored facts of every standing, best-sourced first, filtered and paged."""
    if entity:
        _known_id(store, entity)
    found = query.list_facts(
        store,
        predicate=predicate or None,
        entity_id=entity or None,
        min_sources=min_sources,
        limit=limit,
        offset=offset,
    )
    return JSONResponse(found.to_dict())


@router.get("/facts/{fact_id}", response_model=Relation, responses=NOT_FOUND, tags=["facts"])
def fact(store: StoreDep, fact_id: Annotated[str, ID]) -> Relation:
    """One fact with its quotes, hedging, independent sources, contested flag and verdict."""
    return query.get_fact(store, fact_id)


@router.get("/events", response_model=EventPage, responses=NOT_FOUND, tags=["events"])
def events(
    store: StoreDep,
    type: Annotated[str | None, TEXT] = None,
    since: Annotated[str | None, DATE] = None,
    until: Annotated[str | None, DATE] = None,
    entity: Annotated[str | None, Query(max_length=100, description="an entity id taking part")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="a name as typed")] = None,
    place: Annotated[str | None, Query(max_length=200, description="a place name as typed")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> EventPage:
    """Events, earliest first (undated last), filtered and paged."""
    if entity:
        actor = _known_id(store, entity)
    return query.list_events(
        store, type=type, since=since, until=until, actor=actor, place=place, limit=limit, offset=offset
    )


def _known_id(store: StoreDep, entity_id: str) -> str:
    """An entity id, checked: the query layer takes it where it takes a name."""
    if not any(m.id == entity_id for m in query.find_entities(store, entity_id, limit=1)):
        raise NotFound(f"no entity has the id {entity_id!r}")
    return entity_id


@router.get("/events/{event_id}", response_model=EventRecord, responses=NOT_FOUND, tags=["events"])
def event(store: StoreDep, event_id: Annotated[str, ID]) -> EventRecord:
    """One event with its participants, place, quotes and verdict."""
    return query.get_event(store, event_id)


@router.get("/stories/{story_id}", response_model=StoryView, responses=NOT_FOUND, tags=["stories"])
def story(store: StoreDep, story_id: Annotated[str, ID]) -> StoryView:
    """A story's cleaned text with its blocks and the spans every fact and event quotes;
    the boilerplate cleaning removed, listed apart."""
    return query.story(store, story_id)


@router.get("/graph", response_model=Network, responses=NOT_FOUND, tags=["graph"])
def graph(
    store: StoreDep,
    entity: Annotated[str, Query(min_length=1, max_length=200, description="an entity id or name")],
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    predicate: Annotated[str | None, TEXT] = None,
    type: Annotated[list[EntityType] | None, Query(max_length=4)] = None,
    since: Annotated[str | None, DATE] = None,
    until: Annotated[str | None, DATE] = None,
    min_sources: Annotated[int, Query(ge=0, le=1000)] = 0,
) -> Network:
    """The neighbourhood of an entity as nodes and edges, for the network view: facts to
    `depth` hops, filtered by predicate, node type, date range and independent sources."""
    centre = query.one_entity(store, entity).id  # none: 404; several: 400 listing them
    found = query.network(store, centre, depth=depth, predicate=predicate or None, min_sources=min_sources)
    return filter_network(found, set(type or ()), since, until)


router.include_router(judgements_router)
router.include_router(judgements_listing)
