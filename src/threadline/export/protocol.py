"""What every exporter is: it is given the stored graph one item at a time
(`write`), then told that is all (`finalize`), as followthemoney's exporters are.
A format that writes links with their entities' names (CSV, FtM, STIX, GEXF,
GraphML) reads the graph itself instead (`ReadsGraph`: export/reader.py), section by
section in the order it writes, so that it needs not hold every item to name them.

Items come from `items.graph_items`, which only reads stored rows: an exporter never
merges, resolves or groups anything, so every format shows the same graph. A new
format is one small module with a class that takes the output stream.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TextIO, runtime_checkable

if TYPE_CHECKING:
    from threadline.export.reader import GraphReader

Section = Literal[
    "stories", "entities", "mentions", "relations", "events", "claims", "denials", "unasserted", "decisions"
]
SECTIONS: tuple[Section, ...] = (
    "stories",
    "entities",
    "mentions",
    "relations",
    "events",
    "claims",
    "denials",
    "unasserted",
    "decisions",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing of the graph as readers show it, and the section it belongs to."""

    section: Section
    data: dict[str, Any]


class Exporter(Protocol):
    def write(self, item: Item) -> None: ...

    def finalize(self) -> None: ...


@runtime_checkable
class ReadsGraph(Protocol):
    """An exporter that reads what it writes from the graph (`read`), then is finalized."""

    def read(self, graph: GraphReader) -> None: ...

    def finalize(self) -> None: ...


class ExporterFactory(Protocol):
    def __call__(self, stream: TextIO) -> Exporter | ReadsGraph: ...
