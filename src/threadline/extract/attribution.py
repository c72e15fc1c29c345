"""Who states a fact: "X said", "according to X", "a source ... told Outlet".

The source is the subject of the nearest speech verb above the fact's anchor (or of a
trailing "..., X reported"), or the object of "according to" in its sentence. A source
that is (or holds) a mention is named; "a politician close to the groups", "Iraqi
sources" are anonymous. With no source in the sentence the outlet itself asserts the
fact. `via` is the outlet the source spoke through: "told Asharq Al-Awsat", "in an
interview with X", "speaking to X", "sources quoted by X", "a source who spoke to X",
"X quoted S as saying"; and "X reported, citing a security source" makes the security
source the (anonymous) source and X the outlet it came through.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import DEFINITE, antecedent
from threadline.extract.modality import governing_chain
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, refers_to
from threadline.records import Attribution
from threadline.vocabulary import of_doc

MAX_SOURCE_TOKENS = 12
QUOTING_VERBS = frozenset({"quote", "cite"})
SPEAKING_VERBS = frozenset({"speak", "talk"})
INTERVIEW_NOUNS = frozenset({"interview", "remarks", "comments", "statement", "statements", "conversation"})


def _speech_verb(anchor: Token) -> Token | None:
    for token in governing_chain(anchor)[1:]:
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in of_doc(anchor.doc).modality.speech_verbs:
            return token
    return _trailing_speech_verb(anchor)


def _trailing_speech_verb(anchor: Token) -> Token | None:
    """ "X attacked the base, Al-Sabah reported": a speech verb with a subject and no
    complement, after a comma, that the parser joined to the fact as a conjunct."""
    for token in governing_chain(anchor):
        for verb in token.children:
            if verb.dep_ not in ("conj", "parataxis") or verb.i < anchor.i or verb.i == 0:
                continue
            if (
                verb.lemma_.lower() not in of_doc(anchor.doc).modality.speech_verbs
                or verb.doc[verb.i - 1].dep_ == "cc"
            ):
                continue
            subject = any(c.dep_ == "nsubj" for c in verb.children)
            after_comma = any(t.text == "," for t in verb.doc[max(verb.i - 4, 0) : verb.i])
            if subject and after_comma and not any(c.dep_ == "ccomp" for c in verb.children):
                return verb
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
    outside = _outside(source)
    tokens = [t for t in source.subtree if not t.is_space and t.i not in outside]
    tokens = [t for t in tokens if not outside or t.i < min(outside)]
    span = source.doc[tokens[0].i : tokens[-1].i + 1] if tokens else source.doc[source.i : source.i + 1]
    if len(span) > MAX_SOURCE_TOKENS:
        span = source.doc[span.start : span.start + MAX_SOURCE_TOKENS]
    return span.text.strip(" ,")


def _outside(source: Token) -> set[int]:
    """Tokens of the source's phrase that name the outlet, not the source: "sources
    quoted by X", "a source who spoke to X"."""
    found: set[int] = set()
    for child in source.children:
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in QUOTING_VERBS | SPEAKING_VERBS:
            found |= {t.i for t in child.subtree}
    return found


def _source_mention(ps: ParsedStory, source: Token) -> Token | None:
    """The source's own mention, a pronoun's referent, or a name inside the source's
    phrase ("the office of Prime Minister X", "the news agency X"); never a name it
    merely follows, nor the outlet it spoke to."""
    if source.i in ps.mention_at or source.pos_ == "PRON":
        return refers_to(ps, source, ALL_TYPES)
    if _group_anaphor(source):  # "..., the movement said"
        return antecedent(ps, source, ("organization",))
    outside = _outside(source)
    inside = [t for t in source.subtree if t.i in ps.mention_at and t.i not in outside]
    if inside:
        return inside[-1]
    doc = source.doc
    after = doc[source.i + 1] if source.i + 1 < len(doc) else None  # "the agency SANA", parsed apart
    named = (
        after is not None
        and after.i in ps.mention_at
        and source.lemma_.lower() in ps.vocabulary.roles.media_nouns
    )
    return after if named else None


def _group_anaphor(noun: Token) -> bool:
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
    return definite and noun.tag_ == "NN" and noun.lemma_.lower() in of_doc(noun.doc).roles.group_nouns


def _outlet_text(ps: ParsedStory, token: Token) -> str | None:
    """How an outlet is named: its mention, a proper name, or "the agency"."""
    if token.i in ps.mention_at or token.pos_ == "PROPN":
        return token.text.strip("“”\"' ")
    if token.lemma_.lower() in ps.vocabulary.roles.media_nouns:
        return _source_text(token)
    return None


def _spoken_to(token: Token) -> Token | None:
    """ "told X", "speaking to X", "in an interview with X", "quoted by X", "who spoke to X"."""
    for child in token.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("dative", "dobj") and token.lemma_ == "tell":
            return child
        if child.dep_ in ("advcl", "acl", "relcl", "xcomp") and lemma in SPEAKING_VERBS | QUOTING_VERBS:
            found = [g for p in child.children if p.lower_ in ("to", "with", "by") for g in p.children]
            if found:
                return found[0]
        if child.dep_ == "prep" and child.lower_ == "in":
            nouns = [g for g in child.children if g.lemma_.lower() in INTERVIEW_NOUNS]
            found = [o for n in nouns for p in n.children if p.lower_ in ("with", "to") for o in p.children]
            if found:
                return found[0]
    return None


def _via(ps: ParsedStory, verb: Token | None, source: Token) -> str | None:
    for token in (verb, source):
        told = _spoken_to(token) if token is not None else None
        text = _outlet_text(ps, told) if told is not None else None
        if text:
            return text
    return None


def _cited(verb: Token | None, anchor: Token) -> Token | None:
    """ "..., citing a security source", "X quoted Y as saying": the source cited."""
    if verb is not None and verb.lemma_.lower() in QUOTING_VERBS:
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    for token in [verb, *governing_chain(anchor)] if verb is not None else governing_chain(anchor):
        for child in token.children:
            if child.dep_ in ("advcl", "xcomp", "acl") and child.lemma_.lower() in QUOTING_VERBS:
                cited = next((c for c in child.children if c.dep_ == "dobj"), None)
                if cited is not None:
                    return cited
    return None


def _source(ps: ParsedStory, anchor: Token) -> tuple[Token | None, Token | None]:
    """The source's word and the speech verb it is the subject of (None for "according to")."""
    verb = _speech_verb(anchor)
    if verb is None and (found := _quoting_verb(anchor)) is not None:
        verb = found
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")] if verb is not None else []
    if not subjects and verb is not None and (before := _source_before(verb)) is not None:
        subjects = [before]
    if not subjects:
        return _according_to(anchor), None
    return min(subjects, key=lambda s: abs(s.i - verb.i) if verb is not None else 0), verb


def _quoting_verb(anchor: Token) -> Token | None:
    """ "X attacked the base, Al-Sabah quoted Y as saying"."""
    for token in governing_chain(anchor):
        for verb in token.children:
            if (
                verb.dep_ in ("conj", "parataxis")
                and verb.lemma_.lower() in QUOTING_VERBS
                and verb.i > anchor.i
            ):
                return verb
    return None


def attribution_of(ps: ParsedStory, anchor: Token) -> Attribution:
    """The source the sentence gives for the fact anchored on `anchor`, and the outlet
    it spoke through."""
    source, verb = _source(ps, anchor)
    if source is None:
        return Attribution()
    via = _via(ps, verb, source)
    cited = _cited(verb, anchor)
    if cited is not None:  # the speaker or "according to" object is the outlet that cites
        via, source = _outlet_text(ps, source) or via, cited
    mention = _source_mention(ps, source)
    text = _source_text(source)
    if (
        mention is not None and mention.i == source.i + 1 and mention not in source.subtree
    ):  # "the agency SANA"
        text = f"{text} {mention.text}"
    return Attribution(
        kind="named" if mention is not None else "anonymous",
        text=text,
        mention_id=ps.mention_at[mention.i].id if mention is not None else None,
        via=via,
    )
