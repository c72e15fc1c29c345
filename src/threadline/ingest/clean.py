"""Clean one story's lines: keep its reporting with a zone each, cut and record the rest.

Cut: boilerplate lines, date lines and mastheads (read as metadata), kickers above the
headline, exact repeats (a repeated headline block, a doubled caption: the first copy
stays), teaser links (a heading with only a date under it), the headlines listed under a
"Related" or "Most read" label, and everything after an end-of-content marker (a paywall
notice; a donate, subscribe or copyright line followed by a new heading).

Kept: every other line. The title is the first headline-like line of the head that is no
page furniture. A wire dateline stays in the text and states a date. A headline-like line
after the body with no paragraph under it (a results line, a list entry, a table row) is
body text: only a link label or a date under it makes it a link.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from threadline.ingest.classify import Tag
from threadline.ingest.dates import DateLine
from threadline.ingest.lines import Line, line_key, word_count
from threadline.ingest.metadata import (
    RANK_HEAD,
    Masthead,
    date_rank,
    is_label,
    is_masthead_name,
    is_title_case_name,
    masthead,
    outlet_name,
)
from threadline.records import Zone

KICKER_MAX_WORDS = 2
LINK_LABELS = frozenset({"read_more"})  # boilerplate rules whose line heads a list of links
NAVIGATION = frozenset({"link", "link_list", "navigation"})  # boilerplate rules of a site's menus


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    zone: Zone


@dataclass(frozen=True, slots=True)
class Draft:
    """One story's cleaned lines and what its lines state about it."""

    title: str | None
    pieces: tuple[Piece, ...]
    removed: tuple[str, ...]
    dates: tuple[tuple[int, str | None], ...]  # (rank, YYYY-MM-DD) per stated date
    outlet: str | None = None  # from a masthead
    page_dates: tuple[tuple[int, str | None], ...] = ()  # stated above the headline: the page's


@dataclass
class _Builder:
    title: str | None = None
    title_seen: bool = False
    in_head: bool = True
    has_body: bool = False
    cut: bool = False
    in_links: bool = False  # under a "Related" or "Most read" label
    outlet: str | None = None
    seen: set[str] = field(default_factory=set)
    pieces: list[Piece] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    dates: list[tuple[int, str | None]] = field(default_factory=list)
    page_dates: list[tuple[int, str | None]] = field(default_factory=list)

    def keep(self, line: Line, zone: Zone) -> None:
        self.seen.add(line_key(line.text))
        self.pieces.append(Piece(line.text, zone))
        self.has_body = self.has_body or zone in ("body", "standfirst")
        self.in_links = self.in_links and zone == "headline"

    def remove(self, line: Line) -> None:
        self.removed.append(line.text)

    def note(self, rank: int, value: str | None) -> None:
        self.dates.append((rank, value))
        if not self.title_seen:
            self.page_dates.append((rank, value))

    def draft(self) -> Draft:
        pieces, removed, dates = tuple(self.pieces), tuple(self.removed), tuple(self.dates)
        return Draft(self.title, pieces, removed, dates, self.outlet, tuple(self.page_dates))


def clean_story(
    lines: Sequence[Line], tags: Sequence[Tag], known_title: str | None = None, first: bool = False
) -> Draft:
    """Clean the lines of one story; `first` reads a masthead on its first line."""
    builder = _Builder(title=known_title)
    i = _take_masthead(builder, lines, tags) if first else 0
    while i < len(lines):
        i = _take(builder, lines, tags, i)
    return builder.draft()


def _take_masthead(builder: _Builder, lines: Sequence[Line], tags: Sequence[Tag]) -> int:
    if not lines:
        return 0
    head = masthead(lines[0].text, _next_heading(lines, tags, 0)) or _above_navigation(lines, tags)
    if head is None:
        return 0
    _note_masthead(builder, lines[0], head)
    return 1


def _above_navigation(lines: Sequence[Line], tags: Sequence[Tag]) -> Masthead | None:
    """A page's first line that is a short name in title case over the site's menu
    ("Voice of the Sahel" over "Home | Mali | Niger"): the outlet's masthead."""
    if len(lines) < 2 or tags[0].kind != "heading" or tags[1].rule not in NAVIGATION:
        return None
    return Masthead(outlet_name(lines[0].text)) if is_title_case_name(lines[0].text) else None


def _note_masthead(b: _Builder, line: Line, head: Masthead) -> None:
    b.remove(line)
    b.outlet = b.outlet or head.outlet
    if head.date is not None:
        _note_date(b, head.date, in_head=True)


def _next_heading(lines: Sequence[Line], tags: Sequence[Tag], i: int) -> str | None:
    """The text of the next line after i that is neither furniture nor a date, if a heading."""
    j = next((j for j in range(i + 1, len(tags)) if tags[j].kind not in ("boilerplate", "date")), None)
    return lines[j].text if j is not None and tags[j].kind == "heading" else None


def _take(b: _Builder, lines: Sequence[Line], tags: Sequence[Tag], i: int) -> int:
    """Take line i into the story or its removed lines; the index of the next line to take."""
    line, tag = lines[i], tags[i]
    key = line_key(line.text)
    if tag.cut:
        b.removed.append(tag.cut)
    if not b.cut and not b.title_seen and b.title is not None and key == line_key(b.title):
        b.title_seen = True  # the headline line itself
    elif b.cut or key in b.seen:
        b.remove(line)
    elif tag.kind == "boilerplate":
        b.remove(line)
        b.cut = b.has_body and _ends_content(tag, lines, tags, i)
        b.in_links = b.in_links or tag.rule in LINK_LABELS
    elif tag.kind == "date":
        _take_date(b, line, tag)
    elif tag.kind == "dateline":
        _take_dateline(b, line, tag)
    elif tag.kind == "heading":
        return _take_heading(b, lines, tags, i)
    elif tag.kind == "caption":
        b.keep(line, "caption")
    else:
        zone: Zone = "standfirst" if b.in_head and _is_standfirst(tags, i) else "body"
        b.in_head = zone != "body"
        b.keep(line, zone)
    return i + 1


def _is_standfirst(tags: Sequence[Tag], i: int) -> bool:
    """A paragraph in the head with head furniture (a caption, a date line) and then body under it."""
    furniture = _next_kind(tags, i, skip=("boilerplate",)) in ("caption", "date")
    return furniture and any(t.kind == "body" for t in tags[i + 1 :])


def _take_dateline(b: _Builder, line: Line, tag: Tag) -> None:
    """A wire dateline on its own line stays (it names the story's place); its date, when it
    has a year, is the day the story was filed."""
    b.keep(line, "standfirst" if b.in_head else "body")
    if tag.date is not None and tag.date.value is not None:
        b.note(RANK_HEAD, tag.date.value)


def _take_date(b: _Builder, line: Line, tag: Tag) -> None:
    """A date line is metadata; a bare date below the head (a timeline entry) is reporting."""
    if tag.date is not None and _note_date(b, tag.date, b.in_head):
        b.remove(line)
    else:
        b.keep(line, "body")


def _note_date(b: _Builder, stated: DateLine, in_head: bool) -> bool:
    """Record a stated date as a publication-date candidate; False when it is none."""
    rank = date_rank(stated, in_head)
    if rank is not None:
        b.note(rank, stated.value)
    return rank is not None


def _ends_content(tag: Tag, lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    """A paywall ends the article; a donate/subscribe line does when a new heading follows."""
    if tag.end == "strong":
        return True
    if tag.end != "weak":
        return False
    following = next((j for j in range(i + 1, len(tags)) if tags[j].kind != "boilerplate"), None)
    return following is not None and tags[following].kind == "heading"


def _take_heading(b: _Builder, lines: Sequence[Line], tags: Sequence[Tag], i: int) -> int:
    line = lines[i]
    if b.in_head and not b.title_seen and _took_furniture(b, lines, tags, i):
        return i + 1
    if b.in_head and b.title is None:
        b.title, b.title_seen = line.text, True
        b.seen.add(line_key(line.text))
    elif b.in_head and _is_source_line(lines, tags, i):
        _note_masthead(b, line, Masthead(outlet_name(line.text)))  # "Lake Chad Times" over its date
    elif b.in_head:
        b.keep(line, "standfirst")
    elif _is_teaser(tags, i):
        b.remove(line)  # a teaser: another article's headline and date
        b.remove(lines[i + 1])
        return i + 2
    elif b.in_links:
        b.remove(line)  # a headline listed under "Related" or "Most read"
    elif _next_kind(tags, i, skip=("boilerplate", "date")) in ("body", "caption"):
        b.keep(line, "headline")  # a subheading inside the article
    else:
        b.keep(line, "body")  # a results line, a list entry, a table row: reporting
    return i + 1


def _took_furniture(b: _Builder, lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    """Remove line i when, above the headline, it is a masthead (noting its outlet and date)
    or a kicker; False when it is neither."""
    head = masthead(lines[i].text, _next_heading(lines, tags, i))
    if head is not None:
        _note_masthead(b, lines[i], head)
        return True
    if _is_kicker(lines, tags, i):
        b.remove(lines[i])
        return True
    return False


def _is_source_line(lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    """An outlet's name beside the story's date line under the headline."""
    dated = any(0 <= j < len(tags) and tags[j].kind == "date" for j in (i - 1, i + 1))
    return dated and is_masthead_name(lines[i].text)


def _is_teaser(tags: Sequence[Tag], i: int) -> bool:
    """A heading with a date line under it and no paragraph after: a link to another article."""
    dated = i + 1 < len(tags) and tags[i + 1].kind == "date"
    return dated and _next_kind(tags, i + 1, skip=("boilerplate",)) not in ("body", "caption")


def _next_kind(tags: Sequence[Tag], i: int, skip: tuple[str, ...]) -> str | None:
    """The kind of the first line after i whose kind is not in `skip`."""
    return next((t.kind for t in tags[i + 1 :] if t.kind not in skip), None)


def _is_kicker(lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    """A short label above a longer headline, page furniture between them aside ("Iraq"
    over "Rockets hit Baghdad", "Mali, Niger and Burkina Faso" over a headline in sentence
    case, an outlet's one-word name over its navigation)."""
    below = _next_heading(lines, tags, i)
    if below is None or word_count(lines[i].text) >= word_count(below):
        return False
    short = word_count(lines[i].text) <= KICKER_MAX_WORDS
    return short or (is_label(lines[i].text) and not is_label(below) and not is_title_case_name(below))
