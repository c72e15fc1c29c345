"""The brief printed to PDF by headless Chromium (Debian's /usr/bin/chromium, driven by
Python Playwright), from the same HTML, with every request refused."""

from __future__ import annotations

import os

from threadline.errors import ThreadlineError

CHROMIUM = os.environ.get("THREADLINE_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def html_to_pdf(html: str) -> bytes:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        raise ThreadlineError("a PDF needs the Python package playwright; write .html instead") from exc
    if not os.path.exists(CHROMIUM):
        raise ThreadlineError(
            f"a PDF needs Chromium at {CHROMIUM} (THREADLINE_CHROMIUM); write .html instead"
        )
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page()
                page.route("**/*", lambda route: route.abort())  # the brief is whole: nothing to fetch
                page.set_content(html, wait_until="load")
                return page.pdf(
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                browser.close()
    except Error as exc:
        first = (str(exc).strip().splitlines() or ["?"])[0]
        raise ThreadlineError(f"Chromium could not print the brief: {first}") from exc
