"""What keeps a shared server safe: response headers, bounded bodies, the write token.

Pure ASGI middleware (not BaseHTTPMiddleware) so that a body is counted as it streams in,
and so that the headers are on every response, errors and static files included.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from typing import Annotated

from fastapi import Header, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from threadline.errors import ThreadlineError
from threadline.web.errors import error_response

log = logging.getLogger("threadline.web")

# Only this server's own origin, for everything; no inline script or style element, no eval,
# no framing by another site, no <base> or plugin tricks.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


class SecurityHeaders:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in SECURITY_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message["headers"] = kept + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers)


class CatchAll:
    """Turns an exception no handler took into the JSON 500, inside SecurityHeaders (Starlette's
    own last-resort handler sits outside every middleware, so its answer would lack them).
    The traceback goes to the log, never to the client."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if isinstance(exc, BodyTooLarge) or started:
                raise
            log.error("%s %s failed", scope.get("method"), scope.get("path"), exc_info=exc)
            response = error_response(500, "internal error; the server's log has the details")
            await response(scope, receive, send)


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TrustedOrigin:
    """Refuses a request whose Host header names no allowed host (400), and a write that a
    page of another origin sent (403: its Origin differs from the Host, or the browser
    says it came from another site). A page that rebinds its own domain to 127.0.0.1
    sends its own name as Host; a cross-site form or fetch sends its own Origin."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.any_host = "*" in allowed_hosts
        self.allowed = {host_name(h) for h in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        problem = None
        if not self.any_host and host_name(host) not in self.allowed:
            problem = (400, f"host {host!r} is not one this server answers to (see docs/web.md)")
        elif scope.get("method") in UNSAFE_METHODS and not _same_origin(headers, host):
            problem = (403, "a write from a page of another site is refused")
        if problem:
            await error_response(*problem)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def host_name(host: str) -> str:
    """The name of a Host header or address, without its port: "[::1]:8000" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _same_origin(headers: dict[str, str], host: str) -> bool:
    if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = headers.get("origin")
    if origin is None:  # not sent by a browser (curl, scripts): the token guards those
        return True
    return origin.split("://", 1)[-1].lower() == host.lower()


class BodyTooLarge(Exception):
    """Raised inside the app when a streamed body passes the limit."""


class BoundedBody:
    """Refuses a request body over `limit` bytes with 413: by its Content-Length before
    reading, or, for a body streamed without one, as soon as the count passes the limit
    (the app's own answer to the cut-off body is dropped, the 413 sent instead)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(scope, receive, send)
            return
        seen, over = 0, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                over = True
                raise BodyTooLarge
            return message

        async def unless_over(message: Message) -> None:
            if not over:  # once over, whatever the app answers (it saw a broken body) is dropped
                await send(message)

        with contextlib.suppress(BodyTooLarge):  # `over` says it was raised
            await self.app(scope, counted, unless_over)
        if over:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(413, f"request body over {self.limit:,} bytes; send less")
        await response(scope, receive, send)


class WriteDenied(ThreadlineError):
    """A write without the token the server was started with, or to a read-only server."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def require_writer(
    request: Request, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> None:
    """A dependency of every write endpoint: the server must be writable and, where it was
    started with a token, the request must carry it (compared in constant time)."""
    config = request.app.state.config
    if config.read_only:
        raise WriteDenied("this server was started with --read-only: it takes no judgements", 403)
    if not config.token:
        return
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise WriteDenied("writing needs the access token: send `Authorization: Bearer <token>`", 401)
    if not hmac.compare_digest(given.strip().encode(), config.token.encode()):
        raise WriteDenied("the access token does not match the one the server was started with", 403)
