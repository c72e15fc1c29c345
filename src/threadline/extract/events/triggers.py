"""Event triggers: the verbs and nouns of event_triggers.yaml, with their conditions checked.

A word triggers an event type when its lemma is listed for its part of speech and the
entry's conditions hold in the parse: the object it needs ("open an office"), the
preposition and place it needs ("headed to Syria"), a word its sentence must hold
("added ... to its list"), the word it must hang on ("in a statement"), active voice,
the purpose its clause states ("gathered to demand"), a crowd of people as its subject
("hundreds of farmers blocked ..."), a force as what moves ("troops headed to X").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from threadline.extract.events.clause import reduced_passive, verb_forms, verbal
from threadline.extract.events.places import is_place
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import refers_to
from threadline.extract.vocabulary import Trigger, TriggerLexicon
from threadline.vocabulary import of_doc

OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


@dataclass(frozen=True, slots=True)
class Hit:
    token: Token
    trigger: Trigger


def _words(tokens: list[Token]) -> set[str]:
    return {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}


def _objects(token: Token) -> list[Token]:
    """What a verb acts on, or what a noun is of: objects, compounds, the "of" phrase."""
    if verbal(token):
        found = [c for c in token.children if c.dep_ in OBJECT_DEPS]
        found += [token.head] if reduced_passive(token) else []
        found += [g for c in token.children if c.dep_ == "prt" for g in c.children]
        found += [
            g for o in found for c in o.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
        ]
    else:
        found = [c for c in token.children if c.dep_ in ("compound", "amod")]
        found += [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return found + [g for t in found for g in t.children if g.dep_ in ("compound", "conj")]


def _group_owned(ps: ParsedStory, token: Token) -> bool:
    """A noun whose possessor is a group: "announced its formation", "Jund al-Safa's
    founding" -- what is formed is the group itself."""
    if verbal(token):
        return False
    owners = [c for c in token.children if c.dep_ == "poss"]
    return any(refers_to(ps, o, ("organization",)) is not None for o in owners)


def _place_after(ps: ParsedStory, token: Token, preps: frozenset[str]) -> bool:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            objects += [
                g for o in objects if _place_of(o) for c in o.children if c.lower_ == "of" for g in c.children
            ]
            if any(is_place(ps, o) for o in objects):
                return True
    return False


def _place_of(word: Token) -> bool:
    """A noun a place is "of": "the outskirts of X", "the town of X"."""
    lexicon = of_doc(word.doc).triggers
    return word.lower_ in lexicon.direction_words or word.lemma_.lower() in lexicon.place_nouns


def _passive(token: Token) -> bool:
    """ "was met with", "hosted by Jordan"."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in token.children)


def holds(ps: ParsedStory, token: Token, trigger: Trigger) -> bool:
    """Whether the entry's conditions hold for this word."""
    if trigger.objects and not (_words(_objects(token)) & trigger.objects or _group_owned(ps, token)):
        return False
    if trigger.preps and not _place_after(ps, token, trigger.preps):
        return False
    if trigger.with_ and not (_words(list(token.sent)) & trigger.with_):
        return False
    if trigger.governed_by and token.head.lemma_.lower() not in trigger.governed_by:
        return False
    if trigger.alone and not _alone(ps, token):
        return False
    if trigger.purposes and not _purposed(token, trigger.purposes):
        return False
    if trigger.crowd and not _crowd(ps, token):
        return False
    if trigger.movers and not _words(_moved(token)) & trigger.movers:
        return False
    return not (trigger.active_only and _passive(token))


def _purposed(token: Token, purposes: frozenset[str]) -> bool:
    """The clause states what it is done for: "gathered to demand", "blocked the road,
    demanding", "marched and called for", "rallied in protest"."""
    for verb in [token, *token.conjuncts]:
        for child in verb.children:
            if child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in purposes:
                return True
            objects = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" else []
            if any(g.lemma_.lower() in purposes for g in objects):
                return True
    return False


def _subject(token: Token) -> Token | None:
    """The verb's subject, or its first conjunct's ("farmers blocked X and burned Y")."""
    while True:
        found = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if found is not None or token.dep_ != "conj" or token.head.i == token.i:
            return found
        token = token.head


def _crowd(ps: ParsedStory, token: Token) -> bool:
    """The subject is a crowd of people: "hundreds of farmers", "relatives of the
    detainees", "a crowd"; not named, not office holders ("faction leaders"), not armed
    men ("gunmen", "troops")."""
    lexicon = ps.vocabulary.triggers
    word = _subject(token)
    if word is None or ps.type_of(word) is not None:
        return False
    if word.lemma_.lower() in lexicon.crowd_nouns or word.pos_ == "NUM":
        word = next(
            (g for c in word.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), word
        )
    roles = ps.vocabulary.roles
    armed = lexicon.armed_nouns | roles.state_agent_nouns | roles.group_nouns
    if ps.type_of(word) is not None or _words([word]) & armed or roles.title(word.text) is not None:
        return False
    return word.tag_ in ("NNS", "NNPS") or word.lemma_.lower() in lexicon.crowd_nouns


def _moved(token: Token) -> list[Token]:
    """What moves: the object a verb moves ("moved troops to X", "troops were moved"),
    else its subject ("fighters headed to X"), with what they are a number of
    ("hundreds of troops")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    subject = _subject(token)
    found = found or ([subject] if subject is not None else [])
    found += [
        g for t in found for c in t.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
    ]
    return found + [g for t in found for g in t.children if g.dep_ in ("compound", "conj")]


def _lede(ps: ParsedStory, token: Token) -> bool:
    """The token is in the story's first sentence of body text, where its news is told."""
    first = next((s for s in ps.doc.sents if ps.zone_at(s.start_char) == "body" and s.text.strip()), None)
    return first is not None and first.start <= token.i < first.end


def _alone(ps: ParsedStory, token: Token) -> bool:
    """In the lede, with a named subject, and no other word of the sentence that may
    tell an event: the statement is the story's news."""
    if not _lede(ps, token):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not any(ps.type_of(s) in ("person", "organization") for s in subjects):
        return False
    lexicon = ps.vocabulary.triggers
    others = [t for t in token.sent if t.i != token.i and t.i not in ps.mention_at]
    return not any(t.lemma_.lower() in lexicon.verbs or t.lemma_.lower() in lexicon.nouns for t in others)


def _specific_first(entries: tuple[Trigger, ...]) -> list[Trigger]:
    """Entries with conditions before plain ones: "struck a deal" is an agreement before
    "struck" is an attack."""
    return sorted(
        entries,
        key=lambda t: not (t.objects or t.preps or t.with_ or t.governed_by or t.purposes or t.movers),
    )


def _entries(token: Token, lexicon: TriggerLexicon) -> list[Trigger]:
    if token.ent_type_ in ("DATE", "TIME"):  # "March 4" is no march
        return []
    if verbal(token):
        lemma = token.lemma_.lower()
        found = lexicon.verbs.get(lemma, ()) or next(
            (lexicon.verbs[f] for f in sorted(verb_forms(token)) if f in lexicon.verbs), ()
        )
        return _specific_first(found)
    if token.pos_ in ("NOUN", "PROPN", "VERB") and token.dep_ != "compound":
        found = lexicon.nouns.get(token.lemma_.lower(), ()) or lexicon.nouns.get(token.lower_, ())
        return _specific_first(found)
    return []


def find(ps: ParsedStory, lexicon: TriggerLexicon) -> list[Hit]:
    """Every word of the story that triggers an event type, at most one type per word."""
    hits = []
    for token in ps.doc:
        if token.i in ps.mention_at or token.i in ps.title_at:
            continue
        for trigger in _entries(token, lexicon):
            if holds(ps, token, trigger):
                hits.append(Hit(token, trigger))
                break
    return hits
