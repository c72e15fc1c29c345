"""The outlet of a story that does not state it in its metadata, from reliable cues:

- a promo or sign-off line cut as boilerplate (not a photo credit) that names
  a known outlet ("Please login or register to request subscription information from X");
- "… told X" in the body, where X is a known outlet: sources talk to the
  outlet that publishes the story.

Only outlets a knowledge file lists count; unknown stays None.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from threadline.ingest.captions import is_caption
from threadline.records import Story
from threadline.vocab import KnownEntity


@lru_cache(maxsize=4)
def outlet_pattern(outlets: tuple[KnownEntity, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One case-sensitive alternation of every outlet name and alias, longest first."""
    canonical = {name: o.name for o in outlets for name in o.names if len(name) > 2}
    names = sorted(canonical, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + r")(?!\w)"), canonical


def outlets_named(text: str, outlets: tuple[KnownEntity, ...]) -> list[str]:
    pattern, canonical = outlet_pattern(outlets)
    return [canonical[m.group(1)] for m in pattern.finditer(text)] if canonical else []


def told_outlets(text: str, outlets: tuple[KnownEntity, ...]) -> list[str]:
    pattern, canonical = outlet_pattern(outlets)
    if not canonical:
        return []
    told = re.compile(r"\btold (?:the )?[“\"']?" + pattern.pattern)
    return [canonical[m.group(1)] for m in told.finditer(text)]


def infer_outlets(stories: list[Story], known: Iterable[KnownEntity]) -> list[Story]:
    """Fill each story's outlet; stories of one page share the outlet found for any of them."""
    found = [infer_outlet(story, known) for story in stories]
    page = Counter(s.outlet for s in found if s.outlet)
    if not page:
        return found
    publisher = max(sorted(page), key=lambda name: page[name])
    return [s if s.outlet else replace(s, outlet=publisher) for s in found]


def infer_outlet(story: Story, known: Iterable[KnownEntity]) -> Story:
    """The story with its outlet filled in where a cue is reliable."""
    if story.outlet:
        return story
    outlets = tuple(k for k in known if k.kind == "outlet")
    promos = [line for line in story.removed if not is_caption(line)]  # a photo credit is no publisher
    votes = Counter(name for line in promos for name in outlets_named(line, outlets))
    if not votes:
        votes = Counter(told_outlets(story.text, outlets))
    if not votes:
        return story
    best = max(sorted(votes), key=lambda name: votes[name])
    return replace(story, outlet=best)
