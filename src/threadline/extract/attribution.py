"""Who states a fact: "X said", "according to X", "a source ... told Outlet".

The source is the subject of the nearest speech verb above the fact's anchor, or the
object of "according to" in its sentence. A source that is (or holds) a mention is
named; "a politician close to the groups", "Iraqi sources" are anonymous. With no
source in the sentence the outlet itself asserts the fact.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.modality import governing_chain
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, refers_to
from threadline.records import Attribution

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "state",
        "report",
        "announce",
        "claim",
        "confirm",
        "add",
        "note",
        "reveal",
        "accuse",
        "deny",
        "insist",
        "stress",
        "explain",
        "write",
        "allege",
        "assert",
        "disclose",
    }
)
MAX_SOURCE_TOKENS = 12


def _speech_verb(anchor: Token) -> Token | None:
    for token in governing_chain(anchor)[1:]:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_VERBS:
            return token
    return None


def _source_before(verb: Token) -> Token | None:
    """ "..., a source close to the group told X": the phrase between the last comma and
    a speech verb the parser left without a subject."""
    doc = verb.doc
    start = verb.i
    while start > verb.sent.start and doc[start - 1].text not in (",", "“", "”", '"'):
        start -= 1
    phrase = [t for t in doc[start : verb.i] if t.pos_ in ("NOUN", "PROPN", "PRON")]
    if not phrase:
        return None
    return min(phrase, key=lambda t: sum(1 for _ in t.ancestors))


def _according_to(anchor: Token) -> Token | None:
    for token in anchor.sent:
        if token.lower_ == "according":
            for prep in token.children:
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                if prep.lower_ == "to" and objects:
                    return objects[0]
    return None


def _source_text(source: Token) -> str:
    tokens = [t for t in source.subtree if not t.is_space]
    span = source.doc[tokens[0].i : tokens[-1].i + 1] if tokens else source.doc[source.i : source.i + 1]
    if len(span) > MAX_SOURCE_TOKENS:
        span = source.doc[span.start : span.start + MAX_SOURCE_TOKENS]
    return span.text.strip(" ,")


def _source_mention(ps: ParsedStory, source: Token) -> Token | None:
    """The source's own mention, a pronoun's referent, or a name inside the source's
    phrase ("the office of Prime Minister X"); never a name it merely follows."""
    if source.i in ps.mention_at or source.pos_ == "PRON":
        return refers_to(ps, source, ALL_TYPES)
    inside = [t for t in source.subtree if t.i in ps.mention_at]
    return inside[-1] if inside else None


def _via(ps: ParsedStory, verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("dative", "dobj") and (child.i in ps.mention_at or child.pos_ == "PROPN"):
            return child.text.strip("“”\"' ")
    return None


def attribution_of(ps: ParsedStory, anchor: Token) -> Attribution:
    """The source the sentence gives for the fact anchored on `anchor`."""
    verb = _speech_verb(anchor)
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    if not subjects and verb is not None and (before := _source_before(verb)) is not None:
        subjects = [before]
    source = subjects[0] if subjects else _according_to(anchor)
    if source is None:
        return Attribution()
    mention = _source_mention(ps, source)
    return Attribution(
        kind="named" if mention is not None else "anonymous",
        text=_source_text(source),
        mention_id=ps.mention_at[mention.i].id if mention is not None else None,
        via=_via(ps, verb) if verb is not None and verb.lemma_ == "tell" else None,
    )
