"""The entities step's reading of story texts: kept cues where the store has them, the
text itself for the rest (resolve/story_text.py, store/story_cues.py).

A refresh after an ingest so scans only the new stories' texts for what resolution
needs there (the texts themselves are in memory anyway: the places step reads them all);
`threadline rebuild` (full) scans every text again and keeps what it found, so a rebuild
never depends on a kept row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from threadline.records import Mention
from threadline.resolve.lexicon import Lexicon
from threadline.resolve.story_text import Cues, StoryText, cues_version
from threadline.store import Store
from threadline.store.story_cues import KeptCues


@dataclass(frozen=True, slots=True)
class StoryTexts:
    """Story id -> its StoryText; which of them were read from the text this time."""

    stories: Mapping[str, StoryText]
    fresh: frozenset[str]
    version: str

    def to_keep(self, mentions: Sequence[Mention], resolved_with: str | None = None) -> KeptCues:
        """What the stories read from their text this time gave, to keep (with the
        digest of what the entities were resolved with)."""
        by_story: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            if m.story_id in self.fresh:
                by_story[m.story_id].append(m)
        cues = {sid: self.stories[sid].cues(found).to_json() for sid, found in by_story.items()}
        return KeptCues(self.version, cues, resolved_with)


def story_texts(
    store: Store,
    mentions: Sequence[Mention],
    texts: Callable[[set[str]], Mapping[str, str]],
    lex: Lexicon,
    full: bool,
) -> StoryTexts:
    """Each mentioned story's StoryText: from its kept cues (unless `full`), else from
    its text (`texts` is asked once, for the texts of the stories with none kept: after
    an ingest, the new stories')."""
    version = cues_version(lex)
    kept = {} if full else store.story_cues(version)
    by_story: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_story[m.story_id].append(m)
    cues: dict[str, Cues | None] = {}
    for sid in sorted(by_story):
        stored = _decoded(sid, kept.pop(sid, None))  # each raw row let go of once read
        cues[sid] = stored if stored is not None and _fits(stored, _spans(by_story[sid])) else None
    del by_story, kept
    unread = {sid for sid, stored in cues.items() if stored is None}
    text = texts(unread) if unread else {}
    stories = {
        sid: StoryText(sid, "" if stored else text.get(sid, ""), lex, stored) for sid, stored in cues.items()
    }
    fresh = frozenset(sid for sid, story in stories.items() if story.stored is None)
    return StoryTexts(stories, fresh, version)


def _spans(mentions: Sequence[Mention]) -> set[tuple[int, int]]:
    """One story's text mentions' spans: made a story at a time, not the whole store's
    at once (a tuple per mention of every story)."""
    return {(m.start, m.end) for m in mentions if m.zone == "text"}


def _fits(cues: Cues, spans: set[tuple[int, int]]) -> bool:
    """Whether kept cues name only the story's own text mentions: a row that names
    another would fail resolution of the story on every refresh, so it is read again."""
    named = {*cues.context, *(s for a, b, _ in cues.aliases for s in (a, b))}
    named |= {s for pair in cues.brackets for s in pair}
    return named <= spans


def _decoded(story_id: str, raw: str | None) -> Cues | None:
    """Kept cues, or None where none are kept or the row cannot be read (read the text)."""
    if raw is None:
        return None
    try:
        return Cues.from_json(story_id, raw)
    except (ValueError, KeyError, TypeError):
        return None
