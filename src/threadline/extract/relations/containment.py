"""Where places and organizations are, read off the dependency parse: located_in.

  noun     "X is a village in Y", "X, a town in Y", "X is the largest party in Y",
           "X, a district of Y", "X, the capital of Y", "Y's capital X"
  verb     "X is located in Y", "a company based in Y", "X, headquartered in Y"
  prep     "the Drake Hotel in Y", "Harir airport in the northern city of Y"
  chain    "Bely, Tver Oblast, Russia" (not a list: "Iraq, Syria and Jordan"; see `places`)
Every place found is followed up its own containers ("in Y, Z", "in Y in Z", "the Y
region of Z", "the U.S. state of Y"), so "X is a village in Y, Z" states X in Y, Y in Z
and X in Z. A country is never placed inside anything here ("the role of Iran in
Syria"), and a person only by a basing verb ("X, who is based in Y").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import (
    RELATIVE,
    clause_subject,
    is_modifier,
    is_possessor,
    left_apposition,
    refers_to,
)
from threadline.extract.relations.candidate import Candidate
from threadline.extract.relations.places import (
    DIRECTIONS,
    chain_next,
    is_country,
    lemma,
    named,
    noun_containers,
    of_name,
    place_noun,
    place_of,
    pobj,
    preps,
)

HOLDERS = ("organization", "location")
DEPTH = 4  # containers followed from one place
Link = tuple[Token, Token]  # (the place, the token the statement hangs on)


def _prep_places(ps: ParsedStory, head: Token) -> Iterator[Link]:
    for prep in preps(head, ps.vocabulary.relation_cues.locating_preps):
        place = place_of(ps, pobj(prep))
        if place is not None:
            yield place, prep


def off_from(token: Token) -> bool:
    """ "north of X in Y", "north of the X river in Y": Y places what lies north of X."""
    head = token.head if token.dep_ == "pobj" else None
    return head is not None and head.lower_ in ("of", "from") and head.head.lower_ in DIRECTIONS


def _adjacent_in(ps: ParsedStory, token: Token) -> Iterator[Link]:
    """ "Y in Z" where "in" follows the name (or its place noun) whatever the parser hung it on."""
    doc = ps.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if off_from(token):
        return
    if nxt is not None and nxt.lower_ in ps.vocabulary.relation_cues.locating_preps:
        place = place_of(ps, pobj(nxt))
        if place is not None:
            yield place, nxt


def _inside(ps: ParsedStory, name: Token, noun: Token | None, last: Token) -> list[Link]:
    """The "in Y" said of a place, on its name or its place noun or right after them."""
    if off_from(name) or (noun is not None and off_from(noun)):
        return []
    found = list(_prep_places(ps, name)) + list(_adjacent_in(ps, last))
    return found + (list(_prep_places(ps, noun)) if noun is not None else [])


def containers(ps: ParsedStory, name: Token) -> list[Link]:
    """The places a named place is directly said to lie in, with the token that says so."""
    if is_country(name) or not named(ps, name):
        return []
    noun = place_noun(ps, name)
    last = noun if noun is not None and noun.i > name.i else name
    found = _inside(ps, name, noun, last)
    if (
        name.text.split()[-1].lower() in ps.vocabulary.relation_cues.admin_nouns
    ):  # "the Samarqand Region of Uzbekistan"
        found += [(p, name) for p in [of_name(ps, name)] if p is not None]
    if noun is not None:
        found += [(c, noun) for c in noun_containers(ps, name, noun)]
    chained = chain_next(ps, last)
    if chained is not None:
        found.append((chained, chained))
    return [(p, a) for p, a in found if p.i != name.i]


def closure(ps: ParsedStory, first: Token) -> list[Token]:
    """first and every place it lies in, following containers up to DEPTH steps."""
    seen, frontier = [first], [first]
    for _ in range(DEPTH):
        frontier = [p for t in frontier for p, _ in containers(ps, t) if p not in seen]
        seen += list(dict.fromkeys(frontier))
        if not frontier:
            break
    return seen


def placed(ps: ParsedStory, subject: Token, first: Token, anchor: Token, pattern: str) -> list[Candidate]:
    """subject located_in first and in every place first lies in."""
    if subject.i == first.i or (ps.type_of(subject) == "location" and is_country(subject)):
        return []
    return [
        Candidate(subject, "located_in", p, anchor, pattern) for p in closure(ps, first) if p.i != subject.i
    ]


def _one_of(token: Token) -> Token:
    """ "one of the schools": the noun after "one of"."""
    if token.lower_ != "one":
        return token
    of = [pobj(p) for p in preps(token, frozenset({"of"}))]
    return of[0] if of and of[0] is not None else token


def _misplaced_appositions(ps: ParsedStory, subject: Token) -> list[Token]:
    """ "Residents of X, the capital of Y": an apposition the parser hung on another word."""
    doc = ps.doc
    after = doc[subject.i + 1 : subject.i + 6]
    if not len(after) or after[0].text != ",":
        return []
    nouns = [t for t in after if t.dep_ == "appos" and t.head.i != subject.i and t.pos_ == "NOUN"]
    return [n for n in nouns[:1] if left_apposition(ps, n, HOLDERS) == subject]


def descriptions(ps: ParsedStory, subject: Token) -> list[Token]:
    """Nouns said of a name: "X, a town ...", "X is one of the towns ...", "Y's capital X"."""
    said = [c for c in subject.children if c.dep_ == "appos"]
    head = subject.head
    if (
        subject.dep_ == "appos"
        and head.pos_ == "NOUN"
        and all(t.is_punct or (t.dep_ == "det" and t.head == subject) for t in ps.doc[head.i + 1 : subject.i])
    ):
        said.append(head)  # "the daily, X", "its wing, the X"; not "a community in Y, X"
    said += _misplaced_appositions(ps, subject)
    if subject.dep_ == "nsubj" and subject.head.lemma_ == "be":
        said += [c for c in subject.head.children if c.dep_ in ("attr", "conj")]
    for clause in (
        c for c in subject.children if c.dep_ == "relcl" and c.lemma_ == "be"
    ):  # "X, which is ..."
        if any(c.dep_ == "nsubj" and c.lower_ in RELATIVE for c in clause.children):
            said += [c for c in clause.children if c.dep_ == "attr"]
    nouns = [_one_of(t) for t in said]
    nouns = [n for n in nouns if n.pos_ in ("NOUN", "PROPN")]
    nouns += [c for n in nouns for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return [n for n in nouns if n.i not in ps.mention_at]


def _described_places(ps: ParsedStory, subject: Token, noun: Token) -> Iterator[Link]:
    cues = ps.vocabulary.relation_cues
    word = lemma(noun)
    kinds = cues.place_nouns | cues.site_nouns | ps.vocabulary.roles.group_nouns
    if word in kinds:
        yield from _prep_places(ps, noun)
    if word in cues.transparent_nouns:  # "X is part of Y", "X, in the north of Y"
        yield from ((p, noun) for p in [place_of(ps, noun)] if p is not None)
    area = word in cues.admin_nouns or word in cues.capital_nouns
    if area and ps.type_of(subject) == "location":
        of = [place_of(ps, pobj(p)) for p in preps(noun, frozenset({"of"}))]
        owners = [c for c in noun.children if c.dep_ == "poss" and ps.type_of(c) == "location"]
        yield from ((p, noun) for p in [*of, *owners] if p is not None)


def _described(ps: ParsedStory) -> Iterator[tuple[Token, Token]]:
    """(name, noun said of it): "X, a town in Y", "X is one of the towns of Y"."""
    for token in ps.doc:
        if ps.type_of(token) in HOLDERS and not is_modifier(token) and not is_possessor(token):
            yield from ((token, noun) for noun in descriptions(ps, token))


def _by_nouns(ps: ParsedStory) -> list[Candidate]:
    found = []
    for subject, noun in _described(ps):
        for place, anchor in _described_places(ps, subject, noun):
            found += placed(ps, subject, place, anchor, "location.noun")
    return found


def _by_verbs(ps: ParsedStory) -> list[Candidate]:
    cues = ps.vocabulary.relation_cues
    found = []
    for verb in ps.doc:
        if verb.pos_ not in ("VERB", "AUX") or lemma(verb) not in cues.locating_verbs:
            continue
        types = ("person", *HOLDERS) if lemma(verb) in cues.person_locating_verbs else HOLDERS
        subject = clause_subject(verb)
        holder = refers_to(ps, subject, types) if subject is not None else None
        if holder is None:
            continue
        for place, _ in _prep_places(ps, verb):
            found += placed(ps, holder, place, verb, "location.verb")
    return found


def _bypreps(ps: ParsedStory) -> list[Candidate]:
    """ "Ain al-Asad in western Iraq", "the Drake Hotel in Y", "at X in Y", and chains
    "Y, Z". Another organization "in Y" is as often acting there as based there ("the
    IDF in Gaza", "met members of X in Y"), so it needs a noun or a verb."""
    found = []
    for token in ps.doc:
        if ps.type_of(token) == "location":
            for place, anchor in containers(ps, token):
                found += placed(ps, token, place, anchor, "location.in")
        elif _sited(ps, token):
            for place, anchor in [*_prep_places(ps, token), *_adjacent_in(ps, token)]:
                found += placed(ps, token, place, anchor, "location.in")
    return found


def _sited(ps: ParsedStory, token: Token) -> bool:
    """An organization whose "in Y" says where it is: a school, a hotel, or anything "at"."""
    if ps.type_of(token) != "organization" or is_modifier(token) or is_possessor(token):
        return False
    at = token.dep_ == "pobj" and token.head.lower_ == "at"
    return at or token.text.split()[-1].lower() in ps.vocabulary.relation_cues.institution_nouns


def find(ps: ParsedStory) -> list[Candidate]:
    """Every located_in candidate the parse states."""
    return _bypreps(ps) + _by_nouns(ps) + _by_verbs(ps)
