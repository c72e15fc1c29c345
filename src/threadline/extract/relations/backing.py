"""Backing and alliance stated by active verbs, read off the dependency parse.

  verb    "Iran funds Y", "Rwanda has armed and trained Y", "Iran continues to arm Y"
          (Y backed_by the subject; the passive "Y, backed by Iran" is modifiers.py's)
  supply  "Y receives money and weapons from Iran", "Iran supplies drones to Y", "Iran
          provides Y with weapons" (Y backed_by Iran): money, arms or training, given
  pact    "X formed an alliance with Y", "X and Y signed a pact", "the alliance between X
          and Y" (allied_with; one that collapsed or was ended is former)

The verbs and nouns are relation_cues.yaml's `backing_verbs`, `receiving_verbs`,
`giving_verbs`, `support_nouns`, `pact_verbs`, `pact_nouns` and `ending_verbs`. The
backer is the verb's own subject: in "Kenya accused Rwanda of arming Y" nobody is the
subject of "arming", so nothing is stated; a denial, a negation or a plan ("Rwanda
denied arming Y", "could fund Y") sets the fact's modality as for every family. The
backed party must be a named organization: "Iran trains its fighters" states nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import refers_to
from threadline.extract.relations.candidate import Candidate

BACKERS = ("organization", "location")
GROUPS = ("organization",)
PASSIVE = frozenset({"nsubjpass", "auxpass"})


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _active_subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject of an active verb, through "and" and "to" ("Iran continues to arm Y",
    "Rwanda armed and trained Y"); a passive verb has none."""
    if any(c.dep_ in PASSIVE for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None or depth > 3:
        return subject
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _active_subject(verb.head, depth + 1)
    return None


def _objects(verb: Token) -> list[Token]:
    """The verb's objects, and the shared one of "armed and trained Y"."""
    found = [c for c in verb.children if c.dep_ == "dobj"]
    if not found:
        for conj in (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            found = [c for c in conj.children if c.dep_ == "dobj"]
            if found:
                break
    return [t for first in found for t in (first, *first.conjuncts)]


def _backings(ps: ParsedStory, verb: Token) -> Iterator[Candidate]:
    subject = _active_subject(verb)
    backer = refers_to(ps, subject, BACKERS) if subject is not None else None
    if backer is None:
        return
    for obj in _objects(verb):
        backed = refers_to(ps, obj, GROUPS)
        if backed is not None and backed.i != backer.i:
            yield Candidate(backed, "backed_by", backer, verb, f"backing.{_lemma(verb)}")


def _support(ps: ParsedStory, verb: Token) -> list[Token]:
    """What a verb gives or receives, where it is money, arms or training: "money and weapons"."""
    nouns = ps.vocabulary.relation_cues.support_nouns
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
    withs = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.children]
    return [t for t in (*objects, *withs) if t.lemma_.lower() in nouns or t.lower_ in nouns]


def _preposition_objects(verb: Token, support: list[Token], word: str) -> list[Token]:
    """The objects of `word` ("from", "to") on the verb or on what it moves."""
    preps = [c for t in (verb, *support) for c in t.children if c.dep_ == "prep" and c.lower_ == word]
    return [o for p in preps for o in p.children if o.dep_ == "pobj"]


def _supplies(ps: ParsedStory, verb: Token, support: list[Token]) -> Iterator[tuple[Token, Token]]:
    """(backed, backer) of "Y receives weapons from Z" and "Z supplies weapons to Y"."""
    subject = _active_subject(verb)
    if subject is None:
        return
    if verb.lemma_.lower() in ps.vocabulary.relation_cues.receiving_verbs:
        yield from ((subject, b) for b in _preposition_objects(verb, support, "from"))
    else:
        receivers = _preposition_objects(verb, support, "to")
        receivers += [c for c in verb.children if c.dep_ in ("dative", "dobj") and c not in support]
        yield from ((r, subject) for r in receivers)


def _given(ps: ParsedStory, verb: Token) -> Iterator[Candidate]:
    """The fact hangs on what is given, so that "no support" negates it."""
    support = _support(ps, verb)
    for backed_word, backer_word in _supplies(ps, verb, support) if support else ():
        backed, backer = refers_to(ps, backed_word, GROUPS), refers_to(ps, backer_word, BACKERS)
        if backed is not None and backer is not None and backed.i != backer.i:
            yield Candidate(backed, "backed_by", backer, support[0], f"backing.{_lemma(verb)}")


def _pact_noun(ps: ParsedStory, verb: Token) -> Token | None:
    nouns = ps.vocabulary.relation_cues.pact_nouns
    return next((c for c in verb.children if c.dep_ == "dobj" and _lemma(c) in nouns), None)


def _partners(ps: ParsedStory, verb: Token, noun: Token) -> list[Token]:
    """Who the pact is with: "an alliance with Y", "signed a pact with Y"."""
    withs = [c for t in (noun, verb) for c in t.children if c.dep_ == "prep" and c.lower_ == "with"]
    objs = [o for w in withs for o in w.children if o.dep_ == "pobj"]
    found = [refers_to(ps, t, BACKERS) for o in objs for t in (o, *o.conjuncts)]
    return [t for t in found if t is not None]


def _pacts(ps: ParsedStory, verb: Token) -> Iterator[Candidate]:
    noun = _pact_noun(ps, verb)
    subject = _active_subject(verb) if noun is not None else None
    if noun is None or subject is None:
        return
    parties = [p for t in (subject, *subject.conjuncts) if (p := refers_to(ps, t, GROUPS)) is not None]
    partners = _partners(ps, verb, noun)
    pairs = [(a, b) for a in parties for b in partners] or list(pairwise(parties))
    for a, b in pairs:
        if a.i != b.i:
            yield Candidate(a, "allied_with", b, noun, f"pact.{_lemma(noun)}")


def _pact_between(ps: ParsedStory, noun: Token) -> Iterator[Candidate]:
    """ "the alliance between X and Y has held": allied; one that "collapsed" or that
    someone "ended" is held no longer (relation_cues.yaml `ending_verbs`)."""
    between = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "between" for o in p.children]
    first = next((o for o in between if o.dep_ == "pobj"), None)
    named = (first, *first.conjuncts) if first is not None else ()
    parties = [g for t in named if (g := refers_to(ps, t, GROUPS)) is not None]
    ended = noun.head.lemma_.lower() in ps.vocabulary.relation_cues.ending_verbs
    for a, b in pairwise(parties):
        if a.i != b.i:
            yield Candidate(a, "allied_with", b, noun, f"pact.{_lemma(noun)}_between", former=ended)


def find(ps: ParsedStory) -> list[Candidate]:
    """Every backed_by / allied_with candidate an active verb states."""
    cues = ps.vocabulary.relation_cues
    found: list[Candidate] = []
    for verb in ps.doc:
        if verb.pos_ != "VERB":
            continue
        if _lemma(verb) in cues.backing_verbs:
            found += _backings(ps, verb)
        if _lemma(verb) in cues.receiving_verbs | cues.giving_verbs:
            found += _given(ps, verb)
        if _lemma(verb) in cues.pact_verbs:
            found += _pacts(ps, verb)
    for noun in ps.doc:
        if noun.pos_ == "NOUN" and _lemma(noun) in cues.pact_nouns:
            found += _pact_between(ps, noun)
    return found
