"""The FastAPI app: the JSON API under /api, the UI's pages, its scripts and vendor files.

One `Store` is opened when the app is made and shared by every request; each request reads
in one snapshot. Nothing here reads a path a request names: ids go to the store, file
names to an allow-list.
"""

from __future__ import annotations

from fastapi import FastAPI

from threadline.store import Store
from threadline.web import api, pages, static_files, vendor
from threadline.web.config import WebConfig
from threadline.web.errors import ErrorResponse, install_error_handlers
from threadline.web.security import BoundedBody, CatchAll, SecurityHeaders, TrustedOrigin

DESCRIPTION = """\
The stored graph of threadline, read and judged over HTTP.

Reads need nothing. Writes (judgements) need `Authorization: Bearer <token>` whenever the
server was started with a token, and are refused on a server started with `--read-only`.
Every failure answers one JSON shape, `ErrorResponse`; listings are paged (`limit` at most
200) and request bodies are bounded (64 KiB).
"""


def create_app(config: WebConfig, store: Store | None = None) -> FastAPI:
    """The app serving `config.settings.db_url` (or the store given, opened by the caller)."""
    app = FastAPI(
        title="threadline",
        version="1",
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI loads scripts from a CDN and runs inline ones: not under this CSP
        redoc_url=None,
        openapi_url="/api/openapi.json",
        responses={422: {"model": ErrorResponse}, 500: {"model": ErrorResponse}},
    )
    app.state.config = config
    app.state.store = store if store is not None else Store(config.settings.db_url)
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(static_files.router)
    app.include_router(vendor.router)
    app.add_middleware(CatchAll)
    app.add_middleware(BoundedBody, limit=config.max_body_bytes)
    app.add_middleware(TrustedOrigin, allowed_hosts=config.allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so even a 413 carries it
    return app
