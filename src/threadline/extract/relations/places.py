"""Which place a phrase names, and which place a comma chain puts it in.

  name      "Y", "the city of Y", "the Y region", "the northern part of Y"; in "the U.S.
            state of Y" the name is Y and the U.S. holds it, in "the Y district of Z" Y
            is named and Z holds it (named_before_nouns)
  chain     "Bely, Tver Oblast, Russia": each place lies in the next, unless the run of
            names is a list ("Iraq, Syria and Jordan", "A, B, the C", five or more
            names, a country before the end) rather than "Gloucester, Massachusetts and
            Brooklyn, New York"
A country is never inside another place here (the countries are the nationalities
file's names).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import is_modifier, is_possessor
from threadline.extract.relations.candidate import names_in_story
from threadline.vocabulary import of_doc

MAX_CHAIN = 5  # "A, B, C, D, E" is a list, not a place in four others
LIST_WORDS = frozenset({"and", "or", "&", "nor", "etc", "etc."})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})


def is_country(token: Token) -> bool:
    return token.lower_.removeprefix("the ") in of_doc(token.doc).nationality_countries


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def preps(token: Token, words: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]


def named(ps: ParsedStory, token: Token | None) -> bool:
    """A location mention used as a name, not as a modifier or possessor."""
    return (
        token is not None
        and ps.type_of(token) == "location"
        and not is_modifier(token)
        and not is_possessor(token)
    )


def of_name(ps: ParsedStory, noun: Token) -> Token | None:
    found = [pobj(p) for p in preps(noun, frozenset({"of"}))]
    return next((t for t in found if named(ps, t)), None)


def _compound_name(ps: ParsedStory, noun: Token) -> Token | None:
    found = [c for c in noun.children if c.dep_ in ("compound", "nmod") and named(ps, c)]
    return found[-1] if found else None


def _name_parts(ps: ParsedStory, noun: Token) -> tuple[Token | None, Token | None]:
    """(the place named, the place holding it) in "the Y noun of X": "the U.S. state of
    X", "the X region of Italy", "the X district of Y" (named_before_nouns); "the
    Wellington suburb of Miramar" may read either way, so only Miramar is named there."""
    of, compound = of_name(ps, noun), _compound_name(ps, noun)
    if of is None or compound is None:
        return (of or compound), None
    if is_country(compound):
        return of, compound
    if is_country(of) or lemma(noun) in ps.vocabulary.relation_cues.named_before_nouns:
        return compound, of
    return of, None


def place_of(ps: ParsedStory, token: Token | None, depth: int = 0) -> Token | None:
    """The named place a phrase head stands for: the name itself, "the city of Y",
    "the Y region", "the northern part of Y"."""
    if token is None or depth > 2:
        return None
    if ps.type_of(token) is not None:
        return token if named(ps, token) else None
    cues = ps.vocabulary.relation_cues
    if lemma(token) in cues.transparent_nouns:
        if lemma(token) in DIRECTIONS and not any(c.lower_ == "the" for c in token.children):
            return None  # "the north of Y" is in Y; "65 km north of Y" is not
        of = [pobj(p) for p in preps(token, frozenset({"of"}))]
        return place_of(ps, of[0], depth + 1) if of else None
    if token.pos_ not in ("NOUN", "PROPN") or lemma(token) not in cues.place_nouns:
        return None
    return _name_parts(ps, token)[0] or _owner_place(ps, token)


def _owner_place(ps: ParsedStory, noun: Token) -> Token | None:
    """ "Mali's central region", an area no name names: it lies in its owner, which
    stands for it as a container."""
    owners = [c for c in noun.children if c.dep_ == "poss" and ps.type_of(c) == "location"]
    return owners[0] if owners and not is_modifier(owners[0]) else None


def place_noun(ps: ParsedStory, name: Token) -> Token | None:
    """The place noun a name goes with: "city" in "the city of Y", "airport" in "Y airport"."""
    head = name.head
    if name.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif name.dep_ not in ("compound", "nmod"):
        return None
    if head.i in ps.mention_at or lemma(head) not in ps.vocabulary.relation_cues.place_nouns:
        return None
    return head if place_of(ps, head) is not None else None


def noun_containers(ps: ParsedStory, name: Token, noun: Token) -> list[Token]:
    """ "the U.S. state of Y" (Y in the U.S.), "the Y region of Italy", "the Syrian city of Y"."""
    named, holder = _name_parts(ps, noun)
    found = [holder] if holder is not None and named is not None and named.i == name.i else []
    for child in noun.children:
        nation = ps.vocabulary.roles.nationalities.get(child.lower_) if child.ent_type_ == "NORP" else None
        country = names_in_story(ps, nation, noun) if nation else None
        if country is not None:
            found.append(country)
    return found


def _list_run(ps: ParsedStory, token: Token) -> list[Token]:
    """The run of names "A, B, C" around token, of any type ("the 76ers, San Antonio Spurs")."""
    doc = ps.doc
    first = last = token.i
    while first >= 2 and doc[first - 1].text == "," and doc[first - 2].i in ps.mention_at:
        first -= 2
    while last + 2 < len(doc) and doc[last + 1].text == "," and doc[last + 2].i in ps.mention_at:
        last += 2
    return [doc[i] for i in range(first, last + 1, 2)]


def _paired(ps: ParsedStory, run: list[Token]) -> bool:
    """ "Gloucester, Massachusetts and Brooklyn, New York": a list of place, holder pairs."""
    doc = ps.doc
    if len(run) != 2:
        return False
    first, last = run[0].i, run[-1].i
    if last + 2 < len(doc) and doc[last + 1].lower_ in LIST_WORDS and doc[last + 2].i in ps.mention_at:
        return len(_list_run(ps, doc[last + 2])) == 2
    if first >= 2 and doc[first - 1].lower_ in LIST_WORDS and doc[first - 2].i in ps.mention_at:
        return len(_list_run(ps, doc[first - 2])) == 2
    return False


def _joins(doc: Doc, i: int) -> bool:
    """Whether a list goes on at token i: "and", "or", "etc.", "as well as"."""
    if i >= len(doc):
        return False
    return doc[i].lower_ in LIST_WORDS or [t.lower_ for t in doc[i : i + 3]] == ["as", "well", "as"]


def _is_list(ps: ParsedStory, run: list[Token]) -> bool:
    """Whether a run of names is a list ("Iraq, Syria and Jordan", "A, B, the C", "Germany,
    Madrid", "A, B, C, D, E") rather than a place and what holds it ("Bely, Tver Oblast,
    Russia")."""
    doc = ps.doc
    first, last = run[0].i, run[-1].i
    if len(run) >= MAX_CHAIN or any(is_country(t) for t in run[:-1]):
        return True  # a country holds nothing but is held by nothing either
    if _paired(ps, run):
        return False
    if (first > 0 and _joins(doc, first - 1)) or _joins(doc, last + 1):
        return True
    if last + 2 >= len(doc) or doc[last + 1].text != ",":
        return False
    nxt = doc[last + 2]
    more = nxt.pos_ == "PROPN" or (
        nxt.pos_ == "DET" and last + 3 < len(doc) and doc[last + 3].i in ps.mention_at
    )
    return _joins(doc, last + 2) or (more and len(run) > 2)


def chain_next(ps: ParsedStory, token: Token) -> Token | None:
    """ "Bely, Tver Oblast": the place after a comma, which holds the one before it."""
    doc = ps.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return None
    after = doc[token.i + 2]
    if after.lower_ in ps.vocabulary.relation_cues.locating_preps:  # "Gmina X, within Y County"
        return place_of(ps, pobj(after))
    while after.pos_ == "ADJ" and after.is_lower and after.i + 1 < len(doc):  # "Inari, northern Finland"
        after = doc[after.i + 1]
    if not named(ps, after) or is_country(token):
        return None
    following = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if following is not None and following.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return None  # "in Los Angeles, New Jersey native X"
    return None if _is_list(ps, _list_run(ps, after)) else after
