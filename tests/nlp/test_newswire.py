"""Never below the model we wrap: on wire pages written for this test (caps headlines,
"BRUSSELS 1996-08-22" datelines, wire sentences, agate lines of results; see
newswire/README.md), threadline finds every gold mention the raw model finds with the
right type, and more of them in all."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

REPO = Path(__file__).resolve().parents[2]


def _module(name: str) -> ModuleType:
    """A measurement module of evaluation/ (a folder beside the package, not installed)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module(f"evaluation.{name}")


@pytest.fixture(scope="module")
def measured(nlp: Language) -> tuple[list, list, list, list]:
    newswire = _module("mentions_newswire")
    pages = newswire.read_pages()
    gold = [g for p in pages for g in p.gold]
    return pages, gold, newswire.threadline_mentions(pages), newswire.raw_mentions(pages)


def test_the_pages_and_their_marks_read_back(measured: tuple[list, list, list, list]) -> None:
    pages, gold, _, _ = measured
    assert len(pages) >= 8 and len(gold) >= 80
    for page in pages:
        for g in page.gold:
            assert (page.title if g.zone == "title" else page.text)[g.start : g.end] == g.text


def test_no_gold_mention_the_model_found_is_lost(measured: tuple[list, list, list, list]) -> None:
    _, gold, ours, raw = measured
    score = _module("mentions_score")
    lost = score.losses(gold, ours, raw)
    assert not lost, [(g.doc, g.text, g.type, [(p.text, p.type) for p in there]) for g, there in lost]


def test_recall_and_f1_beat_the_model_on_every_page(measured: tuple[list, list, list, list]) -> None:
    pages, _, ours, raw = measured
    score = _module("mentions_score")
    for page in pages:
        mine = score.score(page.gold, [m for m in ours if m.doc == page.name])
        model = score.score(page.gold, [m for m in raw if m.doc == page.name])
        assert mine["recall"] >= model["recall"], page.name
        assert mine["exact.f1"] >= model["exact.f1"], page.name
