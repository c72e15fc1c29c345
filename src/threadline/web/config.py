"""What the web app needs besides the store settings: who may write, and the bounds it holds."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from threadline.errors import ThreadlineError
from threadline.settings import Settings

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
MAX_BODY_BYTES = 64 * 1024  # a judgement is a few hundred bytes; nothing the API takes needs more
MAX_PAGE = 200  # the most rows one page of a listing holds
DEFAULT_PAGE = 50


class ServeError(ThreadlineError):
    """The server was asked to start in a way that would expose the store."""


@dataclass(frozen=True)
class WebConfig:
    """The store to serve and the rules for writing to it.

    `token`: when set, every write needs `Authorization: Bearer <token>`.
    `read_only`: no write endpoint answers at all (403), token or not.
    `allowed_hosts`: the names a request's Host header may give (its port aside); any
    other is refused, so a page on another site that rebinds its own name to this machine
    (DNS rebinding) cannot read or write through the analyst's browser. "*" allows any."""

    settings: Settings
    token: str | None = None
    read_only: bool = False
    max_body_bytes: int = MAX_BODY_BYTES
    allowed_hosts: tuple[str, ...] = LOOPBACK_NAMES


def is_loopback(host: str) -> bool:
    """Whether `host` only listens on this machine: a loopback address, or "localhost"."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to anything


def check_exposure(host: str, token: str | None, read_only: bool) -> None:
    """Refuse to serve a writable store beyond this machine without an access token."""
    if is_loopback(host) or token or read_only:
        return
    raise ServeError(
        f"--host {host}: other machines could reach this server; set an access token "
        "(THREADLINE_TOKEN or --token) so that only its holders can write, or add --read-only"
    )
