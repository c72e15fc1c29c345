"""Pronouns and "the group": the mention they refer to, only when the text leaves one reading.

A referent is looked for among the mentions of a compatible type in the anaphor's own
sentence (before it) and the two sentences before. It is taken when every candidate
names the same thing ("Qais Al-Khazali" ... "Al-Khazali"), or else when the most recent
sentence holding a candidate has it in its grammatical subject (the topic carries on).
A pronoun that opens a sentence as its subject first follows the chain of subjects back
("X is a village in Y. It lies on the Z river. It has a school."): the sentences before
it whose subject is the same kind of pronoun pass the topic on, and the first whose
subject is a name gives it.

Otherwise there is no referent and the pattern that needed one yields nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from threadline.extract.parsed import ParsedStory

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"it", "its", "itself", "they", "them", "their", "theirs"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs"})
DEFINITE = frozenset({"the", "this", "that"})
WINDOW = 2  # sentences before the anaphor's own
TOPIC_SENTENCES = 6  # sentences a chain of pronoun subjects may pass a topic on


def pronoun_types(token: Token) -> tuple[str, ...]:
    """The mention types a pronoun can stand for; empty when it is no pronoun we resolve."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        return ("person",)
    if lower in PLURAL_PRONOUNS:
        return ("organization",)
    if lower in GROUP_PRONOUNS:
        return ("organization", "location")
    return ()


def _main_subject(sent: Span) -> Token | None:
    return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"), None)


def topic(ps: ParsedStory, token: Token, types: tuple[str, ...]) -> Token | None:
    """The name a sentence-subject pronoun continues: back through sentences whose subject
    is a pronoun of its kind, to the first whose subject is a name of the wanted types."""
    if token.dep_ not in ("nsubj", "nsubjpass") or token.head.dep_ != "ROOT":
        return None
    kinds = set(pronoun_types(token))
    sent, doc = token.sent, token.doc
    for _ in range(TOPIC_SENTENCES):
        if sent.start == 0:
            return None
        sent = doc[sent.start - 1].sent
        subject = _main_subject(sent)
        if subject is None:
            return None
        if ps.type_of(subject) is not None:
            return subject if ps.type_of(subject) in types else None
        if not kinds & set(pronoun_types(subject)):
            return None
    return None


def _sentences_before(token: Token) -> list[Span]:
    sents = []
    sent = token.sent
    doc = token.doc
    for _ in range(WINDOW + 1):
        sents.append(sent)
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return sents


def _name_key(text: str) -> tuple[str, ...]:
    words = text.lower().replace("’", "'").replace("-", " ").split()
    return tuple(w for w in words if w not in ("the", "al", "el", "mr", "sheikh"))


def same_name(a: str, b: str) -> bool:
    """Whether two names plausibly name one thing: equal, one ends the other, or an acronym."""
    ka, kb = _name_key(a), _name_key(b)
    if not ka or not kb:
        return False
    short, long = sorted((ka, kb), key=len)
    if long[-len(short) :] == short or long[: len(short)] == short:
        return True
    return len(short) == 1 and short[0] == "".join(w[0] for w in long if w)


def _subject_mentions(ps: ParsedStory, sent: Span, before: int) -> set[int]:
    """Mentions that are the main clause's subject, or name it ("The X group is ..."); in
    reported speech, the reported clause's ("X is not part of Y, its spokesman said")."""
    found: set[int] = set()
    for token in sent:
        main_clause = token.head.dep_ == "ROOT" or (
            token.head.dep_ == "ccomp" and token.head.head.dep_ == "ROOT"
        )
        if token.i < before and token.dep_ in ("nsubj", "nsubjpass") and main_clause:
            names = [token] + [c for c in token.children if c.dep_ in ("compound", "nmod", "appos", "poss")]
            found.update(t.i for t in names if t.i in ps.mention_at)
    return found


def described_as(ps: ParsedStory, mention: Token, noun: Token) -> bool:
    """Whether a name can be called "the <noun>": a generic noun, the noun in the name,
    or the noun next to the name ("the X group", "X, a militia")."""
    lemma = noun.lemma_.lower()
    roles = ps.vocabulary.roles
    if lemma not in roles.group_nouns or lemma in roles.generic_group_nouns or noun.pos_ == "PRON":
        return True
    if lemma in mention.lower_ or noun.lower_ in mention.lower_:
        return True
    doc = ps.doc
    near = doc[max(0, mention.i - 3) : mention.i + 4]
    return any(t.lemma_.lower() == lemma for t in near)


def antecedent(ps: ParsedStory, token: Token, types: tuple[str, ...]) -> Token | None:
    """The mention token `token` refers back to, or None when it is not clear."""
    if pronoun_types(token):
        continued = topic(ps, token, types)
        if continued is not None:
            return continued
    ordered: list[tuple[Span, list[Token]]] = []
    for sent in _sentences_before(token):
        found = [
            t
            for t in sent
            if t.i < token.i and ps.type_of(t) in types and t.i != token.i and described_as(ps, t, token)
        ]
        if found:
            ordered.append((sent, found))
    if not ordered:
        return None
    candidates = [t for _, found in ordered for t in found]
    nearest = max(candidates, key=lambda t: t.i)
    own = ordered[0][1] if ordered[0][0].start == token.sent.start else []
    if own and all(same_name(t.text, nearest.text) for t in own) and token.lower_ not in PLURAL_PRONOUNS:
        return nearest  # named earlier in the anaphor's own sentence
    plural = token.lower_ in PLURAL_PRONOUNS  # "they" is as often the people as a group
    if not plural and all(same_name(t.text, nearest.text) for t in candidates):
        return nearest
    sent, found = ordered[0]
    subjects = _subject_mentions(ps, sent, token.i)
    in_subject = [t for t in found if t.i in subjects]
    return in_subject[0] if len({t.text for t in in_subject}) == 1 else None
