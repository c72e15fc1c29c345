"""The analyst workbench over HTTP: a JSON API and the web UI, served by one FastAPI app.

Imported only by `threadline serve` (and tests): the rest of the CLI never loads the web stack.
"""

from __future__ import annotations

from threadline.web.app import create_app
from threadline.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
