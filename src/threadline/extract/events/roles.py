"""Who does what to whom in an event: the slot a participant fills, and its role.

A participant's slot is read off the word that names it, where that word hangs on the
trigger (or the verb that carries the trigger's event):

  * agent:   the subject of an active verb, "by X", "from X", a possessor ("Hamas's
             attack", "X's assassination of Y"), a name or nationality before a noun
             trigger ("US strikes", "an Israeli strike");
  * patient: the object, the passive subject, the noun a past participle describes
             ("Karim Haddad, arrested on Monday"), "against X", "on X", "of X", the
             subject of a verb that undergoes ("US forces faced attacks"), the
             possessor of a noun like "assassination" with no "of" after it;
  * with:    "with X", "between X and Y", "alongside X".

ontology.yaml maps each slot to the event type's role (attack: attacker / target;
arrest: agent / detainee; meeting: participant, "hosted" gives host); a participant in
no slot is a plain participant.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from threadline.extract.events.lexicon import SlotLexicon, load_slots

PATIENT_DEPS = frozenset({"nsubjpass", "dobj", "dative", "oprd"})
NAME_BEFORE_NOUN = frozenset({"compound", "nmod"})


@dataclass(frozen=True, slots=True)
class Argument:
    """A word that may name a participant, the head it hangs on, and the preposition
    between them ("against X": prep is "against")."""

    word: Token
    head: Token
    prep: Token | None = None


@dataclass(frozen=True, slots=True)
class Slotted:
    """A participant's mention token, its slot, and the word it fills the slot of."""

    token: Token
    slot: str | None
    head: Token

    @property
    def head_lemma(self) -> str:
        return self.head.lemma_.lower()


def _prep_slot(prep: Token, lexicon: SlotLexicon) -> str | None:
    word = prep.lower_
    if prep.dep_ == "agent" or word in lexicon.agent_preps:
        return "agent"
    if word in lexicon.with_preps:
        return "with"
    return "patient" if word in lexicon.patient_preps else None


def slot_of(argument: Argument, lexicon: SlotLexicon | None = None) -> str | None:
    """The slot the argument word fills for its head; None for any other position."""
    lexicon = lexicon or load_slots()
    if argument.prep is not None:
        return _prep_slot(argument.prep, lexicon)
    dep, head = argument.word.dep_, argument.head
    lemma = head.lemma_.lower()
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.i == argument.word.i:
        return "patient"  # "a journalist arrested on Monday"
    if dep == "nsubj":
        return "patient" if lemma in lexicon.patient_subject_verbs else "agent"
    if dep in PATIENT_DEPS:
        return "patient"
    if dep == "poss":  # "Qasim's assassination", but "Hamas's attack", "X's assassination of Y"
        undergoes = lemma in lexicon.patient_possessor_nouns and not any(
            c.lower_ == "of" for c in head.children
        )
        return "patient" if undergoes else "agent"
    if dep in NAME_BEFORE_NOUN and head.pos_ in ("NOUN", "PROPN"):
        return "agent"
    return None


def roles_of(
    event_type: str, slotted: list[tuple[str, Slotted]], lexicon: SlotLexicon | None = None
) -> tuple[tuple[str, str], ...]:
    """(mention id, role) for each participant, as the ontology names roles for the type."""
    lexicon = lexicon or load_slots()
    return tuple((mention_id, lexicon.role(event_type, s.slot, s.head_lemma)) for mention_id, s in slotted)
