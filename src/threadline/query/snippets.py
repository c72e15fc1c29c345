"""Search snippets as plain text and the spans of the words that matched.

The full-text engines mark matches with a pair of strings of our choosing. Brackets were
ambiguous: an article's own "[sic]" or "[video]" read as a match. The markers are now two
control characters that the index never holds (index.py replaces them in every text it
indexes), and the snippet is handed on without them, as the article wrote it, with the
matched words as (start, end) offsets: readers highlight exactly what matched, whatever
the text contains.
"""

from __future__ import annotations

OPEN, CLOSE = "\x02", "\x03"  # STX and ETX: no article means them, and the index holds none
# Every control character but tab and newline becomes a space, one for one: the markers
# themselves, and what a terminal would act on (an ESC sequence in a scraped page) or a
# renderer drop (BEL, backspace), which would shift every highlight after it.
_UNMARKED = str.maketrans({c: " " for c in [*map(chr, range(32)), "\x7f"] if c not in "\t\n"})


def unmarked(text: str) -> str:
    """`text` as the index stores it: control characters (the markers among them)
    replaced by spaces, offsets unchanged."""
    return text.translate(_UNMARKED)


def read_marked(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """(plain text, spans of the marked words) from a snippet the engine marked; an
    opening marker left unclosed (a snippet cut short) runs to the end."""
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    size, start = 0, None
    for char in snippet:
        if char == OPEN:
            start = size if start is None else start
        elif char == CLOSE:
            if start is not None and size > start:
                spans.append((start, size))
            start = None
        else:
            plain.append(char)
            size += 1
    if start is not None and size > start:
        spans.append((start, size))
    return "".join(plain), spans


def parts(snippet: str, matches: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """The snippet cut at its matches, as (text, matched) pieces in order."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in sorted(matches):
        if start < last or end > len(snippet):
            continue  # overlapping or out of range: never the case for spans read here
        if start > last:
            pieces.append((snippet[last:start], False))
        pieces.append((snippet[start:end], True))
        last = end
    if last < len(snippet):
        pieces.append((snippet[last:], False))
    return pieces
