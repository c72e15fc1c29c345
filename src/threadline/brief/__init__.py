"""Evidence briefs: one entity's facts, events, network, timeline and map with every
quote and source, as self-contained HTML or a PDF printed from it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from threadline.brief.html import render_brief
from threadline.query import entity_detail, network
from threadline.store import Store


def brief_html(store: Store, entity_id: str) -> str:
    detail = entity_detail(store, entity_id)
    graph = network(store, entity_id, depth=1, include_rejected=True)
    return render_brief(detail, graph, datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def write_brief(store: Store, entity_id: str, path: Path) -> None:
    """HTML for .html/.htm, else PDF; written whole or not at all."""
    html = brief_html(store, entity_id)
    if path.suffix.lower() == ".pdf":
        from threadline.brief.pdf import html_to_pdf

        data = html_to_pdf(html)
    else:
        data = html.encode("utf-8")
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
