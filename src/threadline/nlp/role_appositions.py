"""A name set beside a word for a person's role is a person's, whatever the model made of it.

The small model calls many names it has not seen an organization, a place or a building
(a Kurdish or an Andean person's name ORG, a Somali one FAC), most of all names from
languages its training news rarely carried. English news often says in the same
sentence who the name is, with an appositive noun phrase whose head is a role, a rank
or a trade:

- the role after the name: "led by X, a former teacher from Y", "X, the group's leader";
- the role before the name: "the federation's president, X", "Y's security minister, X".

It also says it with a verb that gives the name its role (entity_cues.yaml `role_verbs`
give it to their subject, `naming_verbs` to whom they name):

- the role as the verb's complement: "X became chairwoman of Y", "X was appointed the new
  leader", "X is the group's spokesman";
- the role after "as": "X succeeded Z as head of Y" (both), "Y named X as its commander"
  (X, never Y), "X served as deputy".

The parser links the name and the role by `appos` (either may be the head), or by the
verb's `nsubj`/`nsubjpass`/`dobj` and its `attr`/`oprd`/"as" phrase. A name so linked to a role
word (entity_cues.yaml `role_words` and `person_nouns`, roles.yaml's titles no group
holds, names_words.yaml's one-word titles) becomes a person (PERSON) where:

- no knowledge file matched it (a known name keeps its type);
- no word inside it settles another type ("Brigade", "Ministry", "District":
  entity_cues.yaml `organization` and `location`);
- it is a name of two capitalised words or more (a lone word is left to the model: where
  the story names the person in full, the family name follows, nlp/consistency.py);
- the role is not one a state or a group is also called ("X, a member of the African
  Union", "Iran, a key player": entity_cues.yaml `roles_bodies_hold`);
- the role after the name is not one "its" or "their" gives back to it ("the Alliance,
  its spokesman, X": the spokesman is X, a member of the Alliance).

An appositive whose head is a kind of group or place ("X, a small armed group", "X, the
capital") names no role and says nothing here. The person's shorter names in the story
follow (nlp/consistency.py runs after this).
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from threadline.nlp.names import fold
from threadline.vocabulary import of_pipeline

RELABELLED = frozenset({"ORG", "GPE", "LOC", "FAC"})
OWNERS = frozenset({"its", "their"})  # a role "its" gives belongs to a body's member
NAMED = frozenset({"dobj", "oprd", "nsubjpass"})  # whom a naming verb names (the parser may say oprd)


class RoleAppositions:
    """Relabel names in apposition with a role word as persons; see the module docstring."""

    def __init__(self, cues: dict, titles: Iterable[str]) -> None:
        words = [*titles, *(cues.get("role_words") or ()), *(cues.get("person_nouns") or ())]
        shared = {w.lower() for w in cues.get("roles_bodies_hold") or ()}
        self.roles = frozenset(w.lower() for w in words if " " not in w) - shared
        self.other_words = {fold(w) for key in ("organization", "location") for w in cues.get(key) or ()}
        self.role_verbs = frozenset(w.lower() for w in cues.get("role_verbs") or ())
        self.naming_verbs = frozenset(w.lower() for w in cues.get("naming_verbs") or ())

    def __call__(self, doc: Doc) -> Doc:
        persons = [self.is_person(span) for span in doc.ents]  # each span asked once
        if any(persons):
            doc.ents = [
                Span(doc, e.start, e.end, label="PERSON") if person else e
                for e, person in zip(doc.ents, persons, strict=True)
            ]
        return doc

    def is_person(self, span: Span) -> bool:
        """A name the model did not call a person, shown to be one by its appositive role."""
        if span.label_ not in RELABELLED or span.ent_id_ or not self._name_shaped(span):
            return False
        root = span.root
        after = [c for c in root.children if c.dep_ == "appos" and self._is_role(c) and not _owned(c)]
        before = root.dep_ == "appos" and root.head.i != root.i and self._is_role(root.head)
        return bool(after) or before or self._given_role(root)

    def _given_role(self, root: Token) -> bool:
        """The name takes a role a verb gives: its subject ("X became chairwoman", "X
        succeeded Z as head"), or the one it names ("Y named X as its commander", "X was
        appointed leader"); never the namer ("Kestrel Holdings named Z as its director")."""
        verb, lemma = root.head, root.head.lemma_.lower()
        takes = (root.dep_ == "nsubj" and lemma in self.role_verbs) or (
            root.dep_ in NAMED and lemma in self.naming_verbs
        )
        if not takes:
            return False
        named_object = root.dep_ in NAMED and root.dep_ != "nsubjpass"
        complements = [] if named_object else [c for c in verb.children if c.dep_ in ("attr", "oprd")]
        as_roles = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children]
        return any(self._is_role(t) for t in (*complements, *as_roles))

    def _name_shaped(self, span: Span) -> bool:
        words = [t for t in span if t.is_alpha]
        capitalised = [t for t in words if t.text[:1].isupper()]
        return len(capitalised) >= 2 and not any(fold(t.text) in self.other_words for t in span)

    def _is_role(self, token: Token) -> bool:
        return token.pos_ == "NOUN" and token.lower_ in self.roles and not token.ent_type_


def _owned(role: Token) -> bool:
    """A role after a name that "its" or "their" gives back to it ("the Alliance, its
    spokesman, X"): the role is a member's, not the name's. Before a name the role is the
    name's ("its spokesman, X")."""
    return any(c.dep_ == "poss" and c.lower_ in OWNERS for c in role.children)


@Language.factory("threadline_role_appositions")
def make_role_appositions(nlp: Language, name: str) -> RoleAppositions:
    vocabulary = of_pipeline(nlp)
    roles = [t.title for t in vocabulary.roles.titles.values() if not t.groups and not t.plural]
    return RoleAppositions(vocabulary.entity_cues, [*vocabulary.titles, *roles])
