"""Names in a story's headline: the story's own names first, then what the model finds.

A headline is short, set in its own style and often cut ("Axis Coordination" for the
"Axis Coordination Council" of the text), so the model alone reads it worse than the
text. Every name the text mentions that the headline also spells (case aside, whole
words) becomes a headline mention of the text's type; the model's own headline entities
fill the places those leave free.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from threadline.records import EntityType, Mention, Story


def _text_names(mentions: Sequence[Mention]) -> list[tuple[str, EntityType, str | None]]:
    """Each name the text mentions, with its most frequent type and knowledge id, longest first."""
    types: dict[str, Counter[EntityType]] = {}
    kb: dict[str, str | None] = {}
    for m in mentions:
        types.setdefault(m.text, Counter())[m.type] += 1
        kb[m.text] = kb.get(m.text) or m.kb_id
    names = [(name, counts.most_common(1)[0][0], kb[name]) for name, counts in types.items()]
    return sorted(names, key=lambda n: (-len(n[0]), n[0]))


def projected(story: Story, text_mentions: Sequence[Mention]) -> list[Mention]:
    """Headline mentions of the names the text mentions."""
    title = story.title or ""
    found: list[Mention] = []
    for name, kind, kb_id in _text_names(text_mentions):
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", title, re.IGNORECASE):
            start, end = match.span()
            if not any(m.start < end and start < m.end for m in found):
                found.append(
                    Mention(story.id, start, end, title[start:end], kind, "TEXT_NAME", kb_id, zone="title")
                )
    return found


def title_mentions(model: Sequence[Mention], story: Story, text_mentions: Sequence[Mention]) -> list[Mention]:
    """The headline's mentions: the text's names, then the model's where those leave room
    and the text writes the name too (a headline names what its story tells of)."""
    found = projected(story, text_mentions)
    text = story.text.casefold()
    free = [
        m
        for m in model
        if not any(p.start < m.end and m.start < p.end for p in found) and m.text.casefold() in text
    ]
    return sorted(found + free, key=lambda m: m.start)
