"""What each line of a page is, judged from the line alone: the splitter and cleaner add context."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from threadline.ingest.boilerplate import LINK_LIST, End, is_link_list, match_boilerplate
from threadline.ingest.captions import is_caption
from threadline.ingest.dates import DateLine, date_line
from threadline.ingest.lines import is_headline_like

Kind = Literal["boilerplate", "date", "caption", "heading", "body"]


@dataclass(frozen=True, slots=True)
class Tag:
    """A line's kind, with the boilerplate rule or the date behind it."""

    kind: Kind
    rule: str | None = None  # boilerplate rule name
    end: End | None = None  # end-of-content marker strength
    date: DateLine | None = None


def tag_line(text: str) -> Tag:
    """Date lines first (a dated byline is a date line), then boilerplate, captions,
    headline-like lines; the rest is body."""
    stated = date_line(text)
    if stated is not None:
        return Tag("date", date=stated)
    rule = match_boilerplate(text)
    if rule is not None:
        return Tag("boilerplate", rule=rule.name, end=rule.end)
    if is_link_list(text):
        return Tag("boilerplate", rule=LINK_LIST.name)
    if is_caption(text):
        return Tag("caption")
    if is_headline_like(text):
        return Tag("heading")
    return Tag("body")
