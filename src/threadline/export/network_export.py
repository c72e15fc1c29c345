"""GEXF and GraphML, written with networkx's own writers, for Gephi, Cytoscape, yEd and
other link-analysis tools.

One directed multigraph: a node per entity and per event; an edge per relation
(subject to object, `predicate` the relation) and per event participant (actor to
event, `predicate` the role it plays, `located_at` for the place). Every edge carries
its first and last report date (publication dates of the stories behind it), its
source and independent-source counts, whether it is hedged or contested, and its
first quote. Attributes are plain text, numbers or booleans; a value not known is
left out rather than written empty, as both formats expect.

networkx writes a graph it holds whole; here its writers are given one node or edge
at a time (network_graph.py), in the order the whole graph gives them, so the bytes
are the same. Both formats declare every attribute before the first node, so the
nodes and edges go to a temporary file first and the head is written after them.
"""

from __future__ import annotations

import codecs
import json
import shutil
import tempfile
from typing import Any, TextIO
from xml.etree.ElementTree import Element, SubElement, tostring

from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriterLxml, IncrementalElement

from threadline.export.network_graph import Edge, Node, graph_records
from threadline.export.reader import GraphReader

NODE_DEPTH = 3  # gexf > graph > nodes > node
SENTINELS = ("threadline-nodes", "threadline-edges")  # where the nodes and edges go in the frame


class GexfExporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, graph: GraphReader) -> None:
        writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
        writer.graph_element = Element("graph", defaultedgetype="directed", mode="static", name="")
        with (
            tempfile.TemporaryFile("w+", encoding="utf-8") as nodes,
            tempfile.TemporaryFile("w+", encoding="utf-8") as edges,
        ):
            written = {nodes: 0, edges: 0}
            for record in graph_records(graph):
                part = nodes if isinstance(record, Node) else edges
                part.write(
                    ("\n" + "  " * NODE_DEPTH if written[part] else "") + _gexf_element(writer, record)
                )
                written[part] += 1
            head, middle, tail = _gexf_frame(writer, graph.latest_published(), written[nodes], written[edges])
            for text, part in ((head, nodes), (middle, edges)):
                self.stream.write(text)
                part.seek(0)
                shutil.copyfileobj(part, self.stream)
            self.stream.write(tail + "\n")

    def finalize(self) -> None:
        """The file is written when read."""


def _gexf_element(writer: GEXFWriter, record: Node | Edge) -> str:
    """The node or edge as networkx's GEXF writer writes it (its attributes declared)."""
    data = dict(record.attributes)
    if isinstance(record, Node):
        element = Element("node", id=record.id, label=str(data.pop("label", record.id)))
        writer.add_attributes("node", element, data, {})
    else:
        data["key"] = record.key
        element = Element("edge", source=record.source, target=record.target, id=str(data.pop("id", "")))
        writer.add_attributes("edge", element, data, {})
    writer.indent(element, NODE_DEPTH)
    element.tail = None
    return _lines(tostring(element).decode("utf-8"))


def _gexf_frame(writer: GEXFWriter, latest: str, nodes: int, edges: int) -> tuple[str, str, str]:
    """The file before its nodes, between nodes and edges, and after its edges: dated by
    the latest story (the same store gives the same file), with every attribute the
    nodes and edges declared (`nodes`, `edges`: whether there are any)."""
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", latest)
    for name, present, sentinel in (("nodes", nodes, SENTINELS[0]), ("edges", edges, SENTINELS[1])):
        part = SubElement(writer.graph_element, name)
        if present:
            SubElement(part, sentinel)
    writer.xml.append(writer.graph_element)
    writer.indent(writer.xml)
    whole = _lines(tostring(writer.xml).decode("utf-8"))
    head, rest = whole.split(f"<{SENTINELS[0]} />") if nodes else ("", whole)
    middle, tail = rest.split(f"<{SENTINELS[1]} />") if edges else (rest, "")
    return head, middle, tail


def _lines(text: str) -> str:
    """The text as `generate_gexf` gives it, split into lines then joined by newlines."""
    return "\n".join(text.splitlines())


class GraphmlExporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def read(self, graph: GraphReader) -> None:
        writer = GraphMLWriterLxml(_Utf8(self.stream), encoding="utf-8", prettyprint=True)
        with tempfile.TemporaryFile("w+", encoding="utf-8") as records:
            for record in graph_records(graph):
                scope = "node" if isinstance(record, Node) else "edge"
                for k, v in record.attributes.items():
                    writer.get_key(str(k), writer.get_xml_type(writer.attr_type(k, scope, v)), scope, None)
                records.write(json.dumps(_plain(record)) + "\n")
            for key in writer.xml:
                writer._xml.write(key, pretty_print=True)
            records.seek(0)
            with writer._xml.element("graph", edgedefault="directed"):
                out = IncrementalElement(writer._xml, True)
                for line in records:
                    out.append(_graphml_element(writer, json.loads(line)))
        writer.dump()

    def finalize(self) -> None:
        """The file is written when read."""


def _plain(record: Node | Edge) -> list[Any]:
    if isinstance(record, Node):
        return [record.id, record.attributes]
    return [record.source, record.target, record.key, record.attributes]


def _graphml_element(writer: GraphMLWriterLxml, record: list[Any]) -> Any:
    """The node or edge as networkx's lxml GraphML writer makes it."""
    if len(record) == 2:
        element = writer.myElement("node", id=record[0])
        writer.add_attributes("node", element, record[1], {})
    else:
        source, target, key, data = record
        element = writer.myElement("edge", source=source, target=target, id=key)
        writer.add_attributes("edge", element, data, {})
    return element


class _Utf8:
    """A binary file over the text stream, for lxml's writer (bytes decoded as they come)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def write(self, data: bytes) -> int:
        self.stream.write(self.decoder.decode(data))
        return len(data)

    def flush(self) -> None:
        self.stream.write(self.decoder.decode(b"", final=True))
