"""Mentions on Re-DocRED dev: threadline's NER stage against the raw model, span by span.

    python evaluation/mentions_redocred.py [--first N] [--last N] [--losses K]

Re-DocRED's vertexSet gives every mention of every entity as token positions in a
sentence; joined with single spaces (as ../shared/eval/redocred.py writes the input),
they become character spans of the document text. PER, ORG and LOC mentions are gold
(person, organization, location). Each document is run through threadline's extraction
(`workflow.extract_stories`, the same code the ingest runs, without cleaning) and through
the raw pinned model. Only documents 0-349 are for development: 350-499 are held out, and
this script refuses to read them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from evaluation.mentions_score import Span, loss_kinds, losses, score, table  # noqa: E402
from threadline.nlp.model import load_base_model  # noqa: E402
from threadline.nlp.pipeline import ENTITY_TYPE, build_pipeline  # noqa: E402
from threadline.records import Block, Story  # noqa: E402
from threadline.settings import Settings  # noqa: E402
from threadline.workflow import extract_stories  # noqa: E402

DATA = HERE.parent.parent / "shared" / "corpora" / "redocred-dev" / "dev_revised.json"
HELD_OUT_FROM = 350
TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}


def document(doc: dict[str, Any]) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The document text and its gold (start, end, type, name) spans."""
    offsets: list[list[tuple[int, int]]] = []
    position = 0
    for sentence in doc["sents"]:
        spans = []
        for token in sentence:
            spans.append((position, position + len(token)))
            position += len(token) + 1
        offsets.append(spans)
    text = " ".join(" ".join(s) for s in doc["sents"])
    gold = []
    for vertex in doc["vertexSet"]:
        for m in vertex:
            if m["type"] in TYPES:
                tokens = offsets[m["sent_id"]]
                start, end = tokens[m["pos"][0]][0], tokens[m["pos"][1] - 1][1]
                gold.append((start, end, TYPES[m["type"]], text[start:end]))
    return text, gold


def documents(first: int, last: int) -> Iterator[tuple[str, str, str, list[tuple[int, int, str, str]]]]:
    if last > HELD_OUT_FROM:
        raise SystemExit(f"documents {HELD_OUT_FROM}-499 are held out: use --last {HELD_OUT_FROM} or less")
    docs = json.loads(DATA.read_text(encoding="utf-8"))
    for i in range(first, last):
        text, gold = document(docs[i])
        yield f"redocred-dev-{i:03d}", docs[i]["title"], text, gold


def measure(first: int, last: int) -> tuple[list[Span], list[Span], list[Span]]:
    settings = Settings.from_env()
    nlp, raw_nlp = build_pipeline(settings), load_base_model(settings.model, settings.verify_model)
    gold: list[Span] = []
    stories = []
    texts: dict[str, str] = {}
    for key, title, text, spans in documents(first, last):
        gold += [Span(key, "body", s, e, t, name) for s, e, t, name in spans]
        stories.append(Story(key, key, 0, text, (Block(0, len(text), "body"),), title=title))
        texts[key] = text
    ours = [
        Span(x.story.source, "body", m.start, m.end, m.type, m.text)
        for x in extract_stories(nlp, stories)
        for m in x.mentions
        if m.zone == "text" and m.type != "other"
    ]
    raw = [
        Span(key, "body", e.start_char, e.end_char, ENTITY_TYPE[e.label_], e.text)
        for key, doc in zip(texts, raw_nlp.pipe(texts.values()), strict=True)
        for e in doc.ents
        if e.label_ in ENTITY_TYPE
    ]
    return gold, ours, raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--last", type=int, default=HELD_OUT_FROM)
    parser.add_argument("--losses", type=int, default=0, help="print this many lost gold mentions")
    args = parser.parse_args(argv)
    gold, ours, raw = measure(args.first, args.last)
    print(table({"threadline": score(gold, ours), "raw_model": score(gold, raw)}))
    lost = losses(gold, ours, raw)
    print(f"\nlost where the raw model had it: {len(lost)}")
    for kind, count in loss_kinds(lost).most_common():
        print(f"  {kind:28s} {count}")
    for g, there in lost[: args.losses]:
        had = ", ".join(f"{p.text!r} {p.type}" for p in there) or "nothing"
        print(f"  {g.doc} {g.text!r} {g.type}: threadline {had}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
