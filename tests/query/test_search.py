"""Full-text search over stories, quotes and entity names."""

from __future__ import annotations

import pytest

from threadline.query import search
from threadline.query.index import MARK, SEARCH, index_current, refresh_search_index


def test_a_name_finds_the_entity_first_then_its_quotes_with_snippets(shared):
    page = search(shared, "Saadi")
    kinds = [h.kind for h in page.hits]
    assert kinds[0] == "entity" and page.hits[0].title == "Abu Haidar al-Saadi"
    assert "quote" in kinds and "story" in kinds
    assert all(h.matches for h in page.hits)
    assert {h.snippet[a:b].casefold() for h in page.hits for a, b in h.matches} == {"saadi"}


def test_words_are_all_required_and_ranked(shared):
    hits = search(shared, "drone Anbar").hits
    assert hits and all("drone" in (h.snippet + h.title).lower() or h.kind == "story" for h in hits)


def test_diacritics_and_case_do_not_matter(shared):
    assert search(shared, "B\u00c1GHDAD").hits[0].title.startswith("Baghdad") or any(
        h.title == "Baghdad" for h in search(shared, "B\u00c1GHDAD").hits
    )


def test_pages_do_not_overlap(shared):
    first, second = search(shared, "said", 5, 0), search(shared, "said", 5, 5)
    assert len(first.hits) == 5 and second.hits
    assert not {(h.kind, h.id) for h in first.hits} & {(h.kind, h.id) for h in second.hits}


@pytest.mark.parametrize(
    "query",
    [
        "'",
        '"',
        "%",
        "--",
        ";",
        "NEAR(",
        "*",
        "drone*",
        'NEAR("a" "b", 3)',
        "x'; DROP TABLE entities; --",
        "a OR",
        "^",
        "()",
        "\\",
    ],
)
def test_sql_and_fts_metacharacters_are_harmless(shared, query):
    page = search(shared, query)
    assert isinstance(page.hits, list)
    assert search(shared, "Saadi").hits  # the store is intact


def test_an_empty_query_finds_nothing(shared):
    assert search(shared, "  ").hits == [] and search(shared, "...").hits == []


def test_the_index_follows_the_derived_layer_and_is_rebuilt_when_missing(writable):
    assert index_current(writable)
    with writable.transaction() as conn:  # as a store an older threadline refreshed
        conn.exec_driver_sql(f"DROP TABLE {SEARCH}")
        conn.exec_driver_sql(f"DELETE FROM meta WHERE key = '{MARK}'")
    assert not index_current(writable)
    assert search(writable, "Saadi").hits  # rebuilt on demand
    assert index_current(writable)
    refresh_search_index(writable)
    assert index_current(writable)
