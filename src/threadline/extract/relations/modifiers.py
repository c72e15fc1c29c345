"""Backing, alliance and affiliation stated by modifiers and participles.

  hyphen    "Iran-backed militia Y", "the Hizbullah-affiliated daily, Y", "Y, one of the
            Iran-aligned factions", "Lebanon-based commander X"
  pro       "the pro-Iran Y movement", "pro-Iranian TV channel Y" (media: affiliated_with);
            "the pro-government Y militia" (allied_with the state the story is about)
  by        "Y, backed by Iran", "the group that is backed by Iran", "Y is funded by Z"
  with      "militias aligned with Iran", "Y, affiliated with Z", "loyal to Iran"
  umbrella  "Y, a militia under the umbrella of Iran", "Y operates under the command of Z"
            (a state: backed_by; a group: part_of)
The predicate comes from the ontology's cue words and the object's type.
"""

from __future__ import annotations

from spacy.tokens import Token

from threadline.extract.parsed import ParsedStory
from threadline.extract.phrases import (
    clause_subject,
    is_modifier,
    is_possessor,
    owner_of_noun,
    phrase_after,
    refers_to,
)
from threadline.extract.relations.candidate import HYPHEN, NAME, Candidate, matches, names_in_story
from threadline.extract.relations.places import is_country
from threadline.vocabulary import Vocabulary

SUBJECTS = ("organization", "person", "location")
BY_CUES = [
    "backed",
    "funded",
    "sponsored",
    "supported",
    "financed",
    "armed",
    "bankrolled",
    "equipped",
    "trained",
    "affiliated",
    "sanctioned",
    "designated",
    "owned",
    "run",
]
WITH_CUES = ["aligned", "allied", "affiliated", "linked", "associated", "loyal"]
OPTIONAL_DET = {"POS": "DET", "OP": "?"}
ADVERB = {"POS": "ADV", "OP": "?"}  # "funded largely by", "armed partly by"
GOVERNMENT = ["government", "regime", "state", "junta"]
UMBRELLAS = [
    "umbrella",
    "command",
    "banner",
    "authority",
]  # "operates under the command of Y"  # "pro-government": the story's state
NAME_OR_NATION = {"ENT_TYPE": {"IN": ["organization", "location", "NORP"]}}


def _patterns(vocabulary: Vocabulary) -> dict[str, list[list[dict]]]:
    cue_words = sorted(vocabulary.ontology.cue_words)
    return {
        "modifier.hyphen": [[NAME_OR_NATION, HYPHEN, {"LOWER": {"IN": cue_words}}]],
        "modifier.pro": [[{"LOWER": "pro"}, HYPHEN, NAME_OR_NATION]],
        "modifier.pro_government": [[{"LOWER": "pro"}, HYPHEN, {"LOWER": {"IN": GOVERNMENT}}]],
        "modifier.by": [[{"LOWER": {"IN": BY_CUES}}, ADVERB, {"LOWER": "by"}, OPTIONAL_DET, NAME]],
        "modifier.with": [
            [{"LOWER": {"IN": WITH_CUES}}, {"LOWER": {"IN": ["with", "to"]}}, OPTIONAL_DET, NAME]
        ],
        "modifier.umbrella": [
            [
                {"LOWER": "under"},
                {"LOWER": "the"},
                {"LOWER": {"IN": UMBRELLAS}},
                {"LOWER": "of"},
                OPTIONAL_DET,
                NAME,
            ]
        ],
    }


def _object(ps: ParsedStory, token: Token) -> Token | None:
    """The backer named by a modifier: a name, or a nationality's country ("pro-Iranian")."""
    if ps.type_of(token) is not None:
        return token
    nation = ps.vocabulary.roles.nationalities.get(token.lower_)
    return names_in_story(ps, nation, token) if nation else None


def _modified(ps: ParsedStory, cue: Token) -> tuple[Token | None, list[Token]]:
    """The name the modified phrase stands for, and the phrase itself."""
    phrase = phrase_after(ps, cue.i + 1)
    for token in phrase:
        if ps.type_of(token) in SUBJECTS and not is_modifier(token) and not is_possessor(token):
            return token, phrase
    nouns = [t for t in phrase if t.pos_ in ("NOUN", "PROPN", "ADV") and t.i not in ps.mention_at]
    return (owner_of_noun(ps, nouns[-1], SUBJECTS) if nouns else None), phrase


def _predicates(word: str, obj: Token, ps: ParsedStory) -> tuple[str, ...]:
    return ps.vocabulary.ontology.cue_predicates(word, ps.type_of(obj) or "")


def _hyphen(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    obj, cue = _object(ps, doc[start]), doc[end - 1]
    subject, _ = _modified(ps, cue)
    if obj is None or subject is None:
        return []
    return [Candidate(subject, p, obj, cue, "modifier.hyphen") for p in _predicates(cue.lower_, obj, ps)]


def _pro(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    obj = _object(ps, doc[end - 1])
    subject, phrase = _modified(ps, doc[end - 1])
    if obj is None or subject is None:
        return []
    media = any(t.lower_ in ps.vocabulary.roles.media_nouns for t in phrase)
    return [Candidate(subject, "affiliated_with" if media else "backed_by", obj, doc[start], "modifier.pro")]


def _the_state(ps: ParsedStory, near: Token) -> Token | None:
    """The country a story's "the government" belongs to: the nearest country named
    before (else after) in the story."""
    countries = [ps.doc[i] for i in sorted(ps.mention_at) if is_country(ps.doc[i])]
    before = [t for t in countries if t.i < near.i]
    return before[-1] if before else (countries[0] if countries else None)


def _pro_government(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    """ "the pro-government X militia": allied with the state of the story."""
    doc = ps.doc
    subject, _ = _modified(ps, doc[end - 1])
    state = _the_state(ps, doc[start])
    if subject is None or state is None:
        return []
    return [Candidate(subject, "allied_with", state, doc[start], "modifier.pro_government")]


def _participle_subject(ps: ParsedStory, cue: Token) -> Token | None:
    subject = clause_subject(cue)
    return refers_to(ps, subject, SUBJECTS) if subject is not None else None


def _participle(ps: ParsedStory, start: int, end: int, name: str) -> list[Candidate]:
    doc = ps.doc
    cue, obj = doc[start], doc[end - 1]
    subject = _participle_subject(ps, cue)
    if subject is None:
        return []
    return [Candidate(subject, p, obj, cue, name) for p in _predicates(cue.lower_, obj, ps)]


def _umbrella(ps: ParsedStory, start: int, end: int) -> list[Candidate]:
    doc = ps.doc
    under, obj = doc[start], doc[end - 1]
    head = under.head
    if head.pos_ in ("VERB", "AUX"):
        subject = _participle_subject(ps, head)
    else:
        subject = refers_to(ps, head, ("organization",))
    if subject is None:
        return []
    predicate = "backed_by" if ps.type_of(obj) == "location" else "part_of"
    return [Candidate(subject, predicate, obj, under, "modifier.umbrella")]


def find(ps: ParsedStory) -> list[Candidate]:
    """Every backed_by / allied_with / affiliated_with / located_in candidate a modifier states."""
    found: list[Candidate] = []
    for name, start, end in matches(ps, "modifiers", _patterns):
        if name == "modifier.hyphen":
            found += _hyphen(ps, start, end)
        elif name == "modifier.pro":
            found += _pro(ps, start, end)
        elif name == "modifier.pro_government":
            found += _pro_government(ps, start, end)
        elif name in ("modifier.by", "modifier.with"):
            found += _participle(ps, start, end, name)
        else:
            found += _umbrella(ps, start, end)
    return found
