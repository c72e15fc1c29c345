"""The resolve stage's word lists load and hold to their contract."""

from __future__ import annotations

from threadline.resolve.lexicon import load_lexicon
from threadline.resolve.names import ascii_words


def test_variants_are_a_projection() -> None:
    lex = load_lexicon()
    for spelling, canonical in lex.variants.items():
        assert lex.variants[canonical] == canonical, spelling
        assert ascii_words(spelling) == [spelling], f"{spelling!r} is not a normalised token"


def test_word_lists_are_normalised_tokens() -> None:
    lex = load_lexicon()
    words = lex.particles | lex.stopwords | set(lex.generic) | set(lex.units) | set(lex.glue)
    for title in lex.titles:
        words |= set(title)
    for word in words:
        assert ascii_words(word) == [word], word


def test_generic_and_unit_words_do_not_overlap() -> None:
    lex = load_lexicon()
    assert not set(lex.generic) & set(lex.units)
