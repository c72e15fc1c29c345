"""Every stored mention read through the driver (store/mention_rows.py) gives the records
the store's row mappings give (layout.mention), in the refresh's order (story, zone,
start), with equal values shared: one object per story id, name, type, label, zone and
offset, as a refresh holding every mention of the store relies on.

Documents are written by hand (stories and typed mentions, no NLP), with titles, a
knowledge id and an offset past the shared-int range."""

from __future__ import annotations

from sqlalchemy import select

from threadline.dedup.minhash import story_signatures
from threadline.records import Block, Document, Extraction, Mention, Story
from threadline.store import Store, layout
from threadline.store import schema as t
from threadline.store.mention_rows import AT_ONCE

# Written for this test.
SENTENCE = "Patrols from Ostrava Ridge met the Kelmar Guard near Ostrava Ridge. "


def write(store: Store, source: str, repeats: int) -> None:
    """One story naming two places and a group `repeats` times each, a titled one."""
    text = SENTENCE * repeats
    title = "Kelmar Guard at Ostrava Ridge"
    document = Document(source=source, origin=source, format="text", text=text)
    story = Story(document.id, source, 0, text, (Block(0, len(text), "body"),), title=title)
    mentions = [Mention(story.id, 0, 12, "Kelmar Guard", "organization", "ORG", zone="title")]
    for at in range(repeats):
        base = at * len(SENTENCE)
        mentions += [
            Mention(story.id, base + 13, base + 26, "Ostrava Ridge", "location", "GPE", kb_id="kb-ostrava"),
            Mention(story.id, base + 35, base + 47, "Kelmar Guard", "organization", "ORG"),
        ]
    store.replace_document(document, [Extraction(story, tuple(mentions), (), ())], story_signatures(story))


def by_mappings(store: Store) -> list[Mention]:
    with store.snapshot() as conn:
        rows = conn.execute(select(t.mentions))
        return sorted((layout.mention(r._mapping) for r in rows), key=lambda m: (m.story_id, m.zone, m.start))


def test_every_mention_is_the_record_its_row_gives_in_the_refresh_order(store: Store) -> None:
    write(store, "long.txt", repeats=(AT_ONCE // 2) + 10)  # over a fetch, past offset 65,536
    write(store, "short.txt", repeats=2)
    read = store.mentions()
    assert read == by_mappings(store)
    assert len(read) > AT_ONCE and max(m.end for m in read) > 1 << 16
    assert {m.kb_id for m in read} == {None, "kb-ostrava"} and {m.zone for m in read} == {"text", "title"}


def test_equal_values_are_one_object(store: Store) -> None:
    write(store, "one.txt", repeats=40)
    write(store, "two.txt", repeats=40)
    read = store.mentions()
    for field in ("story_id", "text", "type", "label", "kb_id", "zone", "start", "end"):
        values = [getattr(m, field) for m in read]
        assert len({id(v) for v in values}) == len(set(values)), field
