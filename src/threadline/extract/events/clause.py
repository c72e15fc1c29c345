"""The clause of an event trigger: where its arguments and its time are looked for.

A verb trigger's clause is the verb with its non-clausal dependents. A noun trigger
("strike", "talks") adds the participle phrases that describe it ("a meeting held at
X's office in Baghdad") and, when the verb it hangs on tells the event itself, that
verb's dependents: a light verb ("held talks", "carried out a strike") or an outcome
verb of a subject trigger ("a drone strike ... killed"). "condemned the attack" is a
second event: its subject and date are not the attack's. Clauses below (a "that"
clause, a relative clause) and above (the "said" of an attribution) are other clauses,
and "according to X" names a source, not a participant.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.vocabulary import TriggerLexicon
from threadline.vocabulary import of_doc

CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "cc", "mark", "punct"})
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})
VERBAL_CHILDREN = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "mark", "dobj"})


def reduced_passive(token: Token) -> bool:
    """A past participle describing the noun it acts on: "Mass grave found in Izium",
    "a journalist arrested on Monday"."""
    return token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("NOUN", "PROPN")


def verb_forms(token: Token) -> set[str]:
    """The lemmas a verb may have: the model's, and its word with an inflection cut off,
    for the lemmas the model gets wrong ("staged" -> "stag")."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    for ending in ("ed", "es", "d", "s"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            forms.add(lower[: -len(ending)])
    return forms


def verbal(token: Token) -> bool:
    """A verb as the parse uses it. A word tagged verb in a noun's place is a noun
    ("Ceasefire talks ... broke up": "talks" as a subject); a gerund there stays a verb
    when it takes what a verb takes ("denied attacking the base")."""
    if token.pos_ != "VERB" or token.dep_ not in NOMINAL_DEPS:
        return token.pos_ == "VERB"
    return token.tag_ == "VBG" and any(c.dep_ in VERBAL_CHILDREN for c in token.children)


def governor(trigger: Token, lexicon: TriggerLexicon | None = None) -> Token | None:
    """The verb a noun trigger hangs on, when that verb tells the event itself."""
    lexicon = lexicon or of_doc(trigger.doc).triggers
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        if head.pos_ == "NOUN" and head.dep_ == "dobj":  # "claimed responsibility for the attacks"
            head = head.head
    if head.i == trigger.i or head.pos_ not in ("VERB", "AUX") or trigger.dep_ in CLAUSAL:
        return None
    forms = verb_forms(head)
    subject = trigger.dep_ in ("nsubj", "nsubjpass")
    telling = forms & lexicon.light_verbs or (subject and forms & lexicon.outcome_verbs)
    return head if telling else None


def clause_children(token: Token, skip: Token | None = None) -> list[Token]:
    return [c for c in token.children if c.dep_ not in CLAUSAL and c is not skip and c.lower_ != "according"]


def phrase(token: Token) -> list[Token]:
    """token and its non-clausal dependents, recursively."""
    found = [token]
    for child in clause_children(token):
        found += phrase(child)
    return found


def heads(trigger: Token) -> list[Token]:
    """The words whose dependents are the event's arguments: the trigger, its governing
    verb, and the participles describing a noun trigger."""
    found = [trigger]
    if not verbal(trigger):
        verb = governor(trigger)
        found += [verb] if verb is not None else []
        found += describing(trigger)
    return found


def describing(trigger: Token) -> list[Token]:
    """Past participles describing a noun trigger: "a meeting held at ...", "attacks
    carried out by ...". A participle of a verb that carries the event ("held",
    "carried out") tells of the event wherever the parser hung it in the event's own
    phrase: "talks between X and Y, held in Doha" (not on "Y")."""
    found = [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    light = of_doc(trigger.doc).triggers.light_verbs
    for word in phrase(trigger)[1:]:
        if word.dep_ in ("pobj", "conj"):
            found += [
                c for c in word.children if c.dep_ == "acl" and c.tag_ == "VBN" and verb_forms(c) & light
            ]
    return found


def clause(trigger: Token) -> list[Token]:
    """Every word of the trigger's clause, in text order."""
    tokens = phrase(trigger)
    if not verbal(trigger):
        tokens += [t for c in describing(trigger) for t in phrase(c)]
        verb = governor(trigger)
        if verb is not None:
            top = trigger if trigger.head is verb else trigger.head
            tokens += [verb] + [t for c in clause_children(verb, skip=top) for t in phrase(c)]
    return sorted(set(tokens), key=lambda t: t.i)


def described(trigger: Token) -> list[Token]:
    """The words of participle phrases describing a noun of the trigger's clause, where
    a clause that names no place or time may have put them: "found a cache of
    explosives left ... in a forest near X on Friday", "in a video released last month"."""
    found: list[Token] = []
    for token in clause(trigger):
        if token.i != trigger.i and token.pos_ in ("NOUN", "PROPN"):
            for child in token.children:
                if child.dep_ == "acl" and child.tag_ in ("VBN", "VBG"):
                    found += phrase(child)
    return sorted(set(found), key=lambda t: t.i)


def depth_from(token: Token, top: Token) -> int:
    """Arcs from token up to top (or to the root when top is not above it)."""
    depth = 0
    while token.i != top.i and token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def inside_other_event(token: Token, trigger: Token, event_type: str = "") -> bool:
    """Whether token belongs to another event's phrase on its way up to the trigger:
    "in support of the October 7 assault on Israel" dates and places the assault. The
    walk ends at the trigger or at a word that tells its event ("no attack had taken
    place on its bases": the place hangs on "taken", not on "attack"). A word of the
    trigger's own type that is its argument tells the same event ("agreed to a
    ceasefire in Mosul", "condemned X in a speech in Mosul"; not "attacks ... in
    support of the October 7 assault"), and a speech verb that is a statement only when
    its sentence tells nothing else ("X said") is no other event here."""
    lexicon = of_doc(token.doc).triggers
    stops = {t.i for t in heads(trigger)}
    for above in token.ancestors:
        if above.i in stops:
            return False
        index = lexicon.verbs if above.pos_ == "VERB" else lexicon.nouns
        entries = index.get(above.lemma_.lower(), ()) if above.pos_ in ("VERB", "NOUN") else ()
        own = _argument_of(above, stops)
        if any(not e.alone and not (own and e.type == event_type) for e in entries):
            return True
    return False


def _argument_of(word: Token, heads: set[int]) -> bool:
    """The word hangs on one of the heads, directly or through a preposition."""
    head = word.head
    return head.i in heads or (head.dep_ in ("prep", "agent") and head.head.i in heads)
