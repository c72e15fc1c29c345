"""An event's participants and place, read off its trigger's clause.

Participants are the names that are subject or object of the trigger (or of its
governing verb) or stand in "with X", "between X and Y", "by X", "against X", "of X":
directly, through a compound ("US forces", "Hamas operatives"), an apposition, an
"of"/"from" phrase ("two members of X", "leaders from a group calling itself X"), a
nationality of a state's agent ("the Iranian ambassador"), a pronoun, "the group"
or a title ("the Iraqi militia leader") that refers back unambiguously, or the owner
a possessive pronoun names ("a bomb hit his convoy"). A name in the dateline or used as
a modifier ("a Mopti-based charity") is no participant. The event's place is read in
places.py.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import antecedent
from threadline.extract.events.clause import heads, reduced_passive
from threadline.extract.events.dateline import in_dateline
from threadline.extract.events.roles import Argument, Slotted, slot_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, POSSESSIVE_PRONOUNS, is_modifier, refers_to
from threadline.extract.relations.candidate import names_in_story
from threadline.extract.vocabulary import Title
from threadline.vocabulary import of_doc

ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "appos", "poss", "compound", "nmod", "npadvmod"}
)
NAMING = frozenset({"compound", "poss", "nmod", "appos"})
CALLED = frozenset({"call", "know", "name", "dub"})
OWNED_DEPS = frozenset({"dobj", "nsubjpass"})  # "hit his convoy", "their base was shelled"
TITLE_WINDOW = 4  # words between a name and the title it is given
THROUGH_PARTICIPANT = frozenset({"with", "by", "against", "alongside", "among", "including", "between"})


def country(ps: ParsedStory, token: Token) -> Token | None:
    """The story's mention of the country a nationality word ("Iranian") names."""
    names = ps.vocabulary.roles.nationalities.get(token.lower_) if token.ent_type_ == "NORP" else None
    return names_in_story(ps, names, token) if names else None


def _title_holder(ps: ParsedStory, word: Token) -> Token | None:
    """ "the Iraqi militia leader": the person the story just named with that title; not
    "the provincial governor" after a colonel."""
    title = ps.title_at.get(word.i)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in word.children)
    if not title or not definite or title.plural:
        return None
    person = antecedent(ps, word, ("person",))
    return person if person is not None and _named_with(ps, person, title) else None


def _named_with(ps: ParsedStory, person: Token, title: Title) -> bool:
    """Some mention of the person stands next to a title of the same kind: "X, the
    governor" or "Governor X" for "the governor"; "X, secretary-general of Y" for "the
    militia leader"; not "Colonel X, a commander" for "the governor"."""
    doc = ps.doc
    for i in ps.mentions_named(person.text):
        near = doc[max(0, i - TITLE_WINDOW) : i + TITLE_WINDOW + 1]
        if any((held := ps.title_at.get(t.i)) is not None and _same_kind(held, title) for t in near):
            return True
    return False


def _same_kind(held: Title, title: Title) -> bool:
    return held.title == title.title or (held.predicate, held.government) == (
        title.predicate,
        title.government,
    )


def _named_as(verb: Token) -> list[Token]:
    """What "calling itself X" / "known as X" names."""
    found = [g for g in verb.children if g.dep_ in ("oprd", "attr", "dobj") and g.pos_ != "PRON"]
    return found + [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]


def _state_of(ps: ParsedStory, word: Token) -> list[Token]:
    """ "the Iranian ambassador", "Iranian proxies": the state whose agent the word names."""
    title = ps.title_at.get(word.i)
    if word.lemma_.lower() not in ps.vocabulary.roles.state_agent_nouns and not (title and title.government):
        return []
    return [n for c in word.children if c.dep_ == "amod" and (n := country(ps, c)) is not None]


def _nested(word: Token) -> list[Token]:
    found = [g for c in word.children if c.lower_ in ("of", "from") for g in c.children if g.dep_ == "pobj"]
    return found + [g for c in word.children if c.dep_ == "acl" and c.lemma_ in CALLED for g in _named_as(c)]


def named(ps: ParsedStory, token: Token, depth: int = 0) -> list[Token]:
    """The mentions an argument word (and its conjuncts) stands for."""
    found: list[Token] = []
    for word in [token, *token.conjuncts]:
        if ps.type_of(word) is not None:
            found.append(word)
            continue
        inside = [c for c in word.children if c.dep_ in NAMING and ps.type_of(c) and not is_modifier(c)]
        inside += _state_of(ps, word)
        nested = _nested(word)
        within = [m for inner in nested for m in (named(ps, inner, depth + 1) if depth < 2 else [])]
        found += inside + within
        if not inside and not nested:
            ref = _title_holder(ps, word) or refers_to(ps, word, ALL_TYPES)
            ref = ref or (_owner(ps, word) if depth == 0 and word.dep_ in OWNED_DEPS else None)
            found += [ref] if ref is not None else []
    return found


def _owner(ps: ParsedStory, word: Token) -> Token | None:
    """ "his convoy", "their base": whom the possessive pronoun refers to."""
    owner = next((c for c in word.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
    return refers_to(ps, owner, ALL_TYPES) if owner is not None else None


def _medium(prep: Token, head: Token) -> bool:
    """ "posted on Telegram", "broadcast on state television", "said via its channel": the
    medium a message went out on, not a party to the event."""
    lexicon = of_doc(prep.doc).triggers
    return prep.lower_ in lexicon.medium_preps and head.lemma_.lower() in lexicon.medium_verbs


def _argument_words(token: Token, event_type: str = "") -> list[Argument]:
    """The words that may name a participant, each with the head and preposition it
    hangs on. What a statement says ("pledged to defend X") is its content, not a party
    to it; the act an intention names ("threatened to strike X") is."""
    lexicon = of_doc(token.doc).triggers
    words = [Argument(c, token) for c in token.children if c.dep_ in ARGUMENT_DEPS]
    words += [Argument(token.head, token)] if reduced_passive(token) else []
    for prep in token.children:
        taken = prep.dep_ in ("prep", "agent") and prep.lower_ in lexicon.participant_preps
        if taken and not _medium(prep, token):
            words += [Argument(g, token, prep) for g in prep.children if g.dep_ == "pobj"]
    if event_type not in lexicon.content_types:
        for xcomp in (c for c in token.children if c.dep_ == "xcomp"):
            words += _argument_words(xcomp, event_type)
    return words


def slotted_participants(ps: ParsedStory, trigger: Token, event_type: str = "") -> list[Slotted]:
    """The named participants of the event the trigger reports, in text order, each with
    the slot it fills ("agent", "patient", "with", or None) and the verb it fills it for."""
    found: dict[int, Slotted] = {}

    def add(token: Token, slot: str | None, head: Token) -> None:
        known = found.get(token.i)
        if token.i == trigger.i or in_dateline(ps, token) or is_modifier(token):
            return
        if known is None or (known.slot is None and slot is not None):
            found[token.i] = Slotted(token, slot, head)

    for head in heads(trigger):
        for argument in _argument_words(head, event_type):
            if argument.word is not trigger:
                slot = slot_of(argument, ps.vocabulary.event_slots)
                for token in named(ps, argument.word):
                    add(token, slot, argument.head)
    for child in trigger.children:
        if child.dep_ == "amod" and (state := country(ps, child)) is not None:
            add(state, "agent", trigger)  # "an Israeli strike"
    return [found[i] for i in sorted(found)]


def participants(ps: ParsedStory, trigger: Token) -> list[Token]:
    """The named participants of the event the trigger reports, in text order."""
    return [s.token for s in slotted_participants(ps, trigger)]
