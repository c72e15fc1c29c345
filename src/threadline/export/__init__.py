"""export stage: the stored graph as files other tools read.

EXPORTERS is the registry of formats (registry.py): each names a factory built on the
output stream (protocol.py) that is given every item (`write`), or reads the graph
itself (`read`, export/reader.py), and then is `finalize`d.
A package of someone else's adds a format through the entry-point group
`threadline.exporters`, whose object is a `Registered` record."""

from __future__ import annotations

from importlib import import_module
from typing import TextIO

from threadline.export.items import graph_items
from threadline.export.protocol import Exporter, ExporterFactory, ReadsGraph
from threadline.export.reader import GraphReader
from threadline.registry import Registry
from threadline.store import Store


class Deferred:
    """A factory imported when first called: exporting JSON loads neither followthemoney
    nor stix2 nor networkx, and a command that never exports loads none of them."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name = module, name

    def __call__(self, stream: TextIO) -> Exporter | ReadsGraph:
        factory: ExporterFactory = getattr(import_module(self.module), self.name)
        return factory(stream)


EXPORTERS: Registry[ExporterFactory] = Registry("threadline.exporters")
for _name, _module, _factory in (
    ("json", "json_export", "JsonExporter"),
    ("ftm", "ftm_export", "FtmExporter"),
    ("stix", "stix_export", "StixExporter"),
    ("gexf", "network_export", "GexfExporter"),
    ("graphml", "network_export", "GraphmlExporter"),
    ("csv-events", "csv_events", "CsvEventsExporter"),
    ("csv-links", "csv_links", "CsvLinksExporter"),
):
    EXPORTERS.add(_name, "1", Deferred(f"threadline.export.{_module}", _factory))


def export(store: Store, fmt: str, stream: TextIO) -> None:
    """Every item of the stored graph through the format's exporter; read it in one snapshot."""
    exporter = EXPORTERS.get(fmt).run(stream)
    with store.snapshot() as conn:
        if isinstance(exporter, ReadsGraph):
            exporter.read(GraphReader(store, conn))
        else:
            for item in graph_items(store):
                exporter.write(item)
    exporter.finalize()
