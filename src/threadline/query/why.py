"""Why an entity holds the names it holds, grouped by the story each reason comes
from, with the story's title and outlet in place of its id."""

from __future__ import annotations

import re

from sqlalchemy import select

from threadline.errors import ThreadlineError
from threadline.query.evidence import StoryInfo, story_infos
from threadline.query.records import EntityRef, Why, WhyStory
from threadline.store import Store
from threadline.store import schema as t

STORY_ID = re.compile(r"\bs-[0-9a-f]{16}\b")
VERDICT_WORDS = {"merged": "joined", "refused": "kept apart", "ambiguous": "left ambiguous"}


def why(store: Store, entity_id: str) -> Why:
    with store.snapshot() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            raise ThreadlineError(f"no entity has the id {entity_id!r}")
        decisions = store.decisions_about(entity_id)
        lines = [(r, STORY_ID.findall(r)) for r in row.reasons]
        for d in decisions:
            score = "" if d.score is None else f", score {d.score:.2f}"
            said = f"{VERDICT_WORDS.get(d.verdict, d.verdict)}: '{d.left_name}' / '{d.right_name}' ({d.step}{score}): {d.reason}"
            lines.append((said, [n.split("/", 1)[0] for n in (d.left, d.right) if n.startswith("s-")]))
        infos = story_infos(conn, {s for _, ids in lines for s in ids})
    general: list[str] = []
    groups: dict[str, list[str]] = {}
    for line, ids in lines:
        shown = STORY_ID.sub(lambda m: _title(infos.get(m.group(0)), m.group(0)), line)
        distinct = list(dict.fromkeys(ids))
        if len(distinct) == 1:
            groups.setdefault(distinct[0], [])
            if shown not in groups[distinct[0]]:
                groups[distinct[0]].append(shown)
        elif shown not in general:
            general.append(shown)
    stories = [_group(story_id, infos.get(story_id), reasons) for story_id, reasons in groups.items()]
    stories.sort(key=lambda g: (g.published or "", g.title or "", g.story_id or ""))
    return Why(EntityRef(row.id, row.name, row.type), general, stories)


def _title(info: StoryInfo | None, story_id: str) -> str:
    if info is None:
        return story_id
    outlet = f", {info.outlet}" if info.outlet else ""
    return f"\u201c{info.title or info.source}\u201d ({info.published or 'undated'}{outlet})"


def _group(story_id: str, info: StoryInfo | None, reasons: list[str]) -> WhyStory:
    if info is None:
        return WhyStory(story_id, None, None, None, reasons)
    return WhyStory(story_id, info.title or info.source, info.outlet, info.published, reasons)
