"""Pure helpers that cut untrusted text into pieces the templates escape one by one:
a story around its highlighted quote (search snippets are cut by query/snippets.py).
Nothing here builds HTML; the templates never mark any piece safe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from threadline.query.records import Span


@dataclass(frozen=True)
class Segment:
    kind: str  # "quote" (the sentence asked for), "span" (other cited evidence) or "text"
    text: str
    label: str | None = None


def story_segments(text: str, highlight: tuple[int, int] | None, spans: Sequence[Span]) -> list[Segment]:
    """The story's text in order, cut where the highlighted quote and cited spans begin and end;
    joined back, the pieces are the text exactly. A highlight outside the text is ignored."""
    size = len(text)
    if highlight is not None and not 0 <= highlight[0] < highlight[1] <= size:
        highlight = None
    cited = [(s.start, s.end, s.label) for s in spans if 0 <= s.start < s.end <= size]
    cuts = {0, size, *(p for s in cited for p in s[:2])}
    if highlight:
        cuts.update(highlight)
    points = sorted(cuts)
    pieces = []
    for start, end in pairwise(points):
        label = next((lab for a, b, lab in cited if a <= start and end <= b), None)
        inside = any(a <= start and end <= b for a, b, _ in cited)
        if highlight and highlight[0] <= start and end <= highlight[1]:
            kind = "quote"
        else:
            kind = "span" if inside else "text"
        pieces.append(Segment(kind, text[start:end], label))
    return _joined(pieces)


def _joined(pieces: list[Segment]) -> list[Segment]:
    """Neighbouring pieces of one kind as one (a quote cut by a span stays one <mark>)."""
    out: list[Segment] = []
    for piece in pieces:
        if out and out[-1].kind == piece.kind and piece.kind != "span":
            out[-1] = Segment(piece.kind, out[-1].text + piece.text, out[-1].label)
        else:
            out.append(piece)
    return out
