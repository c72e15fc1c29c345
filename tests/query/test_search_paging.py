"""Paging through search results stays within one kind of match."""

from __future__ import annotations

from threadline.query import search
from threadline.store import Store


def test_pages_past_the_all_words_hits_do_not_turn_into_any_word_hits(shared: Store) -> None:
    every = search(shared, "Kinani Treasury", limit=50)
    assert every.hits, "the examples hold both words together"
    beyond = search(shared, "Kinani Treasury", limit=50, offset=len(every.hits))
    assert beyond.hits == []
