"""Build small corpora by hand: no spaCy, the mentions are written out with their types."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from threadline.records import EntityType, Mention
from threadline.resolve import Judgement, Resolution, resolve_entities
from threadline.vocab import KnownEntity

StorySpec = tuple[str, str, dict[str, EntityType]]  # story id, text, surface -> NER type


def mentions_in(story_id: str, text: str, types: dict[str, EntityType]) -> list[Mention]:
    """Every occurrence of each surface, longest surfaces first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out = []
    for surface in sorted(types, key=len, reverse=True):
        start = text.find(surface)
        while start >= 0:
            end = start + len(surface)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                label = {"person": "PERSON", "organization": "ORG", "location": "GPE"}[types[surface]]
                out.append(Mention(story_id, start, end, surface, types[surface], label))
            start = text.find(surface, end)
    return sorted(out, key=lambda m: m.start)


class Run:
    """A resolution with helpers to ask which surfaces ended up together."""

    def __init__(
        self, stories: Sequence[StorySpec], known: Sequence[KnownEntity], judgements: Sequence[Judgement]
    ):
        self.mentions = [m for sid, text, types in stories for m in mentions_in(sid, text, types)]
        self.texts = {sid: text for sid, text, _ in stories}
        self.result: Resolution = resolve_entities(self.mentions, self.texts, known, judgements)
        self.by_id = {e.id: e for e in self.result.entities}

    def entity(self, surface: str, story: str | None = None):
        ids = {
            self.result.entity_of[m.id]
            for m in self.mentions
            if m.text == surface and (story is None or m.story_id == story)
        }
        assert len(ids) == 1, f"{surface!r} is in {len(ids)} entities"
        return self.by_id[ids.pop()]

    def same(self, a: str, b: str, story_a: str | None = None, story_b: str | None = None) -> bool:
        return self.entity(a, story_a).id == self.entity(b, story_b).id


@pytest.fixture
def resolve() -> Callable[..., Run]:
    def run(
        *stories: StorySpec, known: Sequence[KnownEntity] = (), judgements: Sequence[Judgement] = ()
    ) -> Run:
        return Run(stories, known, judgements)

    return run
