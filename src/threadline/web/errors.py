"""One JSON shape for every failure the API answers, whatever raised it.

    {"error": {"status": 404, "code": "not_found", "message": "...", "fields": [...]}}

`fields` is there for validation errors: one entry per bad input, naming it. A 500 says
only that something failed: the traceback goes to the server's log, never to the client.
The query layer's errors are mapped here by class (STATUS_OF), so routes call it without
catching anything: an unknown id is a 404, a judgement the store contradicts a 409.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from threadline.errors import ThreadlineError
from threadline.query.errors import Contradiction, NotInStore

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    500: "internal",
}


class FieldProblem(BaseModel):
    field: str  # the parameter or body field, e.g. "limit" or "body.first"
    location: str  # path, query, body or header
    problem: str


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    fields: list[FieldProblem] = []


class ErrorResponse(BaseModel):
    """What every failed request gets."""

    error: ErrorBody


class NotFound(NotInStore):
    """A path or name the web layer itself does not know (a static file, an entity id
    checked before a listing)."""


# the first class an error is an instance of gives its status; any other ThreadlineError is 400
STATUS_OF: tuple[tuple[type[ThreadlineError], int], ...] = ((NotInStore, 404), (Contradiction, 409))


def error_response(status: int, message: str, fields: list[FieldProblem] | None = None) -> JSONResponse:
    body = ErrorBody(status=status, code=CODES.get(status, "error"), message=message, fields=fields or [])
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(ErrorResponse(error=body).model_dump(), status_code=status, headers=headers)


def field_problems(errors: list[dict[str, Any]]) -> list[FieldProblem]:
    """Pydantic's errors as (field, where, problem): `loc` is ("query", "limit") or ("body", "first")."""
    problems = []
    for item in errors:
        loc = [str(part) for part in item.get("loc", ())]
        where = loc[0] if loc else "request"
        name = ".".join(loc[1:]) or where
        problems.append(FieldProblem(field=name, location=where, problem=str(item.get("msg", "invalid"))))
    return problems


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = field_problems(list(exc.errors()))
    listing = "; ".join(f"{p.location} parameter {p.field}: {p.problem}" for p in problems)
    return error_response(422, listing or "invalid request", problems)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
    if exc.status_code == 404 and message == "Not Found":
        message = f"{request.url.path}: no such page or resource"
    if exc.status_code == 405:
        message = f"{request.method} {request.url.path}: method not allowed"
    return error_response(exc.status_code, message)


async def _threadline(request: Request, exc: Exception) -> JSONResponse:
    status = next((code for kind, code in STATUS_OF if isinstance(exc, kind)), 400)
    status = getattr(exc, "status", status)  # security.WriteDenied carries 401 or 403
    return error_response(status, " ".join(str(exc).split()))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ThreadlineError, _threadline)
