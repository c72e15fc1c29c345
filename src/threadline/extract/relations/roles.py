"""People and the groups or states they hold a role in: leader_of, member_of.

Families, each a token pattern over the merged parse:
  appositive   "X, leader of Y" / "X, the secretary-general of Y" / "X, a member of Y's office"
               / "X, one of the group's senior leaders" / "X is a member of Y"
               / "A, B and C, all members of Y" (each of them; groups: part_of)
  title        "Y leader X" / "Senior Y leader X" / "Iraq's foreign minister, X"
               / "Iraqi Prime Minister X" / "the leader of Y, X" / "its coordinator, Dr X"
  possessive   "Y's X"
  appointment  "Y named X as its spokesman"
  led_by       "the group, led by X" / "Founded ... and led by X, the group"
  delegation   "The Y delegation was led by X and included Z"
  of_group     "Colonel X of Iran's Quds Force"
  bracketed    "X (Y official)", as event notes name a person
A leader title becomes member_of when its holder is one of several: a qualifier ("senior",
"deputy", "top"), a plural, "a"/"one of", a unit between the group and the title ("EU
foreign policy chief X"), or a title several hold at once ("commander") used without a
definite article or possessor ("Y commander X"). A past qualifier ("former", "ex-") states
the role as past.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import (
    clause_subject,
    coordinated,
    fuller_group,
    head_mention,
    is_modifier,
    is_possessor,
    phrase_after,
    phrase_before,
    possessor_mentions,
    refers_to,
)
from threadline.extract.relations.candidate import (
    COMMA,
    ORG,
    PERSON,
    TITLE,
    Candidate,
    gap,
    matches,
    names_in_story,
)
from threadline.extract.vocabulary import RoleLexicon, Title, normalise_title
from threadline.vocabulary import Vocabulary

GROUPS = ("organization", "location")
HOLDER = {"ENT_TYPE": {"IN": ["person", "organization"]}}
BE = {"LEMMA": "be"}
NP_GAP = {**gap(5), "POS": {"NOT_IN": ["VERB", "AUX", "ADP", "SCONJ", "CCONJ"]}}
INDEFINITE = frozenset({"a", "an", "one"})
DISTRIBUTIVE = frozenset({"all", "both", "each"})


def _patterns(vocabulary: Vocabulary) -> dict[str, list[list[dict]]]:
    honorific = {"LOWER": {"IN": sorted(vocabulary.roles.honorifics)}, "OP": "{0,2}"}
    return {
        "role.appositive": [
            [HOLDER, COMMA, gap(8), TITLE],
            [PERSON, COMMA, {"LOWER": {"IN": ["who", "now"]}}, BE, gap(8), TITLE],
            [HOLDER, BE, gap(8), TITLE],
            [PERSON, {"LEMMA": {"IN": ["serve", "act", "become"]}}, {"LOWER": "as"}, gap(6), TITLE],
        ],
        "role.title": [
            [TITLE, PERSON],
            [TITLE, COMMA, honorific, {**TITLE, "OP": "?"}, PERSON],
            [TITLE, {**honorific, "OP": "{1,2}"}, PERSON],
            [TITLE, TITLE, PERSON],
            [TITLE, {"LOWER": {"IN": ["of", "for"]}}, NP_GAP, {"ORTH": ",", "OP": "?"}, PERSON],
        ],
        "role.possessive": [[ORG, {"LOWER": {"IN": ["'s", "’s"]}}, PERSON]],
        "role.appointment": [
            [
                {"LEMMA": {"IN": ["name", "appoint", "elect", "choose", "select", "install", "promote"]}},
                PERSON,
                {"LOWER": "as"},
                gap(5),
                TITLE,
            ],
        ],
        "role.bracketed": [[PERSON, {"ORTH": "("}, gap(5), TITLE, {"ORTH": ")"}]],
        "role.led_by": [[{"LOWER": "led"}, {"LOWER": "by"}, gap(4), PERSON]],
        "role.of_group": [[PERSON, {"LOWER": "of"}, NP_GAP, ORG]],
    }


def _predicate(roles: RoleLexicon, title: Title, before: list[Token], definite: bool = True) -> str:
    """The title's predicate, or member_of where the words make its holder one of several:
    a qualifier ("deputy", "senior"), "one of", an indefinite article, or a title several
    hold at once ("commander") used without a definite article or possessor."""
    if title.plural or title.predicate != "leader_of":
        return title.predicate
    words = {t.lower_ for t in before}
    several = words & (roles.member_qualifiers | INDEFINITE) or (title.shared and not definite)
    return "member_of" if several else title.predicate


def _is_past(roles: RoleLexicon, before: list[Token]) -> bool:
    """ "former commander", "ex-leader", "the then head": a role held no longer."""
    return bool({t.lower_ for t in before} & (roles.past_qualifiers | {"ex"}))


def _definite(before: list[Token]) -> bool:
    """ "the Y commander", "Y's commander": one title-holder is meant."""
    return any(t.lower_ == "the" or is_possessor(t) for t in before)


def _segment(before: list[Token], ps: ParsedStory) -> list[Token]:
    """The words before a title back to the previous title or "and"."""
    cut = 0
    for k, token in enumerate(before):
        if token.i in ps.title_at or token.pos_ == "CCONJ":
            cut = k + 1
    return before[cut:]


def _left_objects(
    ps: ParsedStory, role: Token, before: list[Token], predicate: str
) -> list[tuple[Token, str]]:
    """Groups named before the title: "Hamas leader", "Hamas's leader", "its leader", "Iraqi Prime Minister"."""
    title = ps.title_at[role.i]
    found = [(o, predicate) for o in possessor_mentions(ps, before, GROUPS)]
    for k, token in enumerate(before):
        if ps.type_of(token) in GROUPS and not is_modifier(token) and not is_possessor(token):
            between = before[k + 1 :]
            unit = any(t.pos_ == "NOUN" and t.lower_ not in ps.vocabulary.roles.group_nouns for t in between)
            nouns = [t for t in between[:1] if t.lemma_.lower() in ps.vocabulary.roles.group_nouns]
            named = fuller_group(ps, token, nouns[0]) if nouns else None  # "the X brigade commander"
            found.append((named or token, "member_of" if unit else predicate))
        nation = ps.vocabulary.roles.nationalities.get(token.lower_)
        if nation and title.government and token.ent_type_ == "NORP":
            country = names_in_story(ps, nation, role)
            if country is not None:
                found.append((country, predicate))
    return found


def _right_objects(ps: ParsedStory, role: Token, predicate: str) -> list[tuple[Token, str]]:
    """Groups named after the title: "leader of Y", "spokesman for Y", "representative in Lebanon"."""
    doc = ps.doc
    if role.i + 1 >= len(doc) or doc[role.i + 1].lower_ not in ("of", "for", "at", "in", "with"):
        return []
    prep = doc[role.i + 1].lower_
    phrase = phrase_after(ps, role.i + 2)
    found = [(o, "member_of") for o in possessor_mentions(ps, phrase, GROUPS)]
    head = head_mention(ps, phrase, GROUPS)
    nouns = [t for t in phrase if t.pos_ == "NOUN" and t.i not in ps.title_at]
    if head is None and not found and nouns and prep in ("of", "for"):
        head = refers_to(ps, nouns[-1], ("organization",))  # "leader of the group": the group named before
    if head is not None:
        located = prep == "in" and ps.type_of(head) == "location"
        found.append((head, "located_in" if located else predicate))
    return found


def role_objects(
    ps: ParsedStory, role: Token, before: list[Token], definite: bool | None = None
) -> list[tuple[Token, str]]:
    """Every (group, predicate) a title ties its holder to; a title of a group only
    ("politician", "guitarist") ties no one to a place ("a Texas politician")."""
    segment = _segment(before, ps)
    title = ps.title_at[role.i]
    definite = _definite(segment) if definite is None else definite
    predicate = _predicate(ps.vocabulary.roles, title, segment, definite)
    found = _right_objects(ps, role, predicate) + _left_objects(ps, role, segment, predicate)
    if normalise_title(title.title) in ps.vocabulary.relation_cues.group_titles:
        found = [(o, p) for o, p in found if ps.type_of(o) == "organization"]
    return found


def _candidates(
    ps: ParsedStory, holder: Token, role: Token, before: list[Token], name: str, definite: bool | None = None
) -> list[Candidate]:
    title = ps.title_at[role.i].title
    past = _is_past(ps.vocabulary.roles, _segment(before, ps))
    return [
        Candidate(holder, predicate, obj, role, name, role=title, former=past)
        for obj, predicate in role_objects(ps, role, before, definite)
    ]


def _appositive(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    """ "X, leader of Y", "X, a commander of Y"; "A, B and C, all members of Y" for each."""
    holder, role = ps.doc[start], ps.doc[end - 1]
    if ps.type_of(holder) == "organization" and not ps.title_at[role.i].groups:
        return []  # "the group, its spokesman said": the title is someone else's
    between = list(ps.doc[start + 1 : end - 1])
    if between[:1] and between[0].text == "," and between[1:2] and between[1].pos_ == "CCONJ":
        return []  # "Y's leader, X, and its spokesman, Z": the spokesman is Z, not X
    definite = not {t.lower_ for t in between} & INDEFINITE
    shared = {t.lower_ for t in between} & DISTRIBUTIVE or ps.title_at[role.i].plural
    holders = coordinated(ps, holder) if shared else [holder]
    return [c for h in holders for c in _candidates(ps, h, role, between, "role.appositive", definite)]


def _listed_from(ps: ParsedStory, first: Token) -> list[Token]:
    """The persons of a list that starts at `first` ("A, B and C"): the last one joined by
    "and"/"or" ends it; without one, just [first]."""
    found, doc = [first], ps.doc
    for token in doc[first.i + 1 : first.sent.end]:
        if ps.type_of(token) == "person":
            found.append(token)
            if doc[token.i - 1].lower_ in ("and", "or"):
                return found
        elif token.text != "," and token.pos_ != "DET" and token.lower_ not in ("and", "or"):
            break
    return [first]


def _title(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    """ "Y leader X"; a plural title before a list gives each its role ("two members of
    Y, A and B")."""
    role, person = ps.doc[start], ps.doc[end - 1]
    holders = _listed_from(ps, person) if ps.title_at[role.i].plural else [person]
    before = phrase_before(ps, start)
    return [c for h in holders for c in _candidates(ps, h, role, before, "role.title")]


def _bracketed(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    """ "X (Y official)", as event notes name a person: the title in brackets is X's."""
    person, role = ps.doc[start], ps.doc[end - 2]
    return _candidates(ps, person, role, list(ps.doc[start + 2 : end - 2]), "role.bracketed")


def _of_group(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    """ "Colonel X of Iran's Quds Force", "Y official X of the Z party": a person of a group."""
    person = ps.doc[start]
    group = head_mention(ps, phrase_after(ps, start + 2), ("organization",))
    return (
        [] if group is None else [Candidate(person, "member_of", group, ps.doc[start + 1], "role.of_group")]
    )


def _appointment(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    verb, person, role = doc[start], doc[start + 1], doc[end - 1]
    subject = clause_subject(verb)
    group = refers_to(ps, subject, GROUPS) if subject is not None else None
    if group is None:
        return []
    predicate = _predicate(ps.vocabulary.roles, ps.title_at[role.i], list(doc[start + 3 : end - 1]))
    return [Candidate(person, predicate, group, role, "role.appointment", role=ps.title_at[role.i].title)]


def _group_of_delegation(ps: ParsedStory, noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ in ("compound", "poss", "nmod") and ps.type_of(child) == "organization":
            return child
    return (
        refers_to(ps, noun, ("organization",))
        if noun.lower_ != "delegation"
        else _delegation_antecedent(ps, noun)
    )


def _delegation_antecedent(ps: ParsedStory, noun: Token) -> Token | None:
    """ "The delegation" after "A Hamas delegation": the group named with the last delegation."""
    for token in reversed(ps.doc[max(0, noun.sent.start - 200) : noun.i]):
        if token.lower_ == "delegation" and token.i != noun.i:
            for child in token.children:
                if child.dep_ in ("compound", "poss", "nmod") and ps.type_of(child) == "organization":
                    return child
    return None


def _led_by(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    verb, person = doc[start], doc[end - 1]
    subject = clause_subject(verb)
    if subject is None:
        return []
    if subject.lower_ in ("delegation", "delegations"):
        group = _group_of_delegation(ps, subject)
        return [Candidate(person, "member_of", group, verb, "role.delegation")] if group is not None else []
    group = refers_to(ps, subject, ("organization",))
    return (
        [Candidate(person, "leader_of", group, verb, "role.led_by", role="leader")]
        if group is not None
        else []
    )


def _delegation_members(ps: ParsedStory) -> list[Candidate]:
    """ "The Hamas delegation included X, Y": every person listed is a member of the group."""
    found = []
    for verb in ps.doc:
        if verb.lemma_ not in ("include", "comprise") or verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = clause_subject(verb)
        if subject is None or subject.lower_ != "delegation":
            continue
        group = _group_of_delegation(ps, subject)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        people = [
            t for o in objects for t in o.subtree if ps.type_of(t) == "person" and t.head.dep_ != "appos"
        ]
        found += [
            Candidate(p, "member_of", group, verb, "role.delegation") for p in people if group is not None
        ]
    return found


HANDLERS = {
    "role.appositive": _appositive,
    "role.title": _title,
    "role.appointment": _appointment,
    "role.led_by": _led_by,
    "role.of_group": _of_group,
    "role.bracketed": _bracketed,
}


def find(ps: ParsedStory) -> list[Candidate]:
    """Every leader_of / member_of candidate in the story."""
    found: list[Candidate] = []
    for name, start, end in matches(ps, "roles", _patterns):
        if name == "role.possessive":
            doc = ps.doc
            found.append(Candidate(doc[end - 1], "member_of", doc[start], doc[end - 1], name))
        else:
            found += HANDLERS[name](ps, start, end)
    return found + _delegation_members(ps)
