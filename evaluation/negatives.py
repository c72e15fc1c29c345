"""Facts from hard negatives: records built to tempt a fact the text does not state.

The constructions gold lists its hard negatives in a comment block ("#   c-003: denial:
..."); what those records DO state is annotated like any other fact. A fact exported from
one of them counts here when the gold has no such fact: a relation whose triple (after
entity alignment) the gold lacks, or an event of a type the gold gives that story none of.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

Json = dict[str, Any]
_LISTED = re.compile(r"^#\s+(c-\d+):", re.MULTILINE)


def hard_negatives(gold_path: Path) -> set[str]:
    """The story keys the gold file's hard-negative comment block names."""
    text = gold_path.read_text(encoding="utf-8")
    header = re.search(r"^# -+ hard negatives$", text, re.MULTILINE)
    if header is None:
        return set()
    block = text[header.end() : text.find("\n\n", header.end())]
    return set(_LISTED.findall(block))


def tempted_facts(gold: Json, export: Json, negatives: set[str], align: Callable[..., Any]) -> list[str]:
    """The exported facts of the hard-negative stories that the gold does not hold."""
    story_key = {s["id"]: Path(str(s.get("source", ""))).name for s in export.get("stories", [])}
    _, _, assigned, _, _ = align(gold, export)
    triples = {(r["subject"], r["predicate"], r["object"]) for r in gold.get("relation", [])}
    event_types = {
        (s, e["type"]) for e in gold.get("event", []) for s in e["stories"] + e.get("also_stories", [])
    }
    found = []
    for r in export.get("relations", []):
        triple = (assigned.get(r["subject"]), r["predicate"], assigned.get(r["object"]))
        for key in {story_key.get(ev["story"]) for ev in r.get("evidence", [])} & negatives:
            if triple not in triples:
                found.append(f"{key}: relation {r['predicate']}")
    for e in export.get("events", []):
        for key in {story_key.get(ev["story"]) for ev in e.get("evidence", [])} & negatives:
            if (key, e["type"]) not in event_types:
                found.append(f"{key}: event {e['type']}")
    return found
