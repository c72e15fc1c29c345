"""Whether a trigger's clause tells that its event happened.

An event is a happening the text asserts, reports, or says someone claims. A trigger
makes none when its clause

  * asks: the sentence is a question ("Did the militia attack the base?");
  * supposes: a modal auxiliary ("could be designated", "would attack"), a condition
    ("if talks go ahead", "unless the army withdraws"), an intention or expectation
    whose infinitive it is ("plans to open an office", "threatened to strike", "is
    expected to visit", "refused to sign"), a verb whose object has not happened
    ("analysts fear renewed clashes", "police foiled an attack", "the talks were
    called off"), a noun or adjective
    that makes it one
    ("calls for talks", "the threat of sanctions", "a possible attack", "the next
    meeting"), or a planning cue of modality.yaml ("postponed talks");
  * generalises: a present-tense verb in a clause that defines something ("a group
    that carries out attacks"), a habitual adverb ("often clash", "every Friday"), or
    a span of years ("abducted over the years", "have clashed for decades");
  * speaks of something else: a sentence about sport, business or the arts, a disaster
    or accident as the cause of a violent verb ("floods killed 12"), a modifier or an
    object that makes a war word a figure of speech ("heart attack", "struck a deal").

Cues count on the trigger and the words above it up to the first speech verb: "X said
it would attack" supposes the attack; "X could not say whether troops attacked" is a
question about the saying, and so is the attack. Negation and denial are not decided
here: a negated event is kept with its modality and exported as a denial, never a fact;
`contradicted` tells when a report is denied in its own sentence ("X reported that a
drone had struck the base, but the group denied it"), which makes the event denied.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from threadline.extract.events.clause import verb_forms
from threadline.extract.events.lexicon import (
    EventContexts,
    HappeningCues,
)
from threadline.extract.modality import governing_chain, modality_of
from threadline.vocabulary import of_doc

AUXILIARIES = frozenset({"aux", "auxpass"})
INFINITIVE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl"})
NOUN_LINK_PREPS = frozenset({"for", "of", "to", "on"})
PRESENT = frozenset({"VBZ", "VBP"})
DEFINING = frozenset({"relcl", "acl"})
SCORE = re.compile(r"\b\d{1,2} ?[-–] ?\d{1,2}\b")
SPORT_VERBS = frozenset({"beat", "win", "lose", "draw", "defeat", "score", "thrash"})


def scope(trigger: Token) -> list[Token]:
    """The trigger and the words above it up to (not including) the first speech verb."""
    found = []
    speech = of_doc(trigger.doc).modality.speech_verbs
    for token in governing_chain(trigger):
        if token.i != trigger.i and token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in speech:
            break
        found.append(token)
    return found


def asks(trigger: Token) -> bool:
    """The trigger's sentence is a question."""
    words = [t for t in trigger.sent if not t.is_space and t.text not in ('"', "”", "’", "'", ")")]
    return bool(words) and words[-1].text == "?"


def _to_infinitive(token: Token) -> bool:
    return token.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _phrasal_forms(verb: Token) -> set[str]:
    """A verb's forms, with its particle where it has one ("call off")."""
    forms = verb_forms(verb)
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return forms | {f"{f} {p}" for f in forms for p in particles}


def _intended(token: Token, cues: HappeningCues) -> bool:
    """ "plans to open", "ready to talk", "a plan to attack", "calls for talks"."""
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ in INFINITIVE_DEPS and _to_infinitive(token):
        if head.pos_ in ("VERB", "AUX") and lemma in cues.intention_verbs:
            return True
        if head.pos_ == "ADJ" and lemma in cues.intention_adjectives:
            return True
        return head.pos_ == "NOUN" and lemma in cues.intention_nouns
    if token.dep_ == "dobj" and head.pos_ == "VERB" and verb_forms(head) & cues.expectation_verbs:
        return True  # "analysts fear renewed clashes", "police foiled an attack"
    if (
        token.dep_ in ("dobj", "nsubjpass")
        and head.pos_ == "VERB"
        and _phrasal_forms(head) & cues.cancelling_verbs
    ):
        return True  # "the ministers cancelled the talks", "his visit was called off"
    if token.dep_ == "pobj" and head.lower_ in NOUN_LINK_PREPS:
        above = head.head
        return above.lemma_.lower() in cues.intention_nouns or (
            head.lower_ == "for" and above.pos_ == "VERB" and above.lemma_.lower() in cues.intention_verbs
        )
    return False


def supposes(trigger: Token, cues: HappeningCues | None = None) -> bool:
    """A modal, a condition, an intention or an unreal modifier makes the event unreal."""
    cues = cues or of_doc(trigger.doc).happening
    chain = scope(trigger)
    for token in chain:
        for child in token.children:
            if child.dep_ in AUXILIARIES and child.lower_ in cues.modals:
                return True
            if child.dep_ == "mark" and child.lower_ in cues.conditions:
                return True
        if _intended(token, cues):
            return True
    unreal = [c for c in trigger.children if c.dep_ == "amod" and c.lower_ in cues.unreal_modifiers]
    return bool(unreal) or modality_of(trigger) == "planned"


def past(trigger: Token) -> bool:
    """Whether the trigger's clause is in the past tense ("attacked", "was killed",
    "had met")."""
    for token in scope(trigger):
        if token.tag_ == "VBD":
            return True
        auxiliaries = [c for c in token.children if c.dep_ in AUXILIARIES]
        if token.tag_ == "VBN" and any(a.tag_ == "VBD" for a in auxiliaries):
            return True
    return False


def _present_simple(token: Token) -> bool:
    return token.tag_ in PRESENT and not any(c.dep_ in AUXILIARIES for c in token.children)


def _habitual(token: Token, cues: HappeningCues) -> bool:
    for child in token.children:
        if child.dep_ == "advmod" and child.lower_ in cues.habitual:
            return True
        if child.dep_ == "npadvmod" and any(d.lower_ in cues.habitual for d in child.children):
            return True  # "every Friday", "each year"
        if child.dep_ == "prep" and any(g.lower_ in cues.spans for g in child.children if g.dep_ == "pobj"):
            return True  # "abducted over the years", "have clashed for decades"
    return False


def generalises(trigger: Token, cues: HappeningCues | None = None) -> bool:
    """A present-tense definition or a habit, not a happening."""
    cues = cues or of_doc(trigger.doc).happening
    chain = scope(trigger)
    if any(_habitual(t, cues) for t in chain):
        return True
    verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
    return chain[-1].dep_ in DEFINING and any(_present_simple(v) for v in verbs)


def _words(tokens: list[Token]) -> set[str]:
    return {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}


def _other_domain(trigger: Token, contexts: EventContexts) -> bool:
    """A sentence about sport, business or the arts."""
    sentence = list(trigger.sent)
    if _words(sentence) & contexts.other_domains:
        return True
    scored = SCORE.search(trigger.sent.text) is not None
    return scored and bool(_words(sentence) & SPORT_VERBS)


def _causes(trigger: Token) -> list[Token]:
    """What the sentence gives as the cause of a violent verb: its subject, the subject
    of the verb it tells the outcome of ("a tanker overturned and exploded, killing
    18"), or the object of "in", "by", "of" ("killed in a road accident")."""
    found = [c for c in trigger.children if c.dep_ == "nsubj"]
    head = trigger.head
    if trigger.dep_ in ("advcl", "conj", "xcomp"):
        while True:
            found += [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if head.dep_ != "conj" or head.head.i == head.i:
                break
            head = head.head
    for prep in trigger.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ("in", "by", "of", "from"):
            found += [g for g in prep.children if g.dep_ == "pobj"]
    return found


def figurative(trigger: Token, contexts: EventContexts) -> bool:
    """A violent word used of a disaster, an accident or a figure of speech."""
    causes = _causes(trigger)
    cause_words = _words(causes + [g for c in causes for g in c.children if g.dep_ == "compound"])
    subjects = _words([c for c in causes if c.dep_ in ("nsubj", "nsubjpass")])
    if cause_words & contexts.causes or subjects & contexts.subject_causes:
        return True
    modifiers = [c for c in trigger.children if c.dep_ in ("compound", "amod")]
    if _words(modifiers) & contexts.modifiers:
        return True
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
    return bool(_words(objects) & contexts.objects)


def elsewhere(trigger: Token, event_type: str, contexts: EventContexts | None = None) -> bool:
    """The word speaks of sport, business, the arts, a disaster or a figure of speech."""
    contexts = contexts or of_doc(trigger.doc).event_contexts
    if _other_domain(trigger, contexts):
        return True
    return event_type in contexts.violent_types and figurative(trigger, contexts)


def _denied_report(top: Token, cues: HappeningCues, deny: frozenset[str]) -> bool:
    """ "rejected claims that the militia had attacked civilians": the clause is what a
    report says, and the report is denied."""
    noun = top.head
    if top.dep_ not in ("acl", "ccomp") or noun.lemma_.lower() not in cues.report_words:
        return False
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in deny


def contradicted(trigger: Token, cues: HappeningCues | None = None) -> bool:
    """ "X reported that a drone had struck the base, but the group denied it", "the
    government rejected claims that X had attacked civilians": the report the trigger
    is told in is denied in the same sentence."""
    cues = cues or of_doc(trigger.doc).happening
    deny = of_doc(trigger.doc).claim_cues.deny_verbs
    chain = governing_chain(trigger)
    if _denied_report(chain[-1], cues, deny):
        return True
    report = next(
        (t for t in chain[1:] if t.lemma_.lower() in of_doc(trigger.doc).modality.speech_verbs), None
    )
    if report is None:
        return False
    for verb in report.conjuncts:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if verb.i > trigger.i and verb.lemma_.lower() in deny and _words(objects) & cues.report_words:
            return True
    return False


def describes(trigger: Token) -> bool:
    """The trigger tells, in a relative clause, what a noun is known for: "factions that
    have attacked US forces", "X, whose faction has claimed attacks on foreign forces".
    Such a clause is news only when it dates its event (the caller checks), or when the
    noun is itself an event it tells more of ("the strike, which killed four")."""
    top = governing_chain(trigger)[-1]
    if top.dep_ != "relcl":
        return False
    nouns = of_doc(trigger.doc).triggers.nouns
    return top.head.lemma_.lower() not in nouns and top.head.lower_ not in nouns


def tells(trigger: Token, event_type: str) -> bool:
    """Whether the trigger's clause tells that an event of this type happened (or that
    it did not: negation is kept, to be exported as a denial)."""
    return not (asks(trigger) or supposes(trigger) or generalises(trigger) or elsewhere(trigger, event_type))
