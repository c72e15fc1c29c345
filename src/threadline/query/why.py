"""Why an entity holds the names it holds: the resolver's reasons grouped by the story
each comes from, and its decisions (merged, kept apart, left ambiguous), with every story
named by its title, date and outlet instead of its id."""

from __future__ import annotations

import re

from sqlalchemy import select

from threadline.query.errors import UnknownEntity
from threadline.query.evidence import StoryInfo, story_infos
from threadline.query.records import EntityRef, Why, WhyDecision, WhyStory
from threadline.store import Store
from threadline.store import schema as t

STORY_ID = re.compile(r"\bs-[0-9a-f]{16}\b")


def why(store: Store, entity_id: str) -> Why:
    with store.snapshot() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            raise UnknownEntity(f"no entity has the id {entity_id!r}")
        decisions = store.decisions_about(entity_id)
        node_stories = {d.left: _story_of(d.left) for d in decisions} | {
            d.right: _story_of(d.right) for d in decisions
        }
        mentioned = {s for r in row.reasons for s in STORY_ID.findall(r)}
        mentioned |= {s for d in decisions for s in STORY_ID.findall(d.reason)}
        infos = story_infos(conn, mentioned | {s for s in node_stories.values() if s})
    general: list[str] = []
    groups: dict[str, list[str]] = {}
    for reason in row.reasons:
        ids = list(dict.fromkeys(STORY_ID.findall(reason)))
        shown = titled(reason, infos)
        target = groups.setdefault(ids[0], []) if len(ids) == 1 else general
        if shown not in target:
            target.append(shown)
    stories = [_group(story_id, infos.get(story_id), reasons) for story_id, reasons in groups.items()]
    stories.sort(key=lambda g: (g.published or "", g.title or "", g.story_id or ""))
    said = [
        WhyDecision(
            d.verdict,
            d.step,
            d.left_name,
            d.right_name,
            d.score,
            titled(d.reason, infos),
            list(
                dict.fromkeys(
                    describe(infos.get(s), s) for s in (node_stories[d.left], node_stories[d.right]) if s
                )
            ),
        )
        for d in decisions
    ]
    return Why(EntityRef(row.id, row.name, row.type), general, stories, said)


def _story_of(node: str) -> str | None:
    """A resolver node is "story id/name key"; a knowledge entry's is "kb:id/key"."""
    head = node.split("/", 1)[0]
    return head if STORY_ID.fullmatch(head) else None


def titled(text: str, infos: dict[str, StoryInfo]) -> str:
    return STORY_ID.sub(lambda m: describe(infos.get(m.group(0)), m.group(0)), text)


def describe(info: StoryInfo | None, story_id: str) -> str:
    """“Title” (date, outlet): how a person recognises a story."""
    if info is None:
        return story_id
    outlet = f", {info.outlet}" if info.outlet else ""
    return f"\u201c{info.title or info.source}\u201d ({info.published or 'undated'}{outlet})"


def _group(story_id: str, info: StoryInfo | None, reasons: list[str]) -> WhyStory:
    if info is None:
        return WhyStory(story_id, None, None, None, reasons)
    return WhyStory(story_id, info.title or info.source, info.outlet, info.published, reasons)
