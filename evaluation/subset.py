"""Cut a gold annotation and an export down to some of a corpus's stories.

Used to score the dev part and the held-out part of a corpus apart. A gold fact is
kept when one of its stories is in the part (its story lists cut to the part; a fact
left with only `also_stories` there becomes optional); a gold entity when a kept fact
names it or one of its names occurs in the raw text of a kept story. The export keeps
its stories of the part, their mentions, the entities those mentions name, and the
facts with evidence there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

Json = dict[str, Any]


def _fact_in_part(fact: Json, keys: set[str]) -> Json | None:
    certain = [s for s in fact.get("stories", []) if s in keys]
    maybe = [s for s in fact.get("also_stories", []) if s in keys]
    if not certain and not maybe:
        return None
    kept = {**fact, "stories": certain, "also_stories": maybe}
    if not certain:
        kept["core"] = False
    return kept


def _named_by_facts(facts: Iterable[Json]) -> set[str]:
    named: set[str] = set()
    for fact in facts:
        named.update(str(fact[k]) for k in ("subject", "object") if k in fact)
        named.update(fact.get("participants", []))
        location = fact.get("location", [])
        named.update([location] if isinstance(location, str) else location)
    return named


def gold_subset(gold: Json, files: set[str], raw_text: Mapping[str, str], norm: Callable[[str], str]) -> Json:
    """The gold annotation of the stories whose `file` is in `files`."""
    stories = [s for s in gold.get("story", []) if s["file"] in files]
    keys = {s["key"] for s in stories}
    relations = [r for r in (_fact_in_part(f, keys) for f in gold.get("relation", [])) if r]
    events = [e for e in (_fact_in_part(f, keys) for f in gold.get("event", [])) if e]
    text = " " + " ".join(norm(raw_text.get(f, "")) for f in sorted(files)) + " "
    named = _named_by_facts([*relations, *events])
    entities = [
        e
        for e in gold.get("entity", [])
        if e["id"] in named or any(f" {norm(n)} " in text for n in e["names"] if norm(n))
    ]
    return {**gold, "story": stories, "relation": relations, "event": events, "entity": entities}


def export_subset(export: Json, files: set[str]) -> Json:
    """The export's stories from `files` (by source name), and what they support."""
    stories = [s for s in export.get("stories", []) if Path(str(s.get("source", ""))).name in files]
    ids = {s["id"] for s in stories}
    mentions = [m for m in export.get("mentions", []) if m.get("story") in ids]
    named = {m.get("entity") for m in mentions}

    def facts(items: list[Json]) -> list[Json]:
        kept = []
        for item in items:
            evidence = [e for e in item.get("evidence", []) if e.get("story") in ids]
            if evidence:
                kept.append({**item, "evidence": evidence})
        return kept

    return {
        **export,
        "stories": stories,
        "mentions": mentions,
        "entities": [e for e in export.get("entities", []) if e.get("id") in named],
        "relations": facts(export.get("relations", [])),
        "events": facts(export.get("events", [])),
    }


def held_out_files(gold: Json, listed: Iterable[str] = (), every: int | None = None) -> set[str]:
    """The story files of the held-out part: those listed, or every n-th numbered record."""
    files = set(listed)
    if every:
        for story in gold.get("story", []):
            number = re.search(r"(\d+)$", story["file"])
            if number and int(number.group(1)) % every == 0:
                files.add(story["file"])
    return files
