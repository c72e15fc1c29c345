"""Train the learned relation family (src/threadline/extract/relations/learned.py).

    python training/relations.py [--train 0:350] [--validate 280:350] [--out FILE]

Examples are the ordered pairs of names that share a sentence, read by threadline's own
pipeline (so the features are those extraction will see), in two kinds of text:
- Re-DocRED dev documents (../shared/corpora/redocred-dev, MIT licence): a pair whose two
  names are both named in the gold takes the gold's predicate when the gold relation
  cites that sentence (or cites none), "none" when the gold relates them in no direction;
  other pairs are left out;
- the dev parts of the news corpora (evaluation/splits.toml; their held-out parts are
  never read): a pair of two gold entities takes the gold's predicate when the gold
  states it, else "none". News narrates events across borders where an encyclopaedia
  defines things in their place, so these examples weigh NEWS_WEIGHT times more.
The model is a multinomial logistic regression (L2, fitted by L-BFGS).

The threshold is chosen on the validation documents (trained without them): the lowest
that keeps the model's own proposals at PRECISION_FLOOR; then the model is trained again
on all training documents with that threshold and written. Documents 350-499 are never
read here: they are the held-out part (evaluation/splits.toml).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import numpy as np
from scipy import optimize, sparse

from threadline.extract import parse
from threadline.extract.relations.learned import MODEL_FILE, NONE, RelationModel
from threadline.extract.relations.pairs import Pair, sentence_pairs
from threadline.ingest import read_inputs, split_document
from threadline.nlp.pipeline import build_pipeline, mentions_of, parse_stories
from threadline.records import Block, Document, Story
from threadline.settings import DATA_DIR, Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LABELS = (NONE, "located_in", "part_of", "member_of", "leader_of")
PRECISION_FLOOR = 0.65
L2 = 3.0  # chosen on the validation documents among 0.3, 1, 3, 10, 30
NEWS_WEIGHT = 5.0
MIN_WEIGHT = 1e-3


def redocred() -> ModuleType:
    return _load(SHARED / "eval" / "redocred.py")


def _story(index: int, document: dict) -> tuple[Story, list[tuple[int, int]]]:
    """The document as one story, and each gold sentence's character span in its text."""
    spans, parts, offset = [], [], 0
    for sentence in document["sents"]:
        text = " ".join(sentence)
        spans.append((offset, offset + len(text)))
        parts.append(text)
        offset += len(text) + 1
    text = " ".join(parts)
    story = Story(f"d-{index}", f"redocred-dev-{index:03d}", 0, text, (Block(0, len(text), "body"),))
    return story, spans


def _gold(rd: ModuleType, document: dict) -> dict[tuple[int, int], list[tuple[str, set[int]]]]:
    """(head vertex, tail vertex) -> [(predicate, evidence sentences)], in threadline's direction."""
    found: dict[tuple[int, int], list[tuple[str, set[int]]]] = {}
    for label in document["labels"]:
        if label["r"] not in rd.REL:
            continue
        predicate, swap = rd.REL[label["r"]]
        key = (label["t"], label["h"]) if swap else (label["h"], label["t"])
        found.setdefault(key, []).append((predicate, set(label.get("evidence") or ())))
    return found


def _label(a: int | None, b: int | None, gold: dict, sentence: int) -> str | None:
    """The gold label of the pair of vertices (a, b) in this sentence; None when unknown:
    a name the gold does not know, or a relation the gold states from other sentences."""
    if a is None or b is None or a == b:
        return None
    stated = [p for p, evidence in gold.get((a, b), []) if not evidence or sentence in evidence]
    if stated:
        return stated[0]
    return None if gold.get((a, b)) else NONE


def examples(rd: ModuleType, docs: Sequence[dict], indexes: range) -> Iterator[tuple[int, Pair, str | None]]:
    """(document index, pair, label or None when unknown) for every pair of the documents."""
    nlp = build_pipeline(Settings())
    stories = {i: _story(i, docs[i]) for i in indexes}
    for doc, _, story in parse_stories(nlp, [s for s, _ in stories.values()]):
        index = int(story.source.rsplit("-", 1)[1])
        spans = stories[index][1]
        ps = parse(doc, story, mentions_of(doc, story))
        vertex: dict[str, int] = {}
        for j, mentions in enumerate(docs[index]["vertexSet"]):
            for m in mentions:
                vertex.setdefault(rd.norm(m["name"]), j)
        gold = _gold(rd, docs[index])
        for pair in sentence_pairs(ps):
            start = pair.subject.idx
            sentence = next((k for k, (s, e) in enumerate(spans) if s <= start < e), -1)
            a, b = (vertex.get(rd.norm(t.text)) for t in (pair.subject, pair.object))
            yield index, pair, _label(a, b, gold, sentence)


def _load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path} is absent")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _news_gold(
    gold: dict, norm: Callable[[str], str]
) -> tuple[dict[str, str], dict[tuple[str, str], set[str]]]:
    """Gold entity by normalised name, and the gold predicates between two gold entities."""
    entity = {norm(n): e["id"] for e in gold.get("entity", []) for n in e["names"] if norm(n)}
    related: dict[tuple[str, str], set[str]] = {}
    for r in gold.get("relation", []):
        related.setdefault((r["subject"], r["object"]), set()).add(r["predicate"])
    return entity, related


def _news_label(a: str | None, b: str | None, related: dict[tuple[str, str], set[str]]) -> str | None:
    if a is None or b is None or a == b:
        return None
    stated = related.get((a, b), set())
    known = [p for p in LABELS if p in stated]
    if known:
        return known[0]
    return None if stated or related.get((b, a)) else NONE


def news_examples() -> Iterator[tuple[Pair, str | None]]:
    """(pair, label) for the dev parts of the news corpora."""
    sys.path.insert(0, str(REPO))
    from evaluation.subset import held_out_files

    scorer = _load(SHARED / "eval" / "score.py")
    splits = tomllib.loads((REPO / "evaluation" / "splits.toml").read_text(encoding="utf-8"))
    nlp = build_pipeline(Settings())
    for spec in splits["corpus"].values():
        gold = tomllib.loads((SHARED / spec["gold"]).read_text(encoding="utf-8"))
        held = held_out_files(gold, spec.get("held_out", ()), spec.get("held_out_every"))
        entity, related = _news_gold(gold, scorer.norm_name)
        documents = [d for d in read_inputs([str(SHARED / spec["input"])]) if isinstance(d, Document)]
        stories = [s for d in documents if d.source not in held for s in split_document(d)]
        for doc, _, story in parse_stories(nlp, stories):
            ps = parse(doc, story, mentions_of(doc, story))
            for pair in sentence_pairs(ps):
                a, b = (entity.get(scorer.norm_name(t.text)) for t in (pair.subject, pair.object))
                yield pair, _news_label(a, b, related)


def fit(rows: Sequence[tuple[Sequence[str], str, float]]) -> RelationModel:
    """Multinomial logistic regression with L2, by L-BFGS; each row with its weight."""
    index: dict[str, int] = {}
    for features, _, _ in rows:
        for f in features:
            index.setdefault(f, len(index))
    data: list[float] = []
    cols: list[int] = []
    ptr = [0]
    for features, _, _ in rows:
        ids = sorted({index[f] for f in features})
        cols += ids
        data += [1.0] * len(ids)
        ptr.append(len(cols))
    x = sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(index)))
    y = np.array([LABELS.index(label) for _, label, _ in rows])
    weight = np.array([w for _, _, w in rows])[:, None]
    n_features, n_labels = len(index), len(LABELS)
    onehot = np.eye(n_labels)[y] * weight

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: n_features * n_labels].reshape(n_features, n_labels)
        b = theta[n_features * n_labels :]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        logp = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        value = -(onehot * logp).sum() + L2 / 2 * (w**2).sum()
        diff = np.exp(logp) * weight - onehot
        grad_w = x.T @ diff + L2 * w
        return value, np.concatenate([grad_w.ravel(), diff.sum(axis=0)])

    theta0 = np.zeros(n_features * n_labels + n_labels)
    result = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 300})
    w = result.x[: n_features * n_labels].reshape(n_features, n_labels)
    b = result.x[n_features * n_labels :]
    weights = {f: tuple(float(v) for v in w[i]) for f, i in index.items() if np.abs(w[i]).max() >= MIN_WEIGHT}
    return RelationModel(LABELS, tuple(float(v) for v in b), weights, 0.5)


def choose_threshold(model: RelationModel, rows: Sequence[tuple[Sequence[str], str | None]]) -> float:
    """The lowest threshold at which the model's proposals on `rows` reach PRECISION_FLOOR
    (a proposal on a pair the gold does not know counts as wrong)."""
    scored = sorted(((*model.best(f), label) for f, label in rows), key=lambda s: -s[1])
    best, correct = 0.99, 0
    for k, (predicted, probability, label) in enumerate(scored, 1):
        correct += predicted == label
        if correct / k >= PRECISION_FLOOR:
            best = probability
    return max(best, 0.5)


def report(model: RelationModel, rows: Sequence[tuple[Sequence[str], str | None]], name: str) -> None:
    proposed = [(model.best(f), label) for f, label in rows]
    kept = [(p, label) for (p, probability), label in proposed if probability >= model.threshold]
    correct = sum(p == label for p, label in kept)
    relevant = sum(1 for _, label in rows if label not in (None, NONE))
    print(f"{name}: {len(kept)} proposed, {correct} right, {relevant} gold pairs in one sentence", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", default="0:350")
    parser.add_argument("--validate", default="280:350")
    parser.add_argument("--out", type=Path, default=DATA_DIR / MODEL_FILE)
    args = parser.parse_args(argv)
    rd = redocred()
    docs = rd.docs()
    train = range(*map(int, args.train.split(":")))
    validate = range(*map(int, args.validate.split(":")))
    if max(train) >= 350 or max(validate) >= 350:
        raise SystemExit("documents 350-499 are held out: train and validate below 350")
    rows = [(i, p.features, label) for i, p, label in examples(rd, docs, train)]
    news = [(p.features, label, NEWS_WEIGHT) for p, label in news_examples() if label is not None]
    fitting = [(f, label, 1.0) for i, f, label in rows if i not in validate and label is not None]
    checking = [(f, label) for i, f, label in rows if i in validate]
    model = fit(fitting + news)
    threshold = choose_threshold(model, checking)
    report(RelationModel(model.labels, model.bias, model.weights, threshold), checking, "validation")
    final = fit([(f, label, 1.0) for _, f, label in rows if label is not None] + news)
    final = RelationModel(final.labels, final.bias, final.weights, threshold)
    args.out.write_text(json.dumps(final.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"threshold {threshold:.3f}, {len(final.weights)} features -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
