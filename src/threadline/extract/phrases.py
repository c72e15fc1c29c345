"""Noun-phrase helpers over a ParsedStory: which mention a word, a pronoun or a phrase names.

Patterns anchor on a few tokens ("leader", "of"); these helpers read the phrase around
the anchor: the noun phrase after "of", the possessor before "'s", the name a common
noun stands in apposition to ("KRT, one of the Iran-aligned factions"), the subject of
a participle ("Founded ... and led by X, the group ...").
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.anaphora import DEFINITE, antecedent, pronoun_types
from threadline.extract.parsed import HYPHENS, ParsedStory
from threadline.vocabulary import of_doc

NP_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "PART", "ADV"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
POSSESSIVE_PRONOUNS = frozenset({"its", "their", "his", "her"})
RELATIVE = frozenset({"who", "whom", "which", "that", "whose"})
ALL_TYPES = ("person", "organization", "location")
QUANTITY = frozenset({"one", "some", "many", "several", "each", "all", "both", "most", "few", "any", "none"})


def is_modifier(token: Token) -> bool:
    """A name used as a modifier: "Iran" in "Iran-backed", "Lebanon" in "Lebanon-based"."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text in HYPHENS


def is_possessor(token: Token) -> bool:
    doc = token.doc
    return token.lower_ in POSSESSIVE_PRONOUNS or (
        token.i + 1 < len(doc) and doc[token.i + 1].text in POSSESSIVE
    )


def in_phrase(ps: ParsedStory, token: Token) -> bool:
    """Whether token can sit inside a noun phrase."""
    if token.i in ps.mention_at or token.i in ps.title_at or token.text in HYPHENS:
        return True
    if token.text in POSSESSIVE or token.lower_ in POSSESSIVE_PRONOUNS:
        return True
    if token.tag_ == "VBN" and token.dep_ == "amod":
        return True
    return token.pos_ in NP_POS and token.lower_ not in RELATIVE and not token.is_space


def phrase_after(ps: ParsedStory, start: int, limit: int = 10) -> list[Token]:
    """The noun-phrase tokens from `start` on; "and" continues it unless a name precedes it."""
    doc = ps.doc
    tokens: list[Token] = []
    i = start
    while i < len(doc) and len(tokens) < limit:
        token = doc[i]
        joins = token.pos_ == "CCONJ" and bool(tokens) and tokens[-1].i not in ps.mention_at
        if not (joins or (in_phrase(ps, token) and not (token.is_sent_start and tokens))):
            break
        tokens.append(token)
        i += 1
    return tokens


def phrase_before(ps: ParsedStory, end: int, limit: int = 8) -> list[Token]:
    """The noun-phrase tokens just before index `end`, in text order."""
    doc = ps.doc
    tokens: list[Token] = []
    i = end - 1
    while i >= 0 and len(tokens) < limit and in_phrase(ps, doc[i]):
        tokens.insert(0, doc[i])
        if doc[i].is_sent_start:
            break
        i -= 1
    return tokens


def coordinated(ps: ParsedStory, last: Token) -> list[Token]:
    """The names of a coordination ending at `last` ("A, the B and C"), all of its type;
    just [last] when no "and"/"or" joins a list there."""
    doc, kind = ps.doc, ps.type_of(last)
    found, joined = [last], False
    i = last.i - 1
    while i >= last.sent.start:
        token = doc[i]
        if token.lower_ in ("and", "or"):
            joined = True
        elif ps.type_of(token) == kind and not is_modifier(token) and not is_possessor(token):
            found.insert(0, token)
        elif token.text != "," and token.pos_ != "DET":
            break
        i -= 1
    return found if joined else [last]


def fuller_group(ps: ParsedStory, name: Token, noun: Token) -> Token | None:
    """ "the Baraboulé brigade": the group the story names in full with both the name and
    the noun ("the Baraboulé Volunteers Brigade"), the last before it or else the first."""
    words = (name.text.lower(), noun.lemma_.lower())
    found = [
        ps.doc[i]
        for i, m in sorted(ps.mention_at.items())
        if m.type == "organization" and i != name.i and all(w in m.text.lower() for w in words)
    ]
    before = [t for t in found if t.i < name.i]
    return before[-1] if before else (found[0] if found else None)


def head_mention(ps: ParsedStory, tokens: list[Token], types: tuple[str, ...]) -> Token | None:
    """The name that heads a phrase: the last name that is no modifier and no possessor,
    with no noun after it ("the Quebec legislative assembly" is headed by no name)."""
    heads = [t for t in tokens if ps.type_of(t) in types and not is_modifier(t) and not is_possessor(t)]
    if not heads:
        return None
    after = [t for t in tokens if t.i > heads[-1].i]
    nouns = [t for t in after if t.pos_ in ("NOUN", "PROPN") and t.i not in ps.mention_at]
    return None if nouns else heads[-1]


def possessor_mentions(ps: ParsedStory, tokens: list[Token], types: tuple[str, ...]) -> list[Token]:
    """Names (or resolvable "the group's", "its") that own what the phrase names."""
    owners = []
    for token in tokens:
        if not is_possessor(token):
            continue
        owner = refers_to(ps, token, types)
        if owner is not None:
            owners.append(owner)
    return owners


def refers_to(ps: ParsedStory, token: Token, types: tuple[str, ...], depth: int = 0) -> Token | None:
    """The mention token a word stands for: itself, a pronoun's referent, a noun's name."""
    if ps.type_of(token) is not None:
        return token if ps.type_of(token) in types else None
    if depth > 3:
        return None
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return refers_to(ps, token.head.head, types, depth + 1)
    pronoun = pronoun_types(token)
    if pronoun:
        allowed = tuple(t for t in pronoun if t in types)
        return antecedent(ps, token, allowed) if allowed else None
    if token.pos_ in ("NOUN", "PROPN", "NUM"):
        return owner_of_noun(ps, token, types, depth + 1)
    return None


def _child_mention(ps: ParsedStory, noun: Token, types: tuple[str, ...]) -> Token | None:
    for child in noun.children:
        # a merged name may carry its first word's arc: "amod" in "Ukrainian army units"
        named = child.dep_ in ("compound", "nmod", "appos", "poss", "amod") and ps.type_of(child) in types
        near = child.dep_ != "appos" or abs(child.i - noun.i) <= 3  # a far "apposition" is a misparse
        if named and near and not is_modifier(child):
            return child
    doc = ps.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and ps.type_of(nxt) in types and not is_possessor(nxt) and not is_modifier(nxt):
        return nxt
    if nxt is not None and nxt.text == "," and noun.i + 2 < len(doc):
        after = doc[noun.i + 2]
        end = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if ps.type_of(after) in types and (end is None or end.text in (",", ".", ")", ";")):
            return after
    return None


def left_apposition(ps: ParsedStory, noun: Token, types: tuple[str, ...]) -> Token | None:
    """The name before ", a/one of the ... noun": "KRT, one of the Iran-aligned factions"."""
    phrase = phrase_before(ps, noun.i)
    start = phrase[0].i if phrase else noun.i
    doc = ps.doc
    i = start - 1
    while i >= 0 and doc[i].lower_ == "of" and i - 1 >= 0:  # "one of the factions"
        before = phrase_before(ps, i)
        if not before or not all(t.lower_ in QUANTITY or t.pos_ in ("NUM", "DET") for t in before):
            return None  # "X, both members of the council": the council is another group
        i = before[0].i - 1
    if i < 1 or doc[i].text != ",":
        return None
    j = i - 1
    if doc[j].text == ")":  # "Kata'ib Rijal al-Tahaddi (KRT), one of ..."
        while j > 0 and doc[j].text != "(":
            j -= 1
        j -= 1
    candidate = doc[j] if j >= 0 else None
    return candidate if candidate is not None and ps.type_of(candidate) in types else None


def owner_of_noun(ps: ParsedStory, noun: Token, types: tuple[str, ...], depth: int = 0) -> Token | None:
    """The name a common noun describes: "militia AAH", "the daily, Al-Akhbar", "X is a group"."""
    found = _child_mention(ps, noun, types)
    if found is None and noun.dep_ == "appos" and ps.type_of(noun.head) in types:
        found = noun.head
    if found is None:
        found = left_apposition(ps, noun, types)
    if found is None and noun.dep_ in ("attr", "acomp") and noun.head.lemma_ == "be":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects and depth <= 3:
            found = refers_to(ps, subjects[0], types, depth + 1)
    if found is None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and depth <= 3:
        outer = noun.head.head  # "one of the factions", "an umbrella of factions"
        if outer.pos_ in ("NOUN", "NUM") and (outer.lower_ == "one" or _is_group_noun(outer)):
            found = owner_of_noun(ps, outer, types, depth + 1)
    if found is None and _is_group_anaphor(noun):
        found = antecedent(ps, noun, tuple(t for t in types if t == "organization"))
    return found


def _is_group_noun(token: Token) -> bool:
    roles = of_doc(token.doc).roles
    return token.lower_ in roles.group_nouns or token.lemma_.lower() in roles.group_nouns


def _is_group_anaphor(noun: Token) -> bool:
    """ "the group", "the Palestinian militant group", "the council": singular, definite."""
    if noun.tag_ not in ("NN", "NNP") or not _is_group_noun(noun):
        return False
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)


def clause_subject(verb: Token, depth: int = 0) -> Token | None:
    """Who a verb or participle is about: its subject, the noun it modifies, or the main clause's subject."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    if depth > 4:
        return None
    if verb.dep_ in ("acl", "relcl") or (verb.dep_ == "amod" and verb.head.pos_ in ("NOUN", "PROPN")):
        return verb.head
    if verb.dep_ == "conj" or (
        verb.dep_ == "acomp" and verb.head.lemma_ == "be"
    ):  # "X was armed and trained by Y"
        return clause_subject(verb.head, depth + 1)
    if verb.dep_ in ("advcl", "xcomp", "ccomp") and verb.tag_ in ("VBN", "VBG"):
        return clause_subject(verb.head, depth + 1)
    return None
