"""Driving Debian's Chromium with Playwright: the launch, and a page that records every
request it makes, every dialog it opens and every Content-Security-Policy complaint."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Watch:
    """What a page did beside what the test asked of it."""

    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def off_machine(self) -> list[str]:
        """Requests to anything but this machine (data: and blob: URLs never leave it)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob", "about")
            and urlsplit(url).hostname not in LOOPBACK
        ]


def watch(page: object) -> Watch:
    seen = Watch()
    page.on("request", lambda request: seen.requests.append(request.url))  # type: ignore[attr-defined]

    def on_dialog(dialog: object) -> None:
        seen.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    def on_console(message: object) -> None:
        if "Content Security Policy" in message.text:  # type: ignore[attr-defined]
            seen.csp_violations.append(message.text)  # type: ignore[attr-defined]

    page.on("dialog", on_dialog)  # type: ignore[attr-defined]
    page.on("console", on_console)  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: seen.page_errors.append(str(error)))  # type: ignore[attr-defined]
    return seen
