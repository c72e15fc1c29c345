"""threadline: news reports in, an evidence-backed knowledge graph and event dataset out."""

__version__ = "0.1.0"
