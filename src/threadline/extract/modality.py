"""How firmly a sentence states a fact: asserted, reported, claimed, possible, denied, negated ...

The scope of a fact is the word it hangs on (a trigger, a relation's cue) and the words
above it up to the sentence root (for a fact a noun phrase states, the noun alone: see
extract/relations), stopping where a modifier clause (relative clause,
apposition) joins a noun, since "Hamas, which is backed by Iran, denied the report"
does not deny the backing (a noun's content clause is no modifier: "denied reports that X
heads Y" denies it), and at a semicolon, which ends a statement. Cues count on those words and on their auxiliaries,
negations and adverbs (modality.yaml). A negated or denied fact is never "asserted".
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.vocabulary import ModalityCues
from threadline.records import Modality
from threadline.vocabulary import of_doc

CHILD_DEPS = frozenset({"neg", "aux", "auxpass", "advmod", "det", "prt", "amod", "npadvmod", "mark"})
SOURCE_DOUBTS = frozenset({"unverified", "unconfirmed", "unsubstantiated", "uncorroborated", "unsourced"})
STOP_DEPS = frozenset({"relcl", "acl", "appos", "amod", "compound"})
CONTENT_MARKS = frozenset({"that", "whether"})
CLAUSE_LINKS = frozenset({"ccomp", "conj", "parataxis", "advcl"})


def _across_semicolon(token: Token) -> bool:
    """A clause the parser hung on a clause past a semicolon: "a bomb exploded ...;
    no group claimed responsibility" are two statements."""
    if token.dep_ not in CLAUSE_LINKS:
        return False
    low, high = sorted((token.i, token.head.i))
    return any(t.text == ";" for t in token.doc[low:high])


def _content_clause(token: Token) -> bool:
    """ "reports that X heads Y", "the question whether ...": a clause that is what the
    noun says, not a modifier of it; the noun and what governs it bear on it."""
    return token.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ in CONTENT_MARKS for c in token.children)


def governing_chain(anchor: Token) -> list[Token]:
    """anchor and the words above it that decide how firmly it is stated."""
    chain = [anchor]
    token = anchor
    while token.head.i != token.i and token.dep_ not in STOP_DEPS and not _across_semicolon(token):
        token = token.head
        chain.append(token)
    return chain


def _modal_chain(anchor: Token) -> list[Token]:
    """The governing chain, carried on above a noun's content clause to the noun and
    what governs it ("denied reports that X heads Y")."""
    chain = governing_chain(anchor)
    while _content_clause(chain[-1]):
        chain += governing_chain(chain[-1].head)
    return chain


def _scope(anchor: Token, climb: bool = True) -> list[Token]:
    chain = _modal_chain(anchor) if climb else [anchor]
    scope = list(chain)
    for token in chain:
        scope += [c for c in token.children if c.dep_ in CHILD_DEPS and c not in scope]
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        scope += [d for s in subjects for d in s.children if d.dep_ == "det" and d.lower_ == "no"]
        if token is not anchor:  # a source the text doubts: "unverified posts claimed that ..."
            scope += [
                d for s in subjects for d in s.children if d.dep_ == "amod" and d.lower_ in SOURCE_DOUBTS
            ]
    return sorted(scope, key=lambda t: t.i)


def _adverbs_negations(scope: list[Token]) -> list[Token]:
    """The negation inside an adverb of the scope ("no" of "no longer"): it may start a
    phrase ("no longer"), though alone it says nothing of the fact ("not only")."""
    return [d for t in scope if t.dep_ == "advmod" for d in t.children if d.dep_ == "neg" and d not in scope]


def _phrase_hits(scope: list[Token], cues: ModalityCues) -> tuple[set[str], set[int]]:
    """Modalities whose phrases lie in scope, longest phrase first, and the tokens they
    use: "did not rule out" takes its words before "rule out" can. A phrase is tried only
    at the scope's words that can start it (its first word, as written or as lemma)."""
    hits: set[str] = set()
    used: set[int] = set()
    if not scope:
        return hits, used
    doc = scope[0].doc
    starting: dict[str, list[Token]] = {}
    for token in scope:
        for word in {token.lower_, token.lemma_.lower()}:
            starting.setdefault(word, []).append(token)
    for phrase, modality in _longest_first(cues):
        for token in starting.get(phrase[0], ()):
            span = doc[token.i : token.i + len(phrase)]
            if used.intersection(t.i for t in span):
                continue
            if phrase in (tuple(t.lower_ for t in span), tuple(t.lemma_.lower() for t in span)):
                hits.add(modality)
                used.update(t.i for t in span)
    return hits, used


def _longest_first(cues: ModalityCues) -> list[tuple[tuple[str, ...], str]]:
    return sorted(((p, m) for m, ps in cues.phrases.items() for p in ps), key=lambda pm: -len(pm[0]))


def modality_of(anchor: Token, cues: ModalityCues | None = None, *, climb: bool = True) -> Modality:
    """The modality of the fact anchored on this token; with `climb` False, of the words
    on the anchor alone (a fact a noun phrase states: "the alleged leader of Y, X")."""
    cues = cues or of_doc(anchor.doc).modality
    scope = _scope(anchor, climb)
    hits, used = _phrase_hits(scope + _adverbs_negations(scope), cues)
    for token in scope:
        if token.i in used or token.i == anchor.i:  # the anchor is the fact, not a cue about it
            continue
        for modality, words in cues.words.items():
            if token.lower_ in words or token.lemma_.lower() in words:
                hits.add(modality)
    for modality in cues.precedence:
        if modality in hits:
            return modality  # type: ignore[return-value]
    return "asserted"
