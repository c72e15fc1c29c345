"""Fixtures for the ingest tests: split a page of text written in the test."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from threadline.ingest import split_document
from threadline.records import Document, Story

Splitter = Callable[..., list[Story]]


def _split(text: str, **meta: str | None) -> list[Story]:
    return split_document(Document(source="page.txt", origin="page.txt", format="text", text=text, **meta))


@pytest.fixture
def split_text() -> Splitter:
    """split_document over a text page; keyword arguments set Document metadata."""
    return _split
