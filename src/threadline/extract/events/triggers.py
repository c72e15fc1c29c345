"""Event triggers: the verbs and nouns of event_triggers.yaml, with their conditions checked.

A word triggers an event type when its lemma is listed for its part of speech and the
entry's conditions hold in the parse: the object it needs ("open an office"), the
preposition and place it needs ("headed to Syria"), a word its sentence must hold
("added ... to its list"), the word it must hang on ("in a statement"), active voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from threadline.extract.events.clause import reduced_passive, verb_forms, verbal
from threadline.extract.events.places import is_place
from threadline.extract.parsed import ParsedStory
from threadline.extract.vocabulary import Trigger, TriggerLexicon, load_triggers

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


def _place_after(ps: ParsedStory, token: Token, preps: frozenset[str]) -> bool:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            objects += [c for o in objects for c in o.conjuncts]
            if any(is_place(ps, o) for o in objects):
                return True
    return False


def _passive(token: Token) -> bool:
    """ "was met with", "hosted by Jordan"."""
    return any(c.dep_ in ("auxpass", "nsubjpass", "agent") for c in token.children)


def holds(ps: ParsedStory, token: Token, trigger: Trigger) -> bool:
    """Whether the entry's conditions hold for this word."""
    if trigger.objects and not (_words(_objects(token)) & trigger.objects):
        return False
    if trigger.preps and not _place_after(ps, token, trigger.preps):
        return False
    if trigger.with_ and not (_words(list(token.sent)) & trigger.with_):
        return False
    if trigger.governed_by and token.head.lemma_.lower() not in trigger.governed_by:
        return False
    if trigger.alone and not _alone(ps, token):
        return False
    return not (trigger.active_only and _passive(token))


def _lede(ps: ParsedStory, token: Token) -> bool:
    """The token is in the story's first sentence of body text, where its news is told."""
    first = next(
        (s for s in ps.doc.sents if ps.story.zone_at(s.start_char) == "body" and s.text.strip()), None
    )
    return first is not None and first.start <= token.i < first.end


def _alone(ps: ParsedStory, token: Token) -> bool:
    """In the lede, with a named subject, and no other word of the sentence that may
    tell an event: the statement is the story's news."""
    if not _lede(ps, token):
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not any(ps.type_of(s) in ("person", "organization") for s in subjects):
        return False
    lexicon = load_triggers()
    others = [t for t in token.sent if t.i != token.i and t.i not in ps.mention_at]
    return not any(t.lemma_.lower() in lexicon.verbs or t.lemma_.lower() in lexicon.nouns for t in others)


def _specific_first(entries: tuple[Trigger, ...]) -> list[Trigger]:
    """Entries with conditions before plain ones: "struck a deal" is an agreement before
    "struck" is an attack."""
    return sorted(entries, key=lambda t: not (t.objects or t.preps or t.with_ or t.governed_by))


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
