"""Mentions on wire pages written for the tests: threadline's NER stage against the raw model.

    python evaluation/mentions_newswire.py [FOLDER] [--losses]

Each page (tests/nlp/newswire/*.txt, see the README there) is a headline line, then the
story's text, gold mentions marked inline as `{PER words}`, `{ORG words}`, `{LOC words}`.
The page is run through threadline's extraction (`workflow.extract_stories`: truecasing,
gazetteer, type cues, headline mentions) and through the raw pinned model on the same
title and text, and both are scored against the gold (evaluation/mentions_score.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from evaluation.mentions_score import Span, loss_kinds, losses, score, table  # noqa: E402
from threadline.nlp.model import load_base_model  # noqa: E402
from threadline.nlp.pipeline import ENTITY_TYPE, build_pipeline  # noqa: E402
from threadline.records import Block, Story  # noqa: E402
from threadline.settings import Settings  # noqa: E402
from threadline.workflow import extract_stories  # noqa: E402

PAGES = HERE.parent / "tests" / "nlp" / "newswire"
TYPES = {"PER": "person", "ORG": "organization", "LOC": "location"}
_MARK = re.compile(r"\{(PER|ORG|LOC) ([^{}]+)\}")


@dataclass(frozen=True)
class Page:
    name: str
    title: str
    text: str
    gold: tuple[Span, ...]

    def story(self) -> Story:
        return Story(
            self.name, self.name, 0, self.text, (Block(0, len(self.text), "body"),), title=self.title
        )


def unmark(marked: str, doc: str, zone: str) -> tuple[str, list[Span]]:
    """The plain text and the gold spans its marks give."""
    plain, spans, last = [], [], 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[last : match.start()]
        plain.append(before)
        length += len(before)
        words = match.group(2)
        spans.append(Span(doc, zone, length, length + len(words), TYPES[match.group(1)], words))
        plain.append(words)
        length += len(words)
        last = match.end()
    plain.append(marked[last:])
    return "".join(plain), spans


def read_page(path: Path) -> Page:
    head, _, body = path.read_text(encoding="utf-8").partition("\n")
    title, title_gold = unmark(head.strip(), path.name, "title")
    text, text_gold = unmark(body.strip(), path.name, "body")
    return Page(path.name, title, text, (*title_gold, *text_gold))


def read_pages(folder: Path = PAGES) -> list[Page]:
    return [read_page(p) for p in sorted(folder.glob("*.txt"))]


def threadline_mentions(pages: list[Page], settings: Settings | None = None) -> list[Span]:
    nlp = build_pipeline(settings or Settings.from_env())
    return [
        Span(x.story.source, "title" if m.zone == "title" else "body", m.start, m.end, m.type, m.text)
        for x in extract_stories(nlp, [p.story() for p in pages])
        for m in x.mentions
        if m.type != "other"
    ]


def raw_mentions(pages: list[Page], settings: Settings | None = None) -> list[Span]:
    settings = settings or Settings.from_env()
    nlp = load_base_model(settings.model, settings.verify_model)
    found = []
    for page in pages:
        for zone, text in (("title", page.title), ("body", page.text)):
            found += [
                Span(page.name, zone, e.start_char, e.end_char, ENTITY_TYPE[e.label_], e.text)
                for e in nlp(text).ents
                if e.label_ in ENTITY_TYPE
            ]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=PAGES)
    parser.add_argument("--losses", action="store_true", help="list every gold mention either side missed")
    args = parser.parse_args(argv)
    pages = read_pages(args.folder)
    gold = [g for p in pages for g in p.gold]
    ours, raw = threadline_mentions(pages), raw_mentions(pages)
    print(table({"threadline": score(gold, ours), "raw_model": score(gold, raw)}))
    lost = losses(gold, ours, raw)
    print(f"\nlost where the raw model had it: {len(lost)}")
    for kind, count in loss_kinds(lost).most_common():
        print(f"  {kind:28s} {count}")
    if args.losses:
        for name, side in (("threadline", ours), ("raw", raw)):
            for g, there in _missed(gold, side):
                had = ", ".join(f"{p.text!r} {p.type}" for p in there) or "nothing"
                print(f"  {name:10s} {g.doc} {g.zone} {g.text!r} {g.type}: {had}")
    return 0


def _missed(gold: list[Span], found: list[Span]) -> list[tuple[Span, list[Span]]]:
    """Gold spans no mention of the right type overlaps, with the mentions there."""
    missed = []
    for g in gold:
        there = [p for p in found if p.key == g.key and p.overlaps(g)]
        if not any(p.type == g.type for p in there):
            missed.append((g, there))
    return missed


if __name__ == "__main__":
    sys.exit(main())
