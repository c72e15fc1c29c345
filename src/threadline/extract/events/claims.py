"""Claims of responsibility and denials of any role, each linked to the event it claims.

A frame is the words that state the claim, read off the parse around a trigger:

  * direct: "X claimed responsibility for the attack", "X took responsibility",
    "X claimed the attack", "X denied any role in the attack", "X denied carrying out
    the attack" -- the claimant is the subject of the claiming or denying verb;
  * reported: "X said it had carried out the attack", "X said it had no connection to
    the rockets", "X denied that it was behind the attack" -- the doer must be X's own
    side (a pronoun, "its fighters", or "the group" when a person speaks); "The army
    said the militia carried out the attack" is an accusation, no claim.

A frame with no trigger below it ("X denied any role", "X claimed responsibility")
claims the nearest event told before it in the story. A negated claim ("No group
claimed responsibility", "X has not claimed ...") is no claim. Only attacks and
abductions (ontology.yaml `claims.claimable`) are claimed. An event a frame names by a
noun is presupposed: "X denied any role in the attack" does not deny the attack, and X
is no participant of it; "X denied that it attacked Y" denies the attack.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Token

from threadline.extract.attribution import attribution_of
from threadline.extract.events.arguments import named
from threadline.extract.events.lexicon import ClaimCues
from threadline.extract.modality import modality_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, clause_subject, refers_to
from threadline.records import NOT_A_FACT, Claim, Modality

VERSION = "0.1.0"
OWN_PRONOUNS = frozenset({"it", "we", "he", "she", "i"})  # "they" may be anyone: checked as "the group"
OWN_POSSESSIVES = frozenset({"its", "our", "his", "her", "my"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "pcomp"})


@dataclass(frozen=True, slots=True)
class Told:
    """An event mention of the story: its id, type and the trigger words that tell it."""

    mention_id: str
    type: str
    triggers: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Frame:
    """The words that claim or disown an event."""

    kind: Literal["responsibility", "denial"]
    verb: Token  # the word the claim hangs on: "claimed", "denied", "had", "said"
    claimant: Token  # the word naming who claims, before resolution
    presupposes: bool  # the event is taken as given, whatever the claim's modality
    negated: bool = False  # "No group claimed ...", "X did not deny ...": no claim
    # the claimant speaks for itself; "Hezbollah had no role", told by the outlet, is no claim
    own: bool = True


def _negated(verb: Token) -> bool:
    return modality_of(verb) in NOT_A_FACT


def _no(noun: Token) -> bool:
    return any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "never") for c in noun.children)


def _own_side(doer: Token | None, speaker: Token, ps: ParsedStory) -> Token | None:
    """Who did it, when the speaker speaks of its own side; None for another party."""
    if doer is None or (doer.pos_ == "PRON" and doer.lower_ in OWN_PRONOUNS):
        return (refers_to(ps, doer, ALL_TYPES) if doer is not None else None) or speaker
    owner = next((c for c in doer.children if c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES), None)
    if owner is not None:
        return refers_to(ps, owner, ALL_TYPES) or speaker
    speaks = refers_to(ps, speaker, ALL_TYPES)
    group = refers_to(ps, doer, ("organization",)) if ps.type_of(doer) is None else doer
    if speaks is None or group is None:
        return None
    if ps.type_of(speaks) == "person" or group.text == speaks.text:
        return group  # "al-Fartusi said the group had ...", "Hamas said Hamas fighters ..."
    return None  # "The army said the group had ...": an accusation


def _reported(verb: Token, cues: ClaimCues, ps: ParsedStory, negated: bool) -> Frame | None:
    """ "X said it had carried out ...", "X denied that it was behind ...": the verb as the
    complement of a speech or denial verb, its doer X's own side."""
    above = verb.head
    lemma = above.lemma_.lower()
    if verb.dep_ not in CLAUSE_DEPS or lemma not in cues.speech_verbs | cues.deny_verbs:
        return None
    speaker = clause_subject(above)
    doer = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    claimant = _own_side(doer, speaker, ps) if speaker is not None else None
    if claimant is None:
        return None
    denial = lemma in cues.deny_verbs or negated
    kind: Literal["responsibility", "denial"] = "denial" if denial else "responsibility"
    return Frame(kind, above, claimant, presupposes=denial, negated=_negated(above))


def _presupposing(frame: Frame | None) -> Frame | None:
    return replace(frame, presupposes=True) if frame is not None else None


def _noun_frame(noun: Token, verb: Token, cues: ClaimCues, ps: ParsedStory) -> Frame | None:
    """ "claimed responsibility", "denied any role", "had no connection", "played no part"."""
    lemma = verb.lemma_.lower()
    subject = clause_subject(verb)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if lemma in cues.deny_verbs and subject is not None:
        return Frame("denial", verb, subject, presupposes=True, negated=_negated(verb))
    own = noun.lemma_.lower() in cues.responsibility_nouns or lemma in cues.speech_verbs
    if lemma in cues.claim_verbs and own and subject is not None:
        return Frame("responsibility", verb, subject, presupposes=True, negated=_negated(verb))
    if lemma in cues.having_verbs:
        negated = _no(noun) or _negated(verb)
        frame = _reported(verb, cues, ps, negated)
        if frame is not None or subject is None:
            return _presupposing(frame)
        return Frame("denial" if negated else "responsibility", verb, subject, True, own=False)
    return None


def _role_noun(verb: Token, cues: ClaimCues) -> Token | None:
    nouns = cues.role_nouns | cues.responsibility_nouns
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in nouns), None)


def _prep_frame(trigger: Token, cues: ClaimCues, ps: ParsedStory) -> Frame | None:
    """The trigger as the object of "in", "for", "to", "behind" of a role noun or its verb."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in cues.role_preps:
        return None
    above = prep.head
    if above.lemma_.lower() in cues.role_nouns | cues.responsibility_nouns:
        return _noun_frame(above, above.head, cues, ps)
    noun = _role_noun(above, cues)
    if noun is not None:
        return _noun_frame(noun, above, cues, ps)
    if prep.lower_ == "behind" and above.lemma_ == "be":  # "denied that it was behind the attack"
        return _presupposing(_reported(above, cues, ps, _negated(above)))
    return None


def _verb_frame(trigger: Token, cues: ClaimCues, ps: ParsedStory) -> Frame | None:
    """ "X claimed the attack", "X denied carrying out the attack", "X said it had
    carried out the attack", "X claimed that it attacked ..."."""
    head = trigger.head
    lemma = head.lemma_.lower()
    if trigger.dep_ == "dobj" and lemma == "claim":
        subject = clause_subject(head)
        return Frame("responsibility", head, subject, True, _negated(head)) if subject is not None else None
    doing = trigger if trigger.pos_ == "VERB" else head if trigger.dep_ == "dobj" else None
    if doing is None or (doing is head and lemma not in cues.doing_verbs):
        return None
    denier = doing.head
    frame: Frame | None = None
    if doing.dep_ == "xcomp" and denier.lemma_.lower() in cues.deny_verbs:  # "denied carrying out"
        subject = clause_subject(denier)
        frame = Frame("denial", denier, subject, True, _negated(denier)) if subject is not None else None
    else:
        frame = _reported(doing, cues, ps, _negated(doing))
    # "denied carrying out the attack" takes the attack as given; "denied attacking X" does not
    return replace(frame, presupposes=False) if frame is not None and doing is trigger else frame


def frame_of(trigger: Token, event_type: str, ps: ParsedStory, cues: ClaimCues | None = None) -> Frame | None:
    """The claim or denial the trigger's event is the object of, if any; only events of
    a type that is claimed (an attack, an abduction) have one."""
    cues = cues or ps.vocabulary.claim_cues
    if event_type not in cues.claimable:
        return None
    return _prep_frame(trigger, cues, ps) or _verb_frame(trigger, cues, ps)


def _loose_frames(ps: ParsedStory, told: list[Told], cues: ClaimCues) -> list[tuple[Frame, Token]]:
    """Frames with no event below them: "X denied any role", "X claimed responsibility"."""
    triggers = {t.i for event in told for t in event.triggers}
    nouns = cues.role_nouns | cues.responsibility_nouns
    found = []
    for noun in ps.doc:
        if noun.lemma_.lower() not in nouns or noun.dep_ != "dobj":
            continue
        if any(t.i in triggers for t in noun.head.subtree):
            continue
        frame = _noun_frame(noun, noun.head, cues, ps)
        if frame is not None:
            found.append((frame, noun))
    return found


def claimant_of(ps: ParsedStory, frame: Frame) -> Token | None:
    """The mention of who claims or disowns the event."""
    return _claimant(ps, frame.claimant)


def _claimant(ps: ParsedStory, word: Token) -> Token | None:
    if ps.type_of(word) is not None:
        return word
    if word.pos_ == "PRON":
        return refers_to(ps, word, ALL_TYPES)
    names = named(ps, word)
    return names[0] if names else refers_to(ps, word, ALL_TYPES)


def _claim(ps: ParsedStory, frame: Frame, event_id: str) -> Claim | None:
    claimant = _claimant(ps, frame.claimant) if frame.own and not frame.negated else None
    if claimant is None:
        return None
    modality: Modality = "denied" if frame.kind == "denial" else modality_of(frame.verb)
    return Claim(
        story_id=ps.story.id,
        claimant=ps.mention_at[claimant.i].id,
        event=event_id,
        kind=frame.kind,
        evidence=ps.evidence(frame.verb),
        extractor=f"claims.{frame.kind}.{frame.verb.lemma_.lower()}",
        version=VERSION,
        modality=modality,
        attribution=attribution_of(ps, frame.verb),
    )


def _before(told: list[Told], token: Token) -> Told | None:
    """The event told last before token."""
    last = {n: max((t.i for t in e.triggers if t.i < token.i), default=-1) for n, e in enumerate(told)}
    best = max(last, key=lambda n: last[n], default=None)
    return told[best] if best is not None and last[best] >= 0 else None


def extract_claims(ps: ParsedStory, told: list[Told]) -> list[Claim]:
    """The story's claims and denials, each linked to one of its event mentions."""
    cues = ps.vocabulary.claim_cues
    claimable = [e for e in told if e.type in cues.claimable]
    found: dict[str, Claim] = {}
    pairs = [(f, e.mention_id) for e in claimable for t in e.triggers if (f := frame_of(t, e.type, ps, cues))]
    for frame, noun in _loose_frames(ps, claimable, cues):
        event = _before(claimable, noun)
        pairs += [(frame, event.mention_id)] if event is not None else []
    for frame, event_id in pairs:
        claim = _claim(ps, frame, event_id)
        if claim is not None:
            found.setdefault(claim.id, claim)
    return list(found.values())


def presupposed_modality(ps: ParsedStory, trigger: Token, event_type: str) -> Modality | None:
    """How firmly an event a claim speaks of is stated: as firmly as the claim is
    reported, but never denied or negated by it. None when no claim speaks of it."""
    frame = frame_of(trigger, event_type, ps)
    if frame is None or not frame.presupposes:
        return None
    modality = modality_of(frame.verb)
    return "asserted" if modality in NOT_A_FACT else modality
