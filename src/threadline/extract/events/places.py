"""An event's place, read off its trigger's clause.

The place is a name at a place position of the clause: the object of a place
preposition ("in Gao", "at a checkpoint near the town of Koya", "50 km north of
Gao"), or a name before an area noun there ("in Niger's western Tillabéri region",
"in Kaduna state"). A location the model typed comes first; then the shallowest wins,
the area named before its noun before the possessor that holds it ("Tillabéri" before "Niger"); "from X" only where nothing
else is named ("reinforcements were sent from Ouallam"). A place inside a
participant's phrase does not count ("with the help of their proxies in Iraq").

A name is a place when the model typed it a location, or when its position says so
whatever its type: after a preposition only places take ("near Kaya"), before an area
noun ("the Tahoua region"), with an area in brackets after it ("Kaya (Centre-Nord
region)"), or as a one-word name after "in", "at", "to" ("detained two journalists in
Bamako"; not "in the EU", "in Hamas Brigades"). A name used as a modifier ("a Mopti-based charity") or inside the dateline
is not the event's place.

Where the clause names none: for an attack or a visit, the place its verb acts on
("attacked Tikrit", "seized the town of Menaka"); for a threat, the place of the act
it threatens ("threatened to strike barracks in Tillabéri"); a participle phrase describing one
of its nouns ("a cache
of explosives left in a forest near X"), a place swallowed by a longer name ("the US
Embassy in Baghdad's Green Zone"), then "in a remote Syrian town" names the country.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.events.arguments import country
from threadline.extract.events.clause import clause, depth_from, described, heads, inside_other_event, phrase
from threadline.extract.events.dateline import in_dateline
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import is_modifier, is_possessor
from threadline.extract.relations.containment import closure
from threadline.extract.vocabulary import TriggerLexicon
from threadline.vocabulary import of_doc

THROUGH_PARTICIPANT = frozenset({"with", "by", "against", "alongside", "among", "including", "between"})
BEFORE_NOUN = frozenset({"compound", "poss", "nmod"})
LAST_RESORT = "from"
BRACKET_WINDOW = 6
INSIDE_PREPS = frozenset({"in", "at", "inside", "into"})
EDGE_NOUNS = frozenset({"border", "crossing", "coast", "frontier"})


def _area_noun(token: Token, lexicon: TriggerLexicon) -> Token | None:
    """The place noun a name stands before as the area it names or holds: "Tillabéri"
    in "Niger's Tillabéri region", "Kabul" in "Kabul's airport", "Zawiya" in "the
    Zawiya refinery"; not "US" in "a US base", which says whose base it is."""
    head = token.head
    if head.i == token.i or token.dep_ not in BEFORE_NOUN:
        return None
    nouns = lexicon.place_nouns if token.dep_ == "poss" else lexicon.region_nouns | lexicon.site_nouns
    return head if head.lemma_.lower() in nouns else None


def place_prep(token: Token, lexicon: TriggerLexicon | None = None) -> str | None:
    """The place preposition a name is the object of ("in Baghdad", "in Iraq and Syria",
    "near the town of Koya", "north of Gao", "on the border between Jordan and Syria",
    "in Niger's Tillabéri region")."""
    lexicon = lexicon or of_doc(token.doc).triggers
    while token.dep_ == "conj":
        token = token.head
    token = _area_noun(token, lexicon) or token
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        above = head.head
        if above.lower_ in lexicon.direction_words and above.lemma_.lower() not in lexicon.place_nouns:
            return "near"
        if above.lemma_.lower() in lexicon.place_nouns:
            token, head = above, above.head
    if token.dep_ == "pobj" and head.lower_ in lexicon.place_preps:
        return head.lower_
    if token.dep_ == "pobj" and head.lower_ == "between" and head.head.lemma_ in lexicon.place_nouns:
        return "near"
    return None


def _bracketed_area(ps: ParsedStory, token: Token, lexicon: TriggerLexicon) -> bool:
    """ "Kaya (Centre-Nord region)", "Dori (Seno)": an area in brackets after the name."""
    doc = ps.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].text != "(":
        return False
    for inner in doc[token.i + 2 : token.i + 2 + BRACKET_WINDOW]:
        if inner.text == ")":
            return False
        if inner.lemma_.lower() in lexicon.region_nouns or ps.type_of(inner) == "location":
            return True
    return False


def _place_like_name(token: Token) -> bool:
    """One word, no acronym, no word that names a group: "Bamako", not "EU" or "Hamas
    Brigades"."""
    roles = of_doc(token.doc).roles
    group_words = roles.group_nouns | roles.unit_nouns | roles.state_agent_nouns
    words = token.text.replace("-", " ").split()
    return len(words) == 1 and not token.text.isupper() and token.lower_ not in group_words


def is_place(ps: ParsedStory, token: Token, lexicon: TriggerLexicon | None = None) -> bool:
    """A location mention, or a mention its position makes a place."""
    lexicon = lexicon or ps.vocabulary.triggers
    kind = ps.type_of(token)
    if kind is None or is_modifier(token) or in_dateline(ps, token):
        return False
    if kind == "location":
        return True
    if token.dep_ == "compound" and _area_noun(token, lexicon) is not None:
        return True
    prep = place_prep(token, lexicon)
    if prep in lexicon.name_place_preps and _place_like_name(token):
        return True
    return prep in lexicon.place_only_preps or _bracketed_area(ps, token, lexicon)


def _reachable(place: Token, tops: list[Token], prep: str) -> bool:
    """Not reached through a participant's phrase: "with the help of their proxies in
    Iraq" places the proxies, not the event. The place's own preposition does not
    count ("on the road between Mopti and Djenné"), and a preposition that only
    places ("near", "outside") places the event wherever the parser hung it: "clashes
    between the army and a tribal group near the town of X"."""
    if prep in of_doc(place.doc).triggers.place_only_preps:
        return True
    token = place
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    token = token.head  # the place's own preposition
    while token.head.i != token.i and all(token.i != t.i for t in tops):
        token = token.head
        if token.dep_ in ("prep", "agent") and token.lower_ in THROUGH_PARTICIPANT:
            return False
    return True


def _rank(token: Token, prep: str, tops: list[Token]) -> tuple[int, int, int]:
    lexicon = of_doc(token.doc).triggers
    depth = min(depth_from(token, t) for t in tops) + (token.dep_ == "poss")
    order = lexicon.place_preps.index(prep) if prep in lexicon.place_preps else 0
    return depth, order, token.i


def _placed(
    ps: ParsedStory, trigger: Token, tokens: list[Token], typed: bool, event_type: str, own: bool = True
) -> Token | None:
    """The best place among tokens (locations only, or names only their position makes
    places): the shallowest, by preposition, "from X" last. With own=False a place of
    another event below the trigger counts (the act a threat names)."""
    lexicon = ps.vocabulary.triggers
    tops = heads(trigger)
    found = [
        (t, prep)
        for t in tokens
        if (ps.type_of(t) == "location") == typed
        and is_place(ps, t, lexicon)
        and (prep := place_prep(t, lexicon)) is not None
        and _reachable(t, tops, prep)
        and not (own and inside_other_event(t, trigger, event_type))
    ]
    found = [f for f in found if f[1] != LAST_RESORT] or found
    return min(found, key=lambda f: _rank(f[0], f[1], tops))[0] if found else None


def _swallowed(ps: ParsedStory, trigger: Token, tokens: list[Token]) -> Token | None:
    """A place the parse hangs on a longer name: "the US Embassy in Baghdad's Green Zone"."""
    lexicon = ps.vocabulary.triggers
    found = [
        t
        for t in tokens
        if ps.type_of(t) == "location"
        and (above := _area_noun(t, lexicon) or t).dep_ == "pobj"
        and ps.type_of(above.head)
    ]
    tops = heads(trigger)
    return min(found, key=lambda t: (min(depth_from(t, top) for top in tops), t.i)) if found else None


def _object_place(ps: ParsedStory, verb: Token, event_type: str | None) -> Token | None:
    """ "militants attacked Tikrit", "rebels seized the town of Menaka", "shelled Juba
    airport": a place the event's verb acts on is where it happened (event_type None:
    any verb, as the act a threat names)."""
    lexicon = ps.vocabulary.triggers
    if event_type is not None and event_type not in lexicon.place_object_types:
        return None
    for word in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        if ps.type_of(word) == "location" and not in_dateline(ps, word):
            return word
        if word.lemma_.lower() in lexicon.place_nouns:
            named = [g for c in word.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            named += [c for c in word.children if _area_noun(c, lexicon) is not None]
            found = [g for g in named if is_place(ps, g, lexicon) or ps.type_of(g) is not None]
            if found:
                return found[0]
    return None


def _complement_place(ps: ParsedStory, trigger: Token, event_type: str) -> Token | None:
    """ "threatened to strike every barracks in Tillabéri", "threatened to shell Juba
    airport": the threat's place."""
    if event_type not in ps.vocabulary.triggers.complement_place_types:
        return None
    acts = [c for c in trigger.children if c.dep_ == "xcomp"]
    words = [t for c in acts for t in phrase(c)]
    return (
        _placed(ps, trigger, words, True, event_type, own=False)
        or _placed(ps, trigger, words, False, event_type, own=False)
        or next((p for c in acts if (p := _object_place(ps, c, None)) is not None), None)
    )


def location(ps: ParsedStory, trigger: Token, event_type: str = "") -> Token | None:
    """The place of the trigger's event, or None when the text names none."""
    tokens = [t for t in clause(trigger) if not in_dateline(ps, t)]
    phrases = described(trigger)
    return (
        _placed(ps, trigger, tokens, True, event_type)
        or _swallowed(ps, trigger, tokens)
        or _placed(ps, trigger, tokens, False, event_type)
        or _object_place(ps, trigger, event_type)
        or _complement_place(ps, trigger, event_type)
        or _placed(ps, trigger, phrases, True, event_type)
        or _placed(ps, trigger, phrases, False, event_type)
        or _national_place(ps, tokens)
    )


def _national_place(ps: ParsedStory, tokens: list[Token]) -> Token | None:
    """ "in a remote Syrian town": the country, when the story names it; not "near the
    Malian border", which may lie on either side."""
    lexicon = ps.vocabulary.triggers
    for token in tokens:
        if (
            token.lemma_ in lexicon.place_nouns
            and token.lemma_ not in EDGE_NOUNS
            and token.dep_ == "pobj"
            and token.head.lower_ in INSIDE_PREPS
        ):
            for child in token.children:
                found = country(ps, child)
                if found is not None and not is_possessor(found):
                    return found
    return None


def holders(ps: ParsedStory, place: Token) -> list[Token]:
    """The places this mention of a place is said to lie in: "Baghdad's Karrada
    district", "the Karrada district of Baghdad" (and what the located_in patterns
    read: "X, a town in Y", "Bely, Tver Oblast")."""
    lexicon = ps.vocabulary.triggers
    found = [p for p in closure(ps, place) if p.i != place.i]
    noun = _area_noun(place, lexicon)
    if noun is not None:
        found += [c for c in noun.children if c.dep_ == "poss" and ps.type_of(c) == "location"]
        found += [
            g for c in noun.children if c.lower_ == "of" for g in c.children if ps.type_of(g) == "location"
        ]
    return found
