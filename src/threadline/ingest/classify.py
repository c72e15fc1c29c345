"""What each line of a page is, judged from the line alone (the splitter and cleaner add
context), and one cue of wire copy judged from the lines around it: the line above a
dateline that stands on its own is the story's headline, whatever its final stop."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from threadline.ingest.boilerplate import End, match_boilerplate, split_tail
from threadline.ingest.captions import is_caption
from threadline.ingest.datelines import standing_dateline
from threadline.ingest.dates import DateLine, date_line
from threadline.ingest.lines import HEADLINE_MAX_WORDS, Line, is_headline_like, word_count

BYLINE_MAX_WORDS = 4  # a name line between a headline and its dateline ("Peter Blackburn")
Kind = Literal["boilerplate", "date", "dateline", "caption", "heading", "body"]


@dataclass(frozen=True, slots=True)
class Tag:
    """A line's kind, with the boilerplate rule or the date behind it."""

    kind: Kind
    rule: str | None = None  # boilerplate rule name
    end: End | None = None  # end-of-content marker strength
    date: DateLine | None = None
    cut: str | None = None  # a feed trailer cut from the line's end


def tag_line(text: str) -> Tag:
    """Wire datelines first ("LONDON, Aug 22" stays in the text), then date lines (a dated
    byline is a date line), boilerplate, captions, headline-like lines; the rest is body."""
    dateline = standing_dateline(text)
    if dateline is not None:
        return Tag("dateline", date=DateLine(dateline.date, "none"))
    stated = date_line(text)
    if stated is not None:
        return Tag("date", date=stated)
    rule = match_boilerplate(text)
    if rule is not None:
        return Tag("boilerplate", rule=rule.name, end=rule.end)
    if is_caption(text):
        return Tag("caption")
    if is_headline_like(text):
        return Tag("heading")
    return Tag("body")


def tag_page(lines: Sequence[Line]) -> tuple[list[Line], list[Tag]]:
    """Each line less any feed trailer at its end, and its tag."""
    trimmed: list[Line] = []
    tags: list[Tag] = []
    for line in lines:
        text, tail = split_tail(line.text)
        trimmed.append(replace(line, text=text) if tail else line)
        tags.append(replace(tag_line(text), cut=tail) if tail else tag_line(text))
    return trimmed, _headlines_above_datelines(trimmed, tags)


def _headlines_above_datelines(lines: Sequence[Line], tags: list[Tag]) -> list[Tag]:
    """A short line right above a standing dateline, or above a name line above one, is a
    headline even when it ends on a stop ("EU rejects German call to boycott lamb .")."""
    for j, tag in enumerate(tags):
        if tag.kind != "dateline":
            continue
        above = j - 1
        if above > 0 and tags[above].kind == "heading" and _name_line(lines[above].text):
            above -= 1  # a byline without "By"
        if above >= 0 and tags[above].kind == "body" and word_count(lines[above].text) <= HEADLINE_MAX_WORDS:
            tags[above] = Tag("heading")
    return tags


def _name_line(text: str) -> bool:
    """A person's name alone on a line: two to four capitalised words, not in capitals."""
    words = text.split()
    return 2 <= len(words) <= BYLINE_MAX_WORDS and all(w[0].isupper() and not w.isupper() for w in words)
