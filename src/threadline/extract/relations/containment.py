"""Where places and organizations are, read off the dependency parse: located_in.

  noun     "X is a village in Y", "X, a town in Y", "X is the largest party in Y",
           "X, a district of Y", "X, the capital of Y", "Y's capital X"
  verb     "X is located in Y", "a company based in Y", "X, headquartered in Y"
  prep     "the Drake Hotel in Y", "Harir airport in the northern city of Y"
  chain    "Bely, Tver Oblast, Russia" (not a list: "Iraq, Syria and Jordan")
Every place found is followed up its own containers ("in Y, Z", "in Y in Z", "the Y
region of Z", "the U.S. state of Y"), so "X is a village in Y, Z" states X in Y, Y in Z
and X in Z. A country is never placed inside anything here ("the role of Iran in
Syria"), and a person only by a basing verb ("X, who is based in Y").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import clause_subject, is_modifier, is_possessor, refers_to
from threadline.extract.relations.candidate import Candidate, names_in_story
from threadline.extract.relations.cues import load_cues
from threadline.extract.vocabulary import load_roles

HOLDERS = ("organization", "location")
DEPTH = 4  # containers followed from one place
LIST_WORDS = frozenset({"and", "or", "&", "nor", "etc", "etc."})
DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
Link = tuple[Token, Token]  # (the place, the token the statement hangs on)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(n.lower() for names in load_roles().nationalities.values() for n in names)


def is_country(token: Token) -> bool:
    return token.lower_.removeprefix("the ") in _countries()


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _preps(token: Token, words: frozenset[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]


def _named(ps: ParsedStory, token: Token | None) -> bool:
    """A location mention used as a name, not as a modifier or possessor."""
    return (
        token is not None
        and ps.type_of(token) == "location"
        and not is_modifier(token)
        and not is_possessor(token)
    )


def _of_name(ps: ParsedStory, noun: Token) -> Token | None:
    found = [_pobj(p) for p in _preps(noun, frozenset({"of"}))]
    return next((t for t in found if _named(ps, t)), None)


def _compound_name(ps: ParsedStory, noun: Token) -> Token | None:
    found = [c for c in noun.children if c.dep_ in ("compound", "nmod") and _named(ps, c)]
    return found[-1] if found else None


def _name_parts(ps: ParsedStory, noun: Token) -> tuple[Token | None, Token | None]:
    """(the place named, the place holding it) in "the Y noun of X": "the U.S. state of
    X", "the X region of Italy", "the X district of Y" (named_before_nouns); "the
    Wellington suburb of Miramar" may read either way, so only Miramar is named there."""
    of, compound = _of_name(ps, noun), _compound_name(ps, noun)
    if of is None or compound is None:
        return (of or compound), None
    if is_country(compound):
        return of, compound
    if is_country(of) or _lemma(noun) in load_cues().named_before_nouns:
        return compound, of
    return of, None


def place_of(ps: ParsedStory, token: Token | None, depth: int = 0) -> Token | None:
    """The named place a phrase head stands for: the name itself, "the city of Y",
    "the Y region", "the northern part of Y"."""
    if token is None or depth > 2:
        return None
    if ps.type_of(token) is not None:
        return token if _named(ps, token) else None
    cues = load_cues()
    if _lemma(token) in cues.transparent_nouns:
        of = [_pobj(p) for p in _preps(token, frozenset({"of"}))]
        return place_of(ps, of[0], depth + 1) if of else None
    if token.pos_ not in ("NOUN", "PROPN") or _lemma(token) not in cues.place_nouns:
        return None
    return _name_parts(ps, token)[0]


def _place_noun(ps: ParsedStory, name: Token) -> Token | None:
    """The place noun a name goes with: "city" in "the city of Y", "airport" in "Y airport"."""
    head = name.head
    if name.dep_ == "pobj" and head.lower_ == "of":
        head = head.head
    elif name.dep_ not in ("compound", "nmod"):
        return None
    if head.i in ps.mention_at or _lemma(head) not in load_cues().place_nouns:
        return None
    return head if place_of(ps, head) is not None else None


def _noun_containers(ps: ParsedStory, name: Token, noun: Token) -> list[Token]:
    """ "the U.S. state of Y" (Y in the U.S.), "the Y region of Italy", "the Syrian city of Y"."""
    named, holder = _name_parts(ps, noun)
    found = [holder] if holder is not None and named is not None and named.i == name.i else []
    for child in noun.children:
        nation = load_roles().nationalities.get(child.lower_) if child.ent_type_ == "NORP" else None
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


def _is_list(ps: ParsedStory, run: list[Token]) -> bool:
    """Whether a run of names is a list ("Iraq, Syria and Jordan", "A, B, the C", "Germany,
    Madrid") rather than a place and what holds it ("Bely, Tver Oblast, Russia")."""
    doc = ps.doc
    first, last = run[0].i, run[-1].i
    before = doc[first - 1] if first > 0 else None
    after = doc[last + 1 : last + 3]
    if any(is_country(t) for t in run[:-1]):
        return True  # a country holds nothing but is held by nothing either
    if _paired(ps, run):
        return False
    if (before is not None and before.lower_ in LIST_WORDS) or (len(after) and after[0].lower_ in LIST_WORDS):
        return True
    if len(after) < 2 or after[0].text != ",":
        return False
    more = last + 3 < len(doc) and doc[last + 3].i in ps.mention_at
    return after[1].lower_ in LIST_WORDS or (after[1].pos_ == "DET" and more)


def _chain_next(ps: ParsedStory, token: Token) -> Token | None:
    """ "Bely, Tver Oblast": the place after a comma, which holds the one before it."""
    doc = ps.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].text != ",":
        return None
    after = doc[token.i + 2]
    if after.lower_ in load_cues().locating_preps:  # "Gmina X, within Y County"
        return place_of(ps, _pobj(after))
    while after.pos_ == "ADJ" and after.is_lower and after.i + 1 < len(doc):  # "Inari, northern Finland"
        after = doc[after.i + 1]
    if not _named(ps, after) or is_country(token):
        return None
    following = doc[after.i + 1] if after.i + 1 < len(doc) else None
    if following is not None and following.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return None  # "in Los Angeles, New Jersey native X"
    return None if _is_list(ps, _list_run(ps, after)) else after


def _prep_places(ps: ParsedStory, head: Token) -> Iterator[Link]:
    for prep in _preps(head, load_cues().locating_preps):
        place = place_of(ps, _pobj(prep))
        if place is not None:
            yield place, prep


def _off_from(token: Token) -> bool:
    """ "north of X in Y", "north of the X river in Y": Y places what lies north of X."""
    head = token.head if token.dep_ == "pobj" else None
    return head is not None and head.lower_ in ("of", "from") and head.head.lower_ in DIRECTIONS


def _adjacent_in(ps: ParsedStory, token: Token) -> Iterator[Link]:
    """ "Y in Z" where "in" follows the name (or its place noun) whatever the parser hung it on."""
    doc = ps.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if _off_from(token):
        return
    if nxt is not None and nxt.lower_ in load_cues().locating_preps:
        place = place_of(ps, _pobj(nxt))
        if place is not None:
            yield place, nxt


def _inside(ps: ParsedStory, name: Token, noun: Token | None, last: Token) -> list[Link]:
    """The "in Y" said of a place, on its name or its place noun or right after them."""
    if _off_from(name) or (noun is not None and _off_from(noun)):
        return []
    found = list(_prep_places(ps, name)) + list(_adjacent_in(ps, last))
    return found + (list(_prep_places(ps, noun)) if noun is not None else [])


def containers(ps: ParsedStory, name: Token) -> list[Link]:
    """The places a named place is directly said to lie in, with the token that says so."""
    if is_country(name) or not _named(ps, name):
        return []
    noun = _place_noun(ps, name)
    last = noun if noun is not None and noun.i > name.i else name
    found = _inside(ps, name, noun, last)
    if name.text.split()[-1].lower() in load_cues().admin_nouns:  # "the Samarqand Region of Uzbekistan"
        found += [(p, name) for p in [_of_name(ps, name)] if p is not None]
    if noun is not None:
        found += [(c, noun) for c in _noun_containers(ps, name, noun)]
    chained = _chain_next(ps, last)
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
    return [Candidate(subject, "located_in", p, anchor, pattern) for p in closure(ps, first) if p.i != subject.i]


def _one_of(token: Token) -> Token:
    """ "one of the schools": the noun after "one of"."""
    if token.lower_ != "one":
        return token
    of = [_pobj(p) for p in _preps(token, frozenset({"of"}))]
    return of[0] if of and of[0] is not None else token


def descriptions(ps: ParsedStory, subject: Token) -> list[Token]:
    """Nouns said of a name: "X, a town ...", "X is one of the towns ...", "Y's capital X"."""
    said = [c for c in subject.children if c.dep_ == "appos"]
    if subject.dep_ == "appos" and subject.head.pos_ == "NOUN":
        said.append(subject.head)
    if subject.dep_ == "nsubj" and subject.head.lemma_ == "be":
        said += [c for c in subject.head.children if c.dep_ in ("attr", "conj")]
    nouns = [_one_of(t) for t in said]
    nouns = [n for n in nouns if n.pos_ in ("NOUN", "PROPN")]
    nouns += [c for n in nouns for c in n.children if c.dep_ == "conj" and c.pos_ == "NOUN"]
    return [n for n in nouns if n.i not in ps.mention_at]


def _described_places(ps: ParsedStory, subject: Token, noun: Token) -> Iterator[Link]:
    cues = load_cues()
    lemma = _lemma(noun)
    kinds = cues.place_nouns | cues.site_nouns | load_roles().group_nouns
    if lemma in kinds:
        yield from _prep_places(ps, noun)
    if lemma in cues.transparent_nouns:  # "X is part of Y", "X, in the north of Y"
        yield from ((p, noun) for p in [place_of(ps, noun)] if p is not None)
    area = lemma in cues.admin_nouns or lemma in cues.capital_nouns
    if area and ps.type_of(subject) == "location":
        of = [place_of(ps, _pobj(p)) for p in _preps(noun, frozenset({"of"}))]
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
    cues = load_cues()
    found = []
    for verb in ps.doc:
        if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in cues.locating_verbs:
            continue
        types = ("person", *HOLDERS) if _lemma(verb) in cues.person_locating_verbs else HOLDERS
        subject = clause_subject(verb)
        holder = refers_to(ps, subject, types) if subject is not None else None
        if holder is None:
            continue
        for place, _ in _prep_places(ps, verb):
            found += placed(ps, holder, place, verb, "location.verb")
    return found


def _by_preps(ps: ParsedStory) -> list[Candidate]:
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
    return at or token.text.split()[-1].lower() in load_cues().institution_nouns


def find(ps: ParsedStory) -> list[Candidate]:
    """Every located_in candidate the parse states."""
    return _by_preps(ps) + _by_nouns(ps) + _by_verbs(ps)
