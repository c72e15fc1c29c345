"""An event trigger's arguments: participants, location and time, read off the parse.

The trigger's clause is the trigger with its non-clausal dependents; for a noun trigger
("strike", "talks") it is the noun's phrase plus the dependents of the verb it hangs on
("Blinken and Al Sudani held talks on Tuesday", "A drone strike ... killed two members
of X on Saturday"). Clauses below (a "that"-clause, a relative clause) and above (the
"said" of an attribution) are other clauses: their names and dates are not the event's.

Participants are the named subjects and objects and the names in "with X", "between X
and Y", "by X", "against X", "on X", "of X" -- directly, through a compound ("US
forces", "Hamas operatives"), or through a pronoun or "the group" that refers back
unambiguously. The location is a place named in a place preposition ("in", "at",
"near" ...) of the clause, the shallowest first. The date is the time expression of the
clause nearest the trigger in the parse; none in the clause means no date.
"""

from __future__ import annotations

import datetime

from spacy.tokens import Span, Token

from threadline.extract.anaphora import antecedent
from threadline.extract.dates import MONTH_ABBR, MONTHS, is_date, resolve_date
from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import ALL_TYPES, is_modifier, is_possessor, refers_to
from threadline.extract.relations.candidate import names_in_story
from threadline.extract.vocabulary import load_roles
from threadline.records import DateValue

CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "cc", "mark", "punct"})
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "appos", "poss", "compound", "nmod", "npadvmod"}
)
ARGUMENT_PREPS = frozenset(
    {
        "with",
        "between",
        "by",
        "against",
        "on",
        "of",
        "from",
        "for",
        "among",
        "toward",
        "towards",
        "alongside",
        "including",
    }
)
PLACE_PREPS = (
    "in",
    "at",
    "inside",
    "near",
    "outside",
    "across",
    "to",
    "into",
    "on",
    "toward",
    "towards",
    "around",
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "district",
        "province",
        "region",
        "area",
        "governorate",
        "neighborhood",
        "neighbourhood",
        "capital",
        "suburb",
        "camp",
        "border",
        "countryside",
    }
)
DATE_QUALIFIERS = frozenset(
    {
        "on",
        "in",
        "since",
        "late",
        "early",
        "at",
        "during",
        "from",
        "by",
        "until",
        "mid",
        "earlier",
        "later",
        "last",
        "this",
    }
)
NO_DATE = DateValue(None, "unknown", None)
CALLED = frozenset({"call", "know", "name", "dub"})
LIGHT_VERBS = frozenset(
    {
        "hold",
        "carry",
        "conduct",
        "launch",
        "stage",
        "mount",
        "give",
        "impose",
        "make",
        "claim",
        "issue",
        "perpetrate",
        "execute",
        "face",
        "suffer",
        "undergo",
        "experience",
        "take",
        "begin",
        "start",
        "continue",
        "resume",
        "announce",
        "have",
        "set",
        "deliver",
        "attend",
        "host",
        "lead",
        "join",
        "sign",
        "reach",
        "target",
        "hit",
        "slap",
        "say",
        "tell",
        "state",
    }
)
OUTCOME_VERBS = frozenset(
    {  # "a drone strike ... killed two members of X": the strike's own outcome
        "kill",
        "wound",
        "injure",
        "hit",
        "target",
        "destroy",
        "damage",
        "leave",
        "occur",
        "happen",
        "take",
        "strike",
        "cause",
        "claim",
        "rock",
        "shake",
        "end",
    }
)
MONTH_WORDS = frozenset(MONTHS) | frozenset(MONTH_ABBR)


def governor(trigger: Token) -> Token | None:
    """The verb a noun trigger hangs on, when that verb tells the event itself: a light
    verb ("held talks", "carried out a strike", "claimed responsibility for the attacks")
    or the verb the trigger is subject of ("a drone strike ... killed"). "condemned the
    attack" is another event: its subject is no participant of the attack."""
    head = trigger.head
    if trigger.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
        if head.pos_ == "NOUN" and head.dep_ == "dobj":
            head = head.head
    if head.i == trigger.i or head.pos_ not in ("VERB", "AUX") or trigger.dep_ in CLAUSAL:
        return None
    lemma = head.lemma_.lower()
    if lemma in LIGHT_VERBS or (trigger.dep_ in ("nsubj", "nsubjpass") and lemma in OUTCOME_VERBS):
        return head
    return None


def _clause_children(token: Token, skip: Token | None = None) -> list[Token]:
    """Dependents in the same clause; "according to X" is the source, not the event."""
    return [c for c in token.children if c.dep_ not in CLAUSAL and c is not skip and c.lower_ != "according"]


def clause(trigger: Token) -> list[Token]:
    """The trigger's clause: its phrase and, for a noun, the dependents of its verb and
    the participle phrases that describe it ("a meeting held at X's office in Baghdad")."""
    tokens = _clause_tokens(trigger)
    if trigger.pos_ != "VERB":
        tokens += [t for c in trigger.children if c.dep_ == "acl" for t in _clause_tokens(c)]
    verb = governor(trigger) if trigger.pos_ != "VERB" else None
    if verb is not None:
        tokens += [verb] + [
            t for c in _clause_children(verb, skip=_top(trigger, verb)) for t in _clause_tokens(c)
        ]
    return sorted(set(tokens), key=lambda t: t.i)


def _top(trigger: Token, verb: Token) -> Token:
    return trigger if trigger.head is verb else trigger.head


def _clause_tokens(token: Token) -> list[Token]:
    found = [token]
    for child in _clause_children(token):
        found += _clause_tokens(child)
    return found


def _named(ps: ParsedStory, token: Token, depth: int = 0) -> list[Token]:
    """The mentions an argument word stands for (with its conjuncts): itself, a compound
    ("US forces"), an "of"/"from" phrase ("members of X", "leaders from a group calling
    itself X"), a name it is called ("a group calling itself X"), or what it refers to."""
    found = []
    for word in [token, *token.conjuncts]:
        if ps.type_of(word) is not None:
            found.append(word)
            continue
        inside = [
            c for c in word.children if c.dep_ in ("compound", "poss", "nmod", "appos") and ps.type_of(c)
        ]
        if word.lemma_.lower() in load_roles().state_agent_nouns or word.i in ps.title_at:
            inside += [n for c in word.children if c.dep_ == "amod" and (n := _country(ps, c)) is not None]
        found += [c for c in inside if not is_modifier(c)]
        nested = [
            g for c in word.children if c.lower_ in ("of", "from") for g in c.children if g.dep_ == "pobj"
        ]
        nested += [g for c in word.children if c.dep_ == "acl" and c.lemma_ in CALLED for g in _named_as(c)]
        for inner in nested:
            found += _named(ps, inner, depth + 1) if depth < 2 else []
        if not inside and not nested and not found:
            ref = _title_holder(ps, word) or refers_to(ps, word, ALL_TYPES)
            found += [ref] if ref is not None else []
    return found


def _title_holder(ps: ParsedStory, word: Token) -> Token | None:
    """ "the Iraqi militia leader": the person the story just named with that title."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in word.children)
    if word.i in ps.title_at and definite and not ps.title_at[word.i].plural:
        return antecedent(ps, word, ("person",))
    return None


def _named_as(verb: Token) -> list[Token]:
    """What "calling itself X" / "known as X" names."""
    found = [g for g in verb.children if g.dep_ in ("oprd", "attr", "dobj") and g.pos_ != "PRON"]
    return found + [g for c in verb.children if c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]


def _argument_words(token: Token) -> list[Token]:
    words = [c for c in token.children if c.dep_ in ARGUMENT_DEPS]
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in ARGUMENT_PREPS:
            words += [g for g in prep.children if g.dep_ == "pobj"]
    for xcomp in (c for c in token.children if c.dep_ == "xcomp"):
        words += _argument_words(xcomp)
    return words


def participants(ps: ParsedStory, trigger: Token) -> list[Token]:
    """The named participants of the event the trigger reports."""
    heads = [trigger]
    verb = governor(trigger) if trigger.pos_ != "VERB" else None
    if verb is not None:
        heads.append(verb)
    if trigger.pos_ != "VERB":
        heads += [c for c in trigger.children if c.dep_ == "acl"]
    found: list[Token] = []
    for head in heads:
        for word in _argument_words(head):
            if word is not trigger:
                found += _named(ps, word)
    found += [n for c in trigger.children if c.dep_ == "amod" and (n := _country(ps, c)) is not None]
    unique = {t.i: t for t in found if t.i != trigger.i}
    return [unique[i] for i in sorted(unique)]


def location(ps: ParsedStory, trigger: Token) -> Token | None:
    """A place named in a place preposition of the trigger's clause, the shallowest first."""
    tokens = clause(trigger)
    places = [t for t in tokens if ps.type_of(t) == "location" and _prep_of(t) is not None]
    if places:
        return min(
            places, key=lambda t: (_depth_from(t, trigger), PLACE_PREPS.index(_prep_of(t) or "in"), t.i)
        )
    # a place inside a longer name's phrase ("the US Embassy in Baghdad's Green Zone")
    loose = [t for t in tokens if ps.type_of(t) == "location" and t.dep_ == "pobj" and not is_possessor(t)]
    if loose:
        return min(loose, key=lambda t: (_depth_from(t, trigger), t.i))
    return _national_place(ps, tokens)


def _national_place(ps: ParsedStory, tokens: list[Token]) -> Token | None:
    """ "in a remote Syrian town": the country, when the story names it."""
    for token in tokens:
        if token.lemma_ in PLACE_NOUNS and token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
            for child in token.children:
                country = _country(ps, child)
                if country is not None:
                    return country
    return None


def _country(ps: ParsedStory, token: Token) -> Token | None:
    """The story's mention of the country a nationality word ("Iranian") names."""
    names = load_roles().nationalities.get(token.lower_) if token.ent_type_ == "NORP" else None
    return names_in_story(ps, names, token) if names else None


def _prep_of(token: Token) -> str | None:
    """The place preposition a name is the object of ("in Baghdad", "in Iraq and Syria")."""
    while token.dep_ == "conj":
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in PLACE_NOUNS:
        token = token.head.head  # "near the town of Koya"
    if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
        return token.head.lower_
    if token.dep_ == "pobj" and token.head.lower_ == "between" and token.head.head.lemma_ in PLACE_NOUNS:
        return "near"  # "on the border between Jordan and Syria"
    return None


def _depth_from(token: Token, trigger: Token) -> int:
    depth = 0
    while token.i != trigger.i and token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


def _date_spans(ps: ParsedStory, tokens: list[Token]) -> list[Span]:
    ids = {t.i for t in tokens}
    spans = [e for e in ps.doc.ents if e.label_ in ("DATE", "TIME") and e.start in ids]
    taken = {i for s in spans for i in range(s.start, s.end)}
    for token in tokens:
        if token.i not in taken and token.lower_ in _NAMED_DAYS:
            spans.append(ps.doc[token.i : token.i + 1])
    return spans


_NAMED_DAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today"}
)


def expression(span: Span) -> Span:
    """A date entity with the words that qualify it: "late on Sunday", "since October 17"."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].lower_ in DATE_QUALIFIERS and span.start - start < 3:
        start -= 1
    return doc[start : span.end]


def _published(ps: ParsedStory) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(ps.story.published[:10]) if ps.story.published else None
    except ValueError:
        return None


def _anchor(span: Span) -> datetime.date | None:
    """Without a publication date: a full date elsewhere in the sentence fixes the year."""
    for ent in span.sent.ents:
        if ent.label_ == "DATE" and ent.start != span.start:
            value = resolve_date(ent.text, None).value
            if value and len(value) == 10:
                return datetime.date.fromisoformat(value)
    return None


def date(ps: ParsedStory, trigger: Token) -> DateValue:
    """The resolved time expression of the trigger's clause, or no date."""
    tokens = clause(trigger)
    spans = [s for s in _date_spans(ps, tokens) if is_date(expression(s).text)]
    if not spans:
        return NO_DATE
    span = min(spans, key=lambda s: (_depth_from(s.root, trigger), abs(s.start - trigger.i)))
    text = expression(span).text
    published = _published(ps)
    value = resolve_date(text, published)
    if value.value is None and published is None and any(t.lower_.strip(".") in MONTH_WORDS for t in span):
        anchor = _anchor(span)
        value = resolve_date(text, anchor) if anchor is not None else value
    return value
