"""Mention-level scores: gold name spans against predicted mentions, threadline beside the raw model.

A span is (document key, zone, start, end, type), offsets into the document's text (zone
"body") or its title (zone "title"). Scores:

- exact: CoNLL-style precision / recall / F1, span and type both right;
- recall: the share of gold spans a predicted mention of the same type overlaps (the
  harness's `mentions.recall`), and `found` the share any mention overlaps, whatever its type;
- precision_overlap: the share of predicted mentions that overlap a gold span of their type.

`losses` lists the gold spans the raw model had (overlap, right type) and threadline did
not, each with what threadline had there instead: the cases task 1 of issue 8 is about.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Key = tuple[str, str]  # document key, zone


@dataclass(frozen=True, slots=True)
class Span:
    doc: str
    zone: str
    start: int
    end: int
    type: str
    text: str = ""

    @property
    def key(self) -> Key:
        return self.doc, self.zone

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def _by_key(spans: Iterable[Span]) -> dict[Key, list[Span]]:
    grouped: dict[Key, list[Span]] = defaultdict(list)
    for span in spans:
        grouped[span.key].append(span)
    return grouped


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def score(gold: Sequence[Span], predicted: Sequence[Span]) -> dict[str, float]:
    exact_gold = {(g.key, g.start, g.end, g.type) for g in gold}
    exact_pred = {(p.key, p.start, p.end, p.type) for p in predicted}
    hits = len(exact_gold & exact_pred)
    precision, recall = _ratio(hits, len(exact_pred)), _ratio(hits, len(exact_gold))
    f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
    by_pred, by_gold = _by_key(predicted), _by_key(gold)
    typed = sum(1 for g in gold if any(p.overlaps(g) and p.type == g.type for p in by_pred[g.key]))
    found = sum(1 for g in gold if any(p.overlaps(g) for p in by_pred[g.key]))
    right = sum(1 for p in predicted if any(g.overlaps(p) and g.type == p.type for g in by_gold[p.key]))
    return {
        "exact.precision": precision,
        "exact.recall": recall,
        "exact.f1": f1,
        "recall": _ratio(typed, len(gold)),
        "found": _ratio(found, len(gold)),
        "precision_overlap": _ratio(right, len(predicted)),
        "gold": len(gold),
        "predicted": len(predicted),
    }


def _typed_hit(gold: Span, spans: Sequence[Span]) -> bool:
    return any(p.overlaps(gold) and p.type == gold.type for p in spans)


def losses(gold: Sequence[Span], ours: Sequence[Span], raw: Sequence[Span]) -> list[tuple[Span, list[Span]]]:
    """Gold spans the raw model found with the right type and threadline did not, with
    threadline's mentions there (empty: dropped)."""
    by_ours, by_raw = _by_key(ours), _by_key(raw)
    lost = []
    for g in gold:
        if _typed_hit(g, by_raw[g.key]) and not _typed_hit(g, by_ours[g.key]):
            lost.append((g, [p for p in by_ours[g.key] if p.overlaps(g)]))
    return lost


def loss_kinds(lost: Sequence[tuple[Span, list[Span]]]) -> Counter[str]:
    """How threadline lost each: dropped, or typed as another type."""
    kinds: Counter[str] = Counter()
    for g, there in lost:
        kinds[f"{g.type} -> {there[0].type}" if there else f"{g.type} dropped"] += 1
    return kinds


def table(rows: dict[str, dict[str, float]]) -> str:
    names = list(rows)
    metrics = list(next(iter(rows.values())))
    lines = [f"{'metric':20s}" + "".join(f"{n:>14s}" for n in names)]
    for metric in metrics:
        cells = [rows[n][metric] for n in names]
        lines.append(
            f"{metric:20s}" + "".join(f"{c:>14.4f}" if isinstance(c, float) else f"{c:>14}" for c in cells)
        )
    return "\n".join(lines)
