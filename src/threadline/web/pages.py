"""The UI's pages: Jinja2 templates with autoescaping on, so article text, names and quotes
are shown as text whatever they hold. Pages that draw (network, timeline, map) are
shells: their scripts under /static fetch the JSON API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from threadline import query
from threadline.errors import ThreadlineError
from threadline.query.records import EntityDetail
from threadline.query.snippets import parts as snippet_parts
from threadline.store import Store
from threadline.web import reads
from threadline.web.text_view import story_segments

TEMPLATES = Path(__file__).resolve().parent / "templates"
PRECISION_WORDS = {1: "a town or site", 2: "near a town, or part of one", 3: "a region or country"}
ENTITY_TYPES = ("person", "organization", "location", "other")

templates = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"], default=True, default_for_string=True),
)
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
Offset = Annotated[int | None, Query(ge=0, le=10_000_000)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    config = request.app.state.config
    page = templates.get_template(name).render(
        read_only=config.read_only, token_needed=bool(config.token), **context
    )
    return HTMLResponse(page, status_code=status)


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _centre(request: Request, entity: str | None) -> EntityDetail | None:
    """The entity a page is drawn around, by id or by a name as typed."""
    if not entity:
        return None
    try:
        return query.entity_detail(_store(request), query.one_entity(_store(request), entity).id)
    except ThreadlineError:
        return None


def _not_found(request: Request, message: str) -> HTMLResponse:
    return render(request, "error.html", status=404, message=message)


@router.get("/")
def home(request: Request, q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    store = _store(request)
    if not q or not q.strip():
        top = query.list_entities(store, limit=60).entities
        return render(request, "search.html", query="", top=top)
    matches = query.find_entities(store, q, limit=10)
    hits = [
        {**hit.to_dict(), "parts": snippet_parts(hit.snippet, hit.matches)}
        for hit in query.search(store, q, limit=30).hits
    ]
    return render(request, "search.html", query=q, matches=matches, hits=hits)


@router.get("/entity/{entity_id}")
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    try:
        entity = query.entity_detail(_store(request), entity_id[:100])
    except query.UnknownEntity:
        return _not_found(request, f"No entity has the id {entity_id!r}.")
    return render(request, "entity.html", entity=entity, entity_id=entity.id, precision_words=PRECISION_WORDS)


@router.get("/story/{story_id}")
def story_page(request: Request, story_id: str, start: Offset = None, end: Offset = None) -> HTMLResponse:
    try:
        view = query.story(_store(request), story_id[:100])
    except query.UnknownStory:
        return _not_found(request, f"No story has the id {story_id!r}.")
    highlight = (start, end) if start is not None and end is not None else None
    segments = story_segments(view.text, highlight, view.evidence)
    return render(request, "story.html", story=view, segments=segments)


def _drawing(request: Request, template: str, entity: str | None, **context: Any) -> HTMLResponse:
    centre = _centre(request, entity[:200] if entity else None)
    if entity and centre is None:
        return _not_found(request, f"No entity has the id {entity!r}.")
    return render(request, template, center=centre, entity_id=centre.id if centre else None, **context)


@router.get("/network")
def network_page(request: Request, entity: str | None = None) -> HTMLResponse:
    predicates = reads.predicates(request.app.state.config.settings)
    return _drawing(request, "network.html", entity, predicates=predicates, types=ENTITY_TYPES)


@router.get("/timeline")
def timeline_page(request: Request, entity: str | None = None) -> HTMLResponse:
    return _drawing(request, "timeline.html", entity)


@router.get("/map")
def map_page(request: Request, entity: str | None = None) -> HTMLResponse:
    return _drawing(request, "map.html", entity)


@router.get("/review")
def review_page(request: Request) -> HTMLResponse:
    return render(request, "review.html", judgements=reads.judgements(_store(request)))
