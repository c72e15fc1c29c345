"""The story's wire dateline ("NIAMEY, March 4 (Sahara Wire) —") as events read it.

The dateline tells where and when the story was filed, not who took part in an event
or when it happened: its words are never a participant, a place found in a clause or
a date of an event. Its place is the story's place, and so the default place of an
event whose text names none.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory


def in_dateline(ps: ParsedStory, token: Token) -> bool:
    dateline = ps.story.dateline
    return dateline is not None and dateline.start <= token.idx < dateline.end


def dateline_place(ps: ParsedStory) -> Token | None:
    """The mention inside the dateline's place span, if the dateline has one."""
    dateline = ps.story.dateline
    if dateline is None:
        return None
    start, end = dateline.place_span
    inside = [t for t, m in ps.mention_at.items() if start <= m.start and m.end <= end]
    return ps.doc[min(inside)] if inside else None
