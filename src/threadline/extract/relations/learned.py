"""A learned relation family: a logistic model over the features of name pairs (pairs.py).

Patterns state what they were written for and nothing else; many sentences tie two names
together in ways no pattern lists ("Bely, Tver Oblast", "a hamlet in the town of X, Y
County"). The model scores every pair of names in a sentence and proposes a relation
where the probability of its best label passes the model's threshold. It was trained on
Re-DocRED documents 0-349 (training/relations.py) and kept because it wins on documents
it did not see; its proposals go through the same type checks, modality and evidence as
every pattern's, and a pattern's triple is never duplicated.

The model file (data/relation_model.json) holds the labels, the threshold, a bias per
label and each feature's weight per label.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from threadline.errors import DataFileError
from threadline.extract.parsed import ParsedStory
from threadline.extract.relations.candidate import Candidate
from threadline.extract.relations.containment import off_from
from threadline.extract.relations.pairs import Pair, sentence_pairs
from threadline.settings import DATA_DIR
from threadline.vocabulary import active, elsewhere

MODEL_FILE = "relation_model.json"
NONE = "none"
PATTERN = "learned"
ROLES = frozenset({"member_of", "leader_of"})
DATELINE = "DATELINE"  # Mention.label of what a wire dateline names (nlp.pipeline)
NEARNESS = frozenset(
    {"near", "outside", "off", "around", "beyond", "toward", "towards", "from", "between", "along"}
)


@dataclass(frozen=True, slots=True)
class RelationModel:
    labels: tuple[str, ...]  # NONE first
    bias: tuple[float, ...]
    weights: Mapping[str, Sequence[float]]
    threshold: float

    def probabilities(self, features: Iterable[str]) -> list[float]:
        scores = list(self.bias)
        for feature in features:
            for k, w in enumerate(self.weights.get(feature, ())):
                scores[k] += w
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        """The most likely relation label other than NONE, and its probability."""
        probs = self.probabilities(features)
        k = max(range(1, len(self.labels)), key=lambda j: probs[j])
        return self.labels[k], probs[k]

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(self.labels),
            "threshold": self.threshold,
            "bias": [round(b, 4) for b in self.bias],
            "weights": {f: [round(w, 4) for w in ws] for f, ws in sorted(self.weights.items())},
        }


def load_model(data_dir: Path | None = None) -> RelationModel | None:
    """The active vocabulary's relation_model (threadline.vocabulary); another folder's, read afresh."""
    return read_model(data_dir) if data_dir is not None and elsewhere(data_dir) else active().relation_model


def read_model(data_dir: Path = DATA_DIR) -> RelationModel | None:
    """The model of data_dir, or None when the folder has none (the family then proposes nothing)."""
    path = data_dir / MODEL_FILE
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        labels = tuple(str(x) for x in doc["labels"])
        model = RelationModel(labels, tuple(doc["bias"]), doc["weights"], float(doc["threshold"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataFileError(f"{path}: cannot load the relation model: {exc}") from exc
    if labels[0] != NONE or len(model.bias) != len(labels):
        raise DataFileError(f"{path}: labels must start with {NONE!r} and match the bias")
    return model


def _not_inside(pair: Pair) -> bool:
    """ "north of X in Y" (what lies north of X is in Y, not X), "a town near X", "from X":
    a place named after a preposition of nearness or direction contains nothing."""
    if off_from(pair.subject) or off_from(pair.object):
        return True
    near = [t.head for t in (pair.subject, pair.object) if t.dep_ == "pobj"]
    return any(p.lower_ in NEARNESS for p in near)


def fact_word(ps: ParsedStory, pair: Pair) -> Token:
    """The word the fact hangs on, where its modality is read. The word both names hang
    under, unless that word is itself a hedge or a denial ("X denied being a member of Y",
    "X is believed to lead Y"): a cue frames the fact below it, and is no fact itself (the
    anchor's own word is never read as a cue). The fact then hangs on the cue's child on
    the way to the object."""
    top = pair.anchor
    cues = ps.vocabulary.modality.words
    if not any(top.lemma_.lower() in words or top.lower_ in words for words in cues.values()):
        return top
    below = None
    for token in (pair.object, *pair.object.ancestors):
        if token.i == top.i:
            return below if below is not None else top
        below = token
    return top


def _credit_line(ps: ParsedStory, pair: Pair) -> bool:
    """A wire agency named in the dateline ("GAO, Mali (Reuters) -") relates to nothing."""
    return any(
        ps.mention_at[t.i].label == DATELINE
        for t in (pair.subject, pair.object)
        if ps.type_of(t) == "organization"
    )


def find(ps: ParsedStory) -> list[Candidate]:
    """Every relation the model is confident a sentence states between two of its names."""
    model = ps.vocabulary.relation_model
    if model is None:
        return []
    found = []
    for pair in sentence_pairs(ps):
        label, probability = model.best(pair.features)
        if _credit_line(ps, pair):
            continue
        if label == "located_in" and _not_inside(pair):
            continue
        if label in ROLES and ps.type_of(pair.object) != "organization":
            continue  # who serves a state takes a title that says so: the role patterns' part
        if probability >= model.threshold:
            found.append(Candidate(pair.subject, label, pair.object, fact_word(ps, pair), PATTERN))
    return found
