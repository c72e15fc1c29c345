"""export stage: the stored graph as files other tools read.

EXPORTERS is the registry of formats (registry.py): each names a factory built on the
output stream (protocol.py) that is given every item (`write`) and then `finalize`d.
A package of someone else's adds a format through the entry-point group
`threadline.exporters`, whose object is a `Registered` record."""

from __future__ import annotations

from typing import TextIO

from threadline.export.csv_events import CsvEventsExporter
from threadline.export.csv_links import CsvLinksExporter
from threadline.export.ftm_export import FtmExporter
from threadline.export.items import graph_items
from threadline.export.json_export import JsonExporter
from threadline.export.network_export import GexfExporter, GraphmlExporter
from threadline.export.protocol import ExporterFactory
from threadline.export.stix_export import StixExporter
from threadline.registry import Registry
from threadline.store import Store

EXPORTERS: Registry[ExporterFactory] = Registry("threadline.exporters")
EXPORTERS.add("json", "1", JsonExporter)
EXPORTERS.add("ftm", "1", FtmExporter)
EXPORTERS.add("stix", "1", StixExporter)
EXPORTERS.add("gexf", "1", GexfExporter)
EXPORTERS.add("graphml", "1", GraphmlExporter)
EXPORTERS.add("csv-events", "1", CsvEventsExporter)
EXPORTERS.add("csv-links", "1", CsvLinksExporter)


def export(store: Store, fmt: str, stream: TextIO) -> None:
    """Every item of the stored graph through the format's exporter; read it in one snapshot."""
    exporter = EXPORTERS.get(fmt).run(stream)
    with store.snapshot():
        for item in graph_items(store):
            exporter.write(item)
    exporter.finalize()
