"""Where a page's stories start: one page may carry several articles, one after another.

A new story starts at a headline-like line after body text (two paragraphs at least, so
a standfirst above a caption and a date line does not count) when the next lines, before any
body paragraph, show the cues of an article's head: a date line or a wire dateline, the
headline repeated (a headline block), or, after two or more blank lines, a photo caption.
On a live blog a headline over its own run of time-stamped posts ("16:48 — ...") opens a
story too. A subheading followed straight by body paragraphs is part of its article. A
boundary never falls after a body line that breaks off mid-sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from threadline.ingest.classify import Tag
from threadline.ingest.lines import Line, ends_sentence, is_timestamped_post, line_key, word_count

LOOKAHEAD = 8  # lines an article's head block may span
MIN_BODY_LINES = 2  # body paragraphs a story has before another may start (a standfirst is one)
MIN_HEADLINE_WORDS = 4  # a shorter line ("Timeline", "Key dates") is a subheading
BLANKS_BEFORE_NEW_STORY = 2
MIN_POSTS = 2  # time-stamped posts under a live blog's headline (one is a post's own heading)
POST_TIME = "post_time"  # the boilerplate rule of a post's time stamp alone on its line


def opens_story(lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    """Line i is a headline whose head block (date line, dateline, repeat, caption) follows it,
    or a live blog's headline over its own posts."""
    key = line_key(lines[i].text)
    for j in range(i + 1, min(len(lines), i + 1 + LOOKAHEAD)):
        kind = tags[j].kind
        if kind == "body" or tags[j].rule == POST_TIME:
            return _posts_follow(lines, tags, j)
        if kind in ("date", "dateline") or line_key(lines[j].text) == key:
            return True
        if kind == "caption" and j == i + 1 and lines[i].blank_before >= BLANKS_BEFORE_NEW_STORY:
            return True
    return False


def _posts_follow(lines: Sequence[Line], tags: Sequence[Tag], j: int) -> bool:
    """From line j to the next heading, MIN_POSTS time-stamped live-blog posts at least: a
    post opens on its time ("16:48 — ...") or has it on a line above ("16:48 GMT")."""
    posts = 0
    for line, tag in zip(lines[j:], tags[j:], strict=True):
        if tag.kind == "heading":
            break
        posts += tag.rule == POST_TIME or (tag.kind == "body" and is_timestamped_post(line.text))
    return posts >= MIN_POSTS


def _after_sentence(lines: Sequence[Line], tags: Sequence[Tag], i: int) -> bool:
    return i == 0 or tags[i - 1].kind != "body" or ends_sentence(lines[i - 1].text)


def story_starts(lines: Sequence[Line], tags: Sequence[Tag]) -> list[int]:
    """Indexes of the lines that open a story; the first is always 0."""
    starts = [0]
    body_lines = 0
    for i, tag in enumerate(tags):
        if tag.kind == "body":
            body_lines += 1
        elif tag.kind == "heading" and _opens_here(lines, tags, i, body_lines):
            starts.append(i)
            body_lines = 0
    return [s for k, s in enumerate(starts) if k == 0 or _is_story(tags, s, _next(starts, k, len(tags)))]


def _opens_here(lines: Sequence[Line], tags: Sequence[Tag], i: int, body_lines: int) -> bool:
    """A headline long enough for an article, after a whole sentence and enough body above,
    with a head block under it. A wire dateline under it ("GOLF - RESULTS ." over "LONDON
    1996-08-22") is cue enough for a short headline after a one-paragraph item."""
    wire = any(t.kind == "dateline" for t in tags[i + 1 : i + 3])
    long_enough = wire or word_count(lines[i].text) >= MIN_HEADLINE_WORDS
    enough_body = body_lines >= (1 if wire else MIN_BODY_LINES)
    return long_enough and enough_body and _after_sentence(lines, tags, i) and opens_story(lines, tags, i)


def _next(starts: list[int], k: int, total: int) -> int:
    return starts[k + 1] if k + 1 < len(starts) else total


def _is_story(tags: Sequence[Tag], start: int, end: int) -> bool:
    """A story has body paragraphs, and no bare date lines among them (those make a timeline).

    A headline and a date with no paragraph under them is a teaser link.
    """
    body = [j for j in range(start, end) if tags[j].kind == "body"]
    if not body:
        return False
    return not any(_bare_date(tags[j]) for j in range(body[0], end))


def _bare_date(tag: Tag) -> bool:
    return tag.kind == "date" and tag.date is not None and tag.date.label == "none"


def segments(total: int, starts: Sequence[int]) -> list[range]:
    """The line ranges of the stories that start at `starts`."""
    ends = [*starts[1:], total]
    return [range(start, end) for start, end in zip(starts, ends, strict=True)]
