"""A Document into its cleaned Stories, in reading order."""

from __future__ import annotations

from collections.abc import Sequence

from threadline.ingest.classify import Tag, tag_page
from threadline.ingest.clean import Draft, Piece, clean_story
from threadline.ingest.datelines import opening_dateline, standing_dateline
from threadline.ingest.lines import Line, page_lines
from threadline.ingest.metadata import RANK_HEAD, RANK_META, best_date
from threadline.ingest.split import segments, story_starts
from threadline.records import Block, Dateline, Document, Story

PARAGRAPH_BREAK = "\n\n"
DATELINE_SEARCH = 3  # paragraphs from the top a dateline standing on its own line may be in
_NOT_REPORTING = ("boilerplate", "date")


def split_document(document: Document) -> list[Story]:
    """The cleaned stories of one document, in reading order, indexed from 0.

    A document with no paragraph of reporting left after cleaning gives no story. A
    document whose only lines read as headlines (a one-sentence news snippet without a
    final stop) is one story with those lines as its text.
    """
    lines, tags = tag_page(page_lines(document.text))
    drafts = [
        clean_story(lines[span.start : span.stop], tags[span.start : span.stop], *_head_of(document, k))
        for k, span in enumerate(segments(len(lines), story_starts(lines, tags)))
    ]
    if not any(draft.pieces for draft in drafts):
        drafts = [_whole_text(lines, tags, document.title)]
        if not drafts[0].pieces:
            return []
    outlet = document.outlet or drafts[0].outlet
    page_dates = drafts[0].page_dates
    return [_story(document, k, draft, outlet, page_dates) for k, draft in enumerate(drafts)]


def _head_of(document: Document, k: int) -> tuple[str | None, bool]:
    """What the first story knows before its lines: the stated title, and a masthead to read."""
    return (document.title, True) if k == 0 else (None, False)


def _whole_text(lines: Sequence[Line], tags: Sequence[Tag], title: str | None) -> Draft:
    """Every line that is neither furniture nor a date line, as body: a record whose text
    is a sentence of news (often without its final stop) is a story."""
    kept = [line.text for line, tag in zip(lines, tags, strict=True) if tag.kind not in _NOT_REPORTING]
    removed = [line.text for line, tag in zip(lines, tags, strict=True) if tag.kind in _NOT_REPORTING]
    unique = list(dict.fromkeys(kept))
    return Draft(title, tuple(Piece(text, "body") for text in unique), tuple(removed), ())


def _story(
    document: Document,
    index: int,
    draft: Draft,
    outlet: str | None,
    page_dates: Sequence[tuple[int, str | None]],
) -> Story:
    """One story; a later story of the page that states no date of its own takes the dates
    stated above the page's first headline (a live blog's day)."""
    stated = [(RANK_META, document.published)] if index == 0 else []
    text, blocks = assemble(draft.pieces)
    dateline, filed = find_dateline(text, blocks)
    inherited = list(page_dates) if index > 0 and not draft.dates else []
    filed_on = [(RANK_HEAD, filed)] if filed else []
    return Story(
        document_id=document.id,
        source=document.source,
        index=index,
        text=text,
        blocks=blocks,
        title=draft.title,
        published=best_date([*draft.dates, *filed_on, *stated, *inherited]),
        outlet=outlet,
        removed=draft.removed,
        dateline=dateline,
    )


def find_dateline(text: str, blocks: Sequence[Block]) -> tuple[Dateline | None, str | None]:
    """The wire dateline of a story and the date it states: one that opens its first
    paragraph or its first body paragraph (under a standfirst), or one standing as its own
    paragraph near the top."""
    reporting = [b for b in blocks if b.zone in ("standfirst", "body")][:DATELINE_SEARCH]
    first_body = next((b for b in reporting if b.zone == "body"), None)
    for k, block in enumerate(reporting):
        paragraph = text[block.start : block.end]
        opens = k == 0 or block is first_body
        found = standing_dateline(paragraph) or (opening_dateline(paragraph) if opens else None)
        if found is not None:
            place_end = block.start + found.place_end
            return Dateline(block.start, block.start + found.end, place_end), found.date
    return None, None


def assemble(pieces: Sequence[Piece]) -> tuple[str, tuple[Block, ...]]:
    """The story text, paragraphs joined by a blank line, and each paragraph's zone span."""
    blocks: list[Block] = []
    offset = 0
    for piece in pieces:
        blocks.append(Block(offset, offset + len(piece.text), piece.zone))
        offset += len(piece.text) + len(PARAGRAPH_BREAK)
    return PARAGRAPH_BREAK.join(piece.text for piece in pieces), tuple(blocks)
