"""export stage: the stored graph as files other tools read.

EXPORTERS names each format's exporter (protocol.py): a class built on the output
stream that is given every item (`write`) and then `finalize`d."""

from __future__ import annotations

from typing import TextIO

from threadline.export.items import graph_items
from threadline.export.json_export import JsonExporter
from threadline.export.protocol import ExporterFactory
from threadline.store import Store

EXPORTERS: dict[str, ExporterFactory] = {"json": JsonExporter}


def export(store: Store, fmt: str, stream: TextIO) -> None:
    """Every item of the stored graph through the format's exporter; read it in one snapshot."""
    exporter = EXPORTERS[fmt](stream)
    with store.snapshot():
        for item in graph_items(store):
            exporter.write(item)
    exporter.finalize()
