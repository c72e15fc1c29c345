"""The raw-model baseline: what the spaCy pipeline threadline wraps finds on the same text.

For each story of a threadline export, the pinned model's entities (PERSON, ORG, GPE,
LOC, FAC) in the story's text and title become mentions; one entity per type and
spelling across the corpus. Scored like threadline's export, this says whether
threadline's cleaning, gazetteer and type rules add to the model or take from it.

Mention recall counts, in each story's text and title, the places where a gold entity's
name occurs, and how many of them a mention of the right type covers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from threadline.nlp.model import load_base_model
from threadline.nlp.pipeline import ENTITY_TYPE
from threadline.records import content_id
from threadline.settings import Settings

Json = dict[str, Any]
Span = tuple[str, str, int, int, str]  # story id, zone, start, end, type


def raw_export(export: Json, norm: Callable[[str], str], settings: Settings | None = None) -> Json:
    """The export the raw model would give: the same stories, its own mentions and entities."""
    settings = settings or Settings.from_env()
    nlp = load_base_model(settings.model, settings.verify_model)
    entities: dict[tuple[str, str], Json] = {}
    mentions: list[Json] = []
    for story in export.get("stories", []):
        for zone, text in (("body", story.get("text") or ""), ("title", story.get("title") or "")):
            for ent in nlp(text).ents:
                kind = ENTITY_TYPE.get(ent.label_)
                if kind is None or not norm(ent.text):
                    continue
                key = (kind, norm(ent.text))
                entity = entities.setdefault(
                    key, {"id": content_id("e", *key), "type": kind, "name": ent.text, "aliases": []}
                )
                mention = {"story": story["id"], "start": ent.start_char, "end": ent.end_char}
                mention.update(text=ent.text, type=kind, entity=entity["id"])
                if zone == "title":
                    mention["zone"] = "title"
                mentions.append(mention)
    return {"stories": export.get("stories", []), "entities": list(entities.values()), "mentions": mentions}


def _occurrences(text: str, names: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Where the gold names occur in text, longest first, never overlapping."""
    found: list[tuple[int, int, str]] = []
    for name, kind in sorted(names, key=lambda nk: -len(nk[0])):
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for match in pattern.finditer(text):
            start, end = match.span()
            capitalised = any(c.isupper() for c in match.group())
            if capitalised and not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, kind))
    return found


def gold_spans(export: Json, gold: Json) -> list[Span]:
    names = [(n, e["type"]) for e in gold.get("entity", []) for n in e["names"] if len(n) > 1]
    spans: list[Span] = []
    for story in export.get("stories", []):
        for zone, text in (("body", story.get("text") or ""), ("title", story.get("title") or "")):
            spans += [(story["id"], zone, s, e, kind) for s, e, kind in _occurrences(text, names)]
    return spans


def mention_recall(spans: Iterable[Span], mentions: Iterable[Json]) -> float:
    """The share of gold name occurrences that a mention of the same type overlaps."""
    found: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for m in mentions:
        key = (m.get("story", ""), "title" if m.get("zone") == "title" else "body")
        found.setdefault(key, []).append((m["start"], m["end"], m.get("type", "")))
    spans = list(spans)
    hit = sum(
        1
        for story, zone, start, end, kind in spans
        if any(s < end and start < e and t == kind for s, e, t in found.get((story, zone), []))
    )
    return round(hit / len(spans), 4) if spans else 0.0
