"""Long texts parsed in pieces.

spaCy refuses a text over `nlp.max_length` (1,000,000 characters, error E088), and its
tok2vec holds the activations of a whole text at once (1.2 GB for 360,000 characters).
A text over PIECE_CHARS is cut into pieces of at most PIECE_CHARS, each parsed on its
own, and the pieces' Docs are joined into one Doc whose text is the original's, so
offsets and everything read off the Doc stay as they were. A cut falls at a paragraph
break, else at a line break, else after a sentence's final stop and the space after it;
never inside a sentence: a stretch of PIECE_CHARS with none of these is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from threadline.errors import ThreadlineError

PIECE_CHARS = 100_000
# a final stop (and closing quotes or brackets), the spaces after it, then what opens a sentence
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*[ \t]+(?=["'“‘(\[]?[A-Z0-9])""")
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), _SENTENCE_END)


class UnbreakableText(ThreadlineError):
    """A stretch of text longer than a piece with no paragraph, line or sentence break."""


def cut_point(text: str, start: int, most: int) -> int:
    """Where the piece that begins at `start` ends: just after the last break of the
    strongest kind that ends within `most` characters."""
    limit = start + most
    for pattern in _CUTS:
        ends = [m.end() for m in pattern.finditer(text, start, limit) if start < m.end() <= limit]
        if ends:
            return ends[-1]
    raise UnbreakableText(
        f"{most:,} characters from offset {start:,} hold no paragraph, line or sentence break"
    )


def pieces(text: str, most: int = PIECE_CHARS) -> Iterator[str]:
    """`text` in consecutive pieces of at most `most` characters, cut between sentences."""
    start = 0
    while len(text) - start > most:
        end = cut_point(text, start, most)
        yield text[start:end]
        start = end
    yield text[start:]


def parse_in_pieces(nlp: Language, text: str, most: int | None = None) -> Doc:
    """One Doc of `text`; a text over `most` characters (PIECE_CHARS unless given) is
    parsed piece by piece, one piece in memory at a time."""
    most = min(most or PIECE_CHARS, nlp.max_length)
    if len(text) <= most:
        return nlp(text)
    docs = [nlp(piece) for piece in pieces(text, most)]
    return Doc.from_docs(docs, ensure_whitespace=False)
