"""Kept story cues: a refresh reads only the texts of stories it has no cues for, and what
it derives equals a full rebuild, including after a story is rewritten.

Documents are written by hand (stories and typed mentions, no NLP): resolution's reading
of the text is what is under test, not the model's."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from threadline.dedup.minhash import story_signatures
from threadline.records import Block, Document, EntityType, Extraction, Mention, Story
from threadline.refresh import rebuild_derived, refresh_derived
from threadline.resolve import story_text
from threadline.resolve.lexicon import load_lexicon
from threadline.settings import Settings
from threadline.store import Store
from threadline.store import schema as t

# Written for this test.
FIRST = "The Harrat Valley Front (HVF) entered Dunmor. Salim Oduya, known as Abu Kamil, led it."
SECOND = "HVF fighters left Dunmor; Abu Kamil was seen near Tessel."
REWRITTEN = "The Harrat Valley Front (HVF) left Tessel. Its leader, Salim Oduya, spoke there."
TYPES: dict[str, EntityType] = {
    "Harrat Valley Front": "organization",
    "HVF": "organization",
    "Dunmor": "location",
    "Salim Oduya": "person",
    "Abu Kamil": "person",
    "Tessel": "organization",
}
LABELS = {"person": "PERSON", "organization": "ORG", "location": "GPE"}


def write(store: Store, source: str, text: str) -> str:
    """One document of one story, every listed surface in it a mention; the story's id."""
    document = Document(source=source, origin=source, format="text", text=text)
    story = Story(document.id, source, 0, text, (Block(0, len(text), "body"),))
    mentions = tuple(
        Mention(story.id, text.index(s), text.index(s) + len(s), s, kind, LABELS[kind])
        for s, kind in TYPES.items()
        if s in text and not any(s != o and s in o and o in text for o in TYPES)
    )
    store.replace_document(document, [Extraction(story, mentions, (), ())], story_signatures(story))
    return story.id


def kept(store: Store) -> dict[str, str]:
    with store.snapshot() as conn:
        return dict(conn.execute(select(t.story_cues.c.story_id, t.story_cues.c.version)).all())


def resolved(store: Store) -> tuple:
    """What resolution left in the store: entities with their reasons, links, decisions."""
    return store.entities(), store.entity_reasons(), store.entity_of(), store.decisions()


@pytest.fixture
def filled(tmp_path) -> tuple[Store, list[str]]:
    store = Store(f"sqlite:///{tmp_path / 'cues.db'}")
    stories = [write(store, "first.txt", FIRST), write(store, "second.txt", SECOND)]
    assert refresh_derived(store, Settings()) == []
    return store, stories


def test_a_refresh_keeps_each_storys_cues_under_the_lexicons_version(filled) -> None:
    store, stories = filled
    version = story_text.cues_version(load_lexicon())
    assert kept(store) == dict.fromkeys(stories, version)


def test_a_refresh_with_kept_cues_reads_no_story_text(filled, monkeypatch) -> None:
    store, _ = filled
    before = resolved(store)

    def unread(*args: object) -> None:
        raise AssertionError("a story's text was read again")

    for name in ("context_cues", "definitions_in", "stated_aliases", "bracket_pairs"):
        monkeypatch.setattr(story_text, name, unread)
    assert refresh_derived(store, Settings()) == []
    assert resolved(store) == before


def test_a_rewritten_story_is_read_again_and_equals_a_rebuild(filled) -> None:
    store, (first, second) = filled
    assert write(store, "first.txt", REWRITTEN) == first
    assert set(kept(store)) == {second}  # its cues went with its old text
    assert refresh_derived(store, Settings()) == []
    assert set(kept(store)) == {first, second}
    incremental = resolved(store)
    rebuild_derived(store, Settings())
    assert resolved(store) == incremental


def test_unreadable_or_other_version_cues_are_read_from_the_text_again(filled) -> None:
    store, (first, second) = filled
    before = resolved(store)
    version = story_text.cues_version(load_lexicon())
    with store.transaction() as conn:
        conn.execute(update(t.story_cues).where(t.story_cues.c.story_id == first).values(cues="{not json"))
        conn.execute(update(t.story_cues).where(t.story_cues.c.story_id == second).values(version="0-old"))
    assert refresh_derived(store, Settings()) == []
    assert resolved(store) == before
    assert kept(store) == {first: version, second: version}
    with store.snapshot() as conn:
        rows = conn.execute(select(t.story_cues.c.story_id, t.story_cues.c.cues)).all()
    assert all(story_text.Cues.from_json(story, raw) for story, raw in rows)  # kept afresh


def test_cues_naming_a_span_the_story_has_no_mention_at_are_read_from_the_text_again(filled) -> None:
    store, (first, _) = filled
    before = resolved(store)
    with store.snapshot() as conn:
        raw = conn.execute(select(t.story_cues.c.cues).where(t.story_cues.c.story_id == first)).scalar_one()
    stale = story_text.Cues.from_json(first, raw)
    stale = story_text.Cues(
        stale.context, stale.definitions, (((900, 905), (910, 915), "known as"),), stale.brackets
    )
    with store.transaction() as conn:
        conn.execute(
            update(t.story_cues).where(t.story_cues.c.story_id == first).values(cues=stale.to_json())
        )
    assert refresh_derived(store, Settings()) == []
    assert resolved(store) == before
