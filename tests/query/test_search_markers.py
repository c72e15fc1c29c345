"""Search snippets mark exactly the matched words, in an article full of brackets (and
even holding the control characters the engines mark matches with)."""

from __future__ import annotations

import json

import pytest

from threadline.query import search
from threadline.query.index import FORMAT, MARK, index_current
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

ARTICLE = (
    "Convoy reaches Tikrit [updated]\n\nPublished: 2 May 2025\n\n"
    "A spokesman for the fictional Liwa al-Qamar said the report [of a raid] was false. "
    "The convoy [which left at dawn] reached Tikrit on Friday, he said, adding that "
    "[the] drivers were safe. A stray \x02 and a stray \x03 sat in the wire copy.\n"
)


@pytest.fixture(scope="module")
def bracketed(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("brackets")
    (root / "convoy.txt").write_text(ARTICLE, encoding="utf-8")
    store = Store(f"sqlite:///{root / 'b.db'}")
    report = ingest([str(root / "convoy.txt")], store, Settings())
    assert not report.errors, report.errors
    yield store
    store.close()


@pytest.mark.parametrize("word", ["convoy", "raid", "drivers", "dawn", "stray"])
def test_the_marked_spans_are_the_matched_words_and_the_text_is_as_written(
    bracketed: Store, word: str
) -> None:
    hits = [h for h in search(bracketed, word).hits if h.kind == "story"]
    assert hits
    for hit in hits:
        assert hit.matches, hit
        assert {hit.snippet[a:b].casefold() for a, b in hit.matches} == {word}
        assert "\x02" not in hit.snippet and "\x03" not in hit.snippet


def test_brackets_in_the_article_stay_in_the_snippet_unmarked(bracketed: Store) -> None:
    [hit] = [h for h in search(bracketed, "raid").hits if h.kind == "story"]
    assert "[of a raid]" in hit.snippet
    start, end = hit.matches[0]
    assert hit.snippet[start - 6 : end + 1] == "[of a raid]"


def test_an_index_of_the_old_format_is_rebuilt(bracketed: Store) -> None:
    assert index_current(bracketed)
    with bracketed.transaction() as conn:  # as an older threadline marked it: no format
        old = conn.exec_driver_sql(f"SELECT value FROM meta WHERE key = '{MARK}'").scalar()
        conn.exec_driver_sql(f"UPDATE meta SET value = '{old.split('/')[0]}' WHERE key = '{MARK}'")
    assert not index_current(bracketed)
    assert search(bracketed, "convoy").hits
    assert index_current(bracketed)
    with bracketed.snapshot() as conn:
        assert conn.exec_driver_sql(f"SELECT value FROM meta WHERE key = '{MARK}'").scalar().endswith(FORMAT)


def test_control_characters_in_an_article_neither_reach_the_snippet_nor_shift_the_match(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("controls")
    text = (  # a feed carries what a text file would be refused for (binary)
        "A car bomb\x07\x08 went off \x1b]0;owned\x1b\\ near the market in Kirkuk on Friday, "
        "police said, and the blast damaged six shops."
    )
    record = {"id": "blast", "title": "Blast in Kirkuk market", "published": "2025-05-03", "text": text}
    (root / "blast.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store(f"sqlite:///{root / 'c.db'}")
    assert not ingest([str(root / "blast.jsonl")], store, Settings()).errors
    [hit] = [h for h in search(store, "market").hits if h.kind == "story"]
    assert not any(ord(c) < 32 and c not in "\t\n" for c in hit.snippet), repr(hit.snippet)
    assert {hit.snippet[a:b].casefold() for a, b in hit.matches} == {"market"}
    store.close()
