"""A Document into its cleaned Stories, in reading order."""

from __future__ import annotations

from collections.abc import Sequence

from threadline.ingest.classify import tag_line
from threadline.ingest.clean import Draft, Piece, clean_story
from threadline.ingest.lines import page_lines
from threadline.ingest.metadata import RANK_META, best_date
from threadline.ingest.split import segments, story_starts
from threadline.records import Block, Document, Story

PARAGRAPH_BREAK = "\n\n"


def split_document(document: Document) -> list[Story]:
    """The cleaned stories of one document, in reading order, indexed from 0.

    A document with no paragraph of reporting left after cleaning gives no story.
    """
    lines = page_lines(document.text)
    tags = [tag_line(line.text) for line in lines]
    drafts = [
        clean_story(lines[span.start : span.stop], tags[span.start : span.stop], *_head_of(document, k))
        for k, span in enumerate(segments(len(lines), story_starts(lines, tags)))
    ]
    if not any(draft.pieces for draft in drafts):
        return []
    outlet = document.outlet or drafts[0].outlet
    return [_story(document, k, draft, outlet) for k, draft in enumerate(drafts)]


def _head_of(document: Document, k: int) -> tuple[str | None, bool]:
    """What the first story knows before its lines: the stated title, and a masthead to read."""
    return (document.title, True) if k == 0 else (None, False)


def _story(document: Document, index: int, draft: Draft, outlet: str | None) -> Story:
    stated = [(RANK_META, document.published)] if index == 0 else []
    text, blocks = assemble(draft.pieces)
    return Story(
        document_id=document.id,
        source=document.source,
        index=index,
        text=text,
        blocks=blocks,
        title=draft.title,
        published=best_date([*draft.dates, *stated]),
        outlet=outlet,
        removed=draft.removed,
    )


def assemble(pieces: Sequence[Piece]) -> tuple[str, tuple[Block, ...]]:
    """The story text, paragraphs joined by a blank line, and each paragraph's zone span."""
    blocks: list[Block] = []
    offset = 0
    for piece in pieces:
        blocks.append(Block(offset, offset + len(piece.text), piece.zone))
        offset += len(piece.text) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(piece.text for piece in pieces), tuple(blocks)
