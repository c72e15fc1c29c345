"""Offices stated by the clause around a role title, read off the dependency parse.

  copula     "X, who was the second president of Y", "X became chairman of Y",
             "the current president of Y is X"
  as         "X served as mayor of Y", "X reigned as king of Y", "Y named X as its envoy"
  predicate  "X was elected chairwoman of Y", "Z appointed X attorney general of Y"
  headed_by  "Y, headed by X", "the party, founded by X", "chaired by X" (several named
             together are members: "founded by A and B")
  took       "X took over the leadership of Y", "X assumed command of Y" (relation_cues.yaml
             `taking_verbs` and `leading_nouns`; to lose or hand over the helm is no verb of them)
  under      "Y fought under the command of X", "Y seized two towns under X's command"
The title decides the predicate and the group as in `roles` ("deputy", "senior" and
plurals make members); the clause only finds who holds it, so "X, a Y politician who
was president of Z" ties X to Z, and a pronoun holder needs a clear antecedent.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import clause_subject, phrase_before, refers_to
from threadline.extract.relations.candidate import Candidate
from threadline.extract.relations.roles import role_objects
from threadline.vocabulary import of_doc

PERSON = ("person",)
COPULAS = frozenset({"be", "become", "remain"})


def _child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _holder_of_verb(verb: Token) -> Token | None:
    """Who holds the office a verb confers or states: "X was elected ...", "Z appointed X ...",
    "X served as ..."."""
    if verb.lemma_ in of_doc(verb.doc).relation_cues.naming_verbs:
        return _child(verb, "nsubjpass") or _child(verb, "dobj")
    return clause_subject(verb)


def _holder(title: Token) -> Token | None:
    """The word naming who holds the title, from the clause the title stands in."""
    head = title.head
    if title.dep_ in ("attr", "acomp") and head.lemma_ in COPULAS:
        return _child(head, "nsubj", "nsubjpass")
    if title.dep_ == "nsubj" and head.lemma_ == "be":  # "the president of Y is X"
        return _child(head, "attr")
    if title.dep_ == "oprd" and head.pos_ == "VERB":
        return _holder_of_verb(head)
    cues = of_doc(title.doc).relation_cues
    if (
        title.dep_ == "pobj"
        and head.lower_ == "as"
        and head.head.lemma_ in cues.office_verbs | cues.naming_verbs
    ):
        return _holder_of_verb(head.head)
    return None


def _copular(ps: ParsedStory) -> list[Candidate]:
    found = []
    for i, title in ps.title_at.items():
        token = ps.doc[i]
        holder = _holder(token)
        person = refers_to(ps, holder, PERSON) if holder is not None else None
        if person is None:
            continue
        before = phrase_before(ps, token.i)
        found += [
            Candidate(person, predicate, group, token, "office.clause", role=title.title)
            for group, predicate in role_objects(ps, token, before)
        ]
    return found


def _agents(verb: Token) -> list[Token]:
    """The people in a verb's "by" phrase: "founded by A and B"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    first = _child(by, "pobj") if by is not None else None
    if first is None:
        return []
    return [first, *(c for c in first.children if c.dep_ == "conj")]


def _headed_by(ps: ParsedStory) -> list[Candidate]:
    """ "Y, headed by X", "the group was founded by A and B" (founders are members)."""
    cues = ps.vocabulary.relation_cues
    found = []
    for verb in ps.doc:
        lemma = verb.lemma_.lower()
        if verb.tag_ != "VBN" or lemma not in cues.heading_verbs | cues.founding_verbs or lemma == "lead":
            continue
        people = [p for p in (refers_to(ps, a, PERSON) for a in _agents(verb)) if p is not None]
        subject = clause_subject(verb)
        group = refers_to(ps, subject, ("organization",)) if subject is not None else None
        if group is None or not people:
            continue
        leads = len(people) == 1 and lemma in cues.heading_verbs
        predicate = "leader_of" if leads else "member_of"
        found += [Candidate(p, predicate, group, verb, f"office.{lemma}_by") for p in people]
    return found


def _past(verb: Token) -> bool:
    """ "X led Y", "X, who once headed Y", "X led Y until 2019": the role is over."""
    cue_words = {"until", "once", "formerly", "previously"}
    return verb.tag_ == "VBD" or any(c.lower_ in cue_words for c in verb.subtree if c.head.i == verb.i)


def _led_group(ps: ParsedStory, obj: Token) -> tuple[Token, str] | None:
    """ "heads Y" -> (Y, leader_of); "commands a battalion of Y" -> (Y, member_of)."""
    group = refers_to(ps, obj, ("organization",))
    if group is not None:
        return group, "leader_of"
    if obj.lemma_.lower() not in ps.vocabulary.roles.unit_nouns | ps.vocabulary.roles.group_nouns:
        return None
    of = [c for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
    owner = next((refers_to(ps, c, ("organization",)) for c in of if c.dep_ == "pobj"), None)
    return (owner, "member_of") if owner is not None else None


def _leads(ps: ParsedStory) -> list[Candidate]:
    """ "X heads Y", "X, who heads Y", "X now commands a company of Y" (active voice)."""
    found = []
    for verb in ps.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in ps.vocabulary.relation_cues.heading_verbs:
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            continue
        subject = clause_subject(verb)
        person = refers_to(ps, subject, PERSON) if subject is not None else None
        obj = _child(verb, "dobj")
        led = _led_group(ps, obj) if person is not None and obj is not None else None
        if person is not None and led is not None:
            found.append(Candidate(person, led[1], led[0], verb, "office.leads", former=_past(verb)))
    return found


def _took_the_lead(ps: ParsedStory) -> list[Candidate]:
    """ "X took over the leadership of Y", "X assumed command of Y": X leads Y."""
    cues = ps.vocabulary.relation_cues
    found = []
    for verb in ps.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues.taking_verbs:
            continue
        lead = next(
            (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in cues.leading_nouns), None
        )
        subject = clause_subject(verb) if lead is not None else None
        person = refers_to(ps, subject, PERSON) if subject is not None else None
        led = (
            [c for p in lead.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children]
            if lead
            else []
        )
        group = next((g for c in led if (g := refers_to(ps, c, ("organization",))) is not None), None)
        if person is not None and group is not None and lead is not None:
            found.append(Candidate(person, "leader_of", group, lead, f"office.took_{lead.lemma_.lower()}"))
    return found


def _led_under(ps: ParsedStory, lead: Token) -> Candidate | None:
    """ "Y fought under the command of X", "Y seized towns under X's leadership": X leads Y."""
    under = lead.head
    if lead.dep_ != "pobj" or under.lower_ != "under" or under.head.pos_ not in ("VERB", "AUX"):
        return None
    of = [
        c
        for p in lead.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for c in p.children
        if c.dep_ == "pobj"
    ]
    holders = of or [c for c in lead.children if c.dep_ == "poss"]
    person = refers_to(ps, holders[0], PERSON) if holders else None
    subject = clause_subject(under.head) if person is not None else None
    group = refers_to(ps, subject, ("organization",)) if subject is not None else None
    if person is None or group is None:
        return None
    return Candidate(person, "leader_of", group, lead, f"office.under_{lead.lemma_.lower()}")


def _under_leadership(ps: ParsedStory) -> list[Candidate]:
    leading = ps.vocabulary.relation_cues.leading_nouns
    found = (_led_under(ps, t) for t in ps.doc if t.pos_ == "NOUN" and t.lemma_.lower() in leading)
    return [c for c in found if c is not None]


def find(ps: ParsedStory) -> list[Candidate]:
    """Every leader_of / member_of candidate a clause around a title, "headed by", a
    leading verb or a leadership taken states."""
    return _copular(ps) + _headed_by(ps) + _leads(ps) + _took_the_lead(ps) + _under_leadership(ps)
