"""Write endpoints: an analyst's judgements (merge, split, rename, accept or reject a fact
or event). Each is stored in `judgements`, applied at once (the derived rows recomputed),
and applied again on every later ingest. All need the token when the server has one."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from threadline import query
from threadline.query.records import Judged, Verdict
from threadline.query.review import Judging
from threadline.web import reads
from threadline.web.deps import DEFAULT_LIMIT, Limit, Offset, SettingsDep, StoreDep
from threadline.web.errors import ErrorResponse
from threadline.web.security import require_writer

Name = Annotated[str, Field(min_length=1, max_length=200, description="an entity id, name or alias")]
Note = Annotated[str, Field(max_length=1000, description="why, for the record")]
Author = Annotated[str, Field(min_length=1, max_length=100, description="who judges")]

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "the server has a token and the request lacks it"},
    403: {"model": ErrorResponse, "description": "a wrong token, or a read-only server"},
    404: {"model": ErrorResponse, "description": "no such entity, fact or event"},
    413: {"model": ErrorResponse, "description": "the body is over the limit"},
}

router = APIRouter(
    prefix="/judgements", tags=["judgements"], dependencies=[Depends(require_writer)], responses=WRITE_ERRORS
)
listing = APIRouter(prefix="/judgements", tags=["judgements"])
CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {
        "model": ErrorResponse,
        "description": "the judgement contradicts the store: one entity merged with itself, two "
        "types merged without force, an alias the entity does not have, a split that changes nothing",
    }
}


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    note: Note = ""
    author: Author = "web analyst"


class MergeRequest(Request):
    first: Name
    second: Name
    force: bool = Field(False, description="merge even entities of two types")


class SplitRequest(Request):
    entity: Name
    alias: Name


class RenameRequest(Request):
    entity: Name
    name: Annotated[str, Field(min_length=1, max_length=200, description="the name to show")]


class ReviewRequest(Request):
    target_kind: Literal["fact", "event"]
    target_id: Annotated[str, Field(min_length=1, max_length=100)]
    verdict: Literal["accept", "reject"]


@router.post("/merge", response_model=Judging, responses=CONFLICT)
def merge(body: MergeRequest, store: StoreDep, settings: SettingsDep) -> Judging:
    """Record that two entities are one."""
    return query.merge_entities(
        store, settings, body.first, body.second, force=body.force, author=body.author, note=body.note
    )


@router.post("/split", response_model=Judging, responses=CONFLICT)
def split(body: SplitRequest, store: StoreDep, settings: SettingsDep) -> Judging:
    """Record that an alias of an entity names someone else."""
    return query.split_entity(store, settings, body.entity, body.alias, author=body.author, note=body.note)


@router.post("/rename", response_model=Judging)
def rename(body: RenameRequest, store: StoreDep, settings: SettingsDep) -> Judging:
    """Record the name an entity is shown under."""
    return query.rename_entity(store, settings, body.entity, body.name, author=body.author, note=body.note)


@router.post("/review", response_model=Verdict)
def review(body: ReviewRequest, store: StoreDep, settings: SettingsDep) -> Verdict:
    """Accept or reject a fact or an event; the latest verdict stands."""
    return query.review(
        store, settings, body.target_kind, body.target_id, body.verdict, author=body.author, note=body.note
    )


@listing.get("", response_model=list[Judged])
def judgements(store: StoreDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> list[Judged]:
    """The judgements, oldest first, a page at a time."""
    return reads.judgements(store)[offset : offset + limit]
