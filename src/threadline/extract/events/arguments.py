"""An event's participants and place, read off its trigger's clause.

Participants are the names that are subject or object of the trigger (or of its
governing verb) or stand in "with X", "between X and Y", "by X", "against X", "of X":
directly, through a compound ("US forces", "Hamas operatives"), an apposition, an
"of"/"from" phrase ("two members of X", "leaders from a group calling itself X"), a
nationality of a state's agent ("the Iranian ambassador"), or a pronoun, "the group"
or a title ("the Iraqi militia leader") that refers back unambiguously.

The place is a location named in a place preposition ("in", "at", "near" ...) of the
clause, the shallowest first ("at a checkpoint near the town of Koya"), but not one
inside a participant's phrase ("with the help of their proxies in Iraq"). Failing
that: "in a remote Syrian town" names the country.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import antecedent
from threadline.extract.events.clause import clause, depth_from, heads, inside_other_event
from threadline.extract.events.roles import Argument, Slotted, slot_of
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, is_modifier, is_possessor, refers_to
from threadline.extract.relations.candidate import names_in_story
from threadline.extract.vocabulary import load_roles, load_triggers

ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "appos", "poss", "compound", "nmod", "npadvmod"}
)
NAMING = frozenset({"compound", "poss", "nmod", "appos"})
CALLED = frozenset({"call", "know", "name", "dub"})
THROUGH_PARTICIPANT = frozenset({"with", "by", "against", "alongside", "among", "including", "between"})


def country(ps: ParsedStory, token: Token) -> Token | None:
    """The story's mention of the country a nationality word ("Iranian") names."""
    names = load_roles().nationalities.get(token.lower_) if token.ent_type_ == "NORP" else None
    return names_in_story(ps, names, token) if names else None


def _title_holder(ps: ParsedStory, word: Token) -> Token | None:
    """ "the Iraqi militia leader": the person the story just named with that title."""
    title = ps.title_at.get(word.i)
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in word.children)
    return antecedent(ps, word, ("person",)) if title and definite and not title.plural else None


def _named_as(verb: Token) -> list[Token]:
    """What "calling itself X" / "known as X" names."""
    found = [g for g in verb.children if g.dep_ in ("oprd", "attr", "dobj") and g.pos_ != "PRON"]
    return found + [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]


def _state_of(ps: ParsedStory, word: Token) -> list[Token]:
    """ "the Iranian ambassador", "Iranian proxies": the state whose agent the word names."""
    title = ps.title_at.get(word.i)
    if word.lemma_.lower() not in load_roles().state_agent_nouns and not (title and title.government):
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
            found += [ref] if ref is not None else []
    return found


def _argument_words(token: Token) -> list[Argument]:
    """The words that may name a participant, each with the head and preposition it hangs on."""
    preps = load_triggers().participant_preps
    words = [Argument(c, token) for c in token.children if c.dep_ in ARGUMENT_DEPS]
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            words += [Argument(g, token, prep) for g in prep.children if g.dep_ == "pobj"]
    for xcomp in (c for c in token.children if c.dep_ == "xcomp"):
        words += _argument_words(xcomp)
    return words


def slotted_participants(ps: ParsedStory, trigger: Token) -> list[Slotted]:
    """The named participants of the event the trigger reports, in text order, each with
    the slot it fills ("agent", "patient", "with", or None) and the verb it fills it for."""
    found: dict[int, Slotted] = {}

    def add(token: Token, slot: str | None, head: Token) -> None:
        known = found.get(token.i)
        if token.i != trigger.i and (known is None or (known.slot is None and slot is not None)):
            found[token.i] = Slotted(token, slot, head)

    for head in heads(trigger):
        for argument in _argument_words(head):
            if argument.word is not trigger:
                slot = slot_of(argument)
                for token in named(ps, argument.word):
                    add(token, slot, argument.head)
    for child in trigger.children:
        if child.dep_ == "amod" and (state := country(ps, child)) is not None:
            add(state, "agent", trigger)  # "an Israeli strike"
    return [found[i] for i in sorted(found)]


def participants(ps: ParsedStory, trigger: Token) -> list[Token]:
    """The named participants of the event the trigger reports, in text order."""
    return [s.token for s in slotted_participants(ps, trigger)]


def _place_prep(token: Token) -> str | None:
    """The place preposition a name is the object of ("in Baghdad", "in Iraq and Syria",
    "near the town of Koya", "on the border between Jordan and Syria")."""
    lexicon = load_triggers()
    while token.dep_ == "conj":
        token = token.head
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_ in lexicon.place_nouns:
        token, head = head.head, head.head.head
    if token.dep_ == "pobj" and head.lower_ in lexicon.place_preps:
        return head.lower_
    if token.dep_ == "pobj" and head.lower_ == "between" and head.head.lemma_ in lexicon.place_nouns:
        return "near"
    return None


def _reachable(place: Token, tops: list[Token]) -> bool:
    """Not reached through a participant's phrase: "with the help of their proxies in
    Iraq" places the proxies, not the event."""
    token = place
    while token.head.i != token.i and all(token.i != t.i for t in tops):
        token = token.head
        if token.dep_ in ("prep", "agent") and token.lower_ in THROUGH_PARTICIPANT:
            return False
    return True


def _depth(token: Token, tops: list[Token]) -> int:
    return min(depth_from(token, t) for t in tops)


def location(ps: ParsedStory, trigger: Token) -> Token | None:
    """A place named in a place preposition of the trigger's clause, the shallowest first."""
    tokens = clause(trigger)
    tops = heads(trigger)
    order = load_triggers().place_preps
    places = [
        t
        for t in tokens
        if ps.type_of(t) == "location"
        and _place_prep(t)
        and _reachable(t, tops)
        and not inside_other_event(t, trigger)
    ]
    if places:
        return min(places, key=lambda t: (_depth(t, tops), order.index(_place_prep(t) or "in"), t.i))
    inside_names = [  # a place swallowed by a longer name ("the US Embassy in Baghdad's Green Zone")
        t for t in tokens if ps.type_of(t) == "location" and t.dep_ == "pobj" and ps.type_of(t.head)
    ]
    if inside_names:
        return min(inside_names, key=lambda t: (_depth(t, tops), t.i))
    return _national_place(ps, tokens)


def _national_place(ps: ParsedStory, tokens: list[Token]) -> Token | None:
    """ "in a remote Syrian town": the country, when the story names it."""
    lexicon = load_triggers()
    for token in tokens:
        if (
            token.lemma_ in lexicon.place_nouns
            and token.dep_ == "pobj"
            and token.head.lower_ in lexicon.place_preps
        ):
            for child in token.children:
                found = country(ps, child)
                if found is not None and not is_possessor(found):
                    return found
    return None
