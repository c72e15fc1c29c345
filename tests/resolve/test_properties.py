"""Property tests: resolution over generated corpora never raises, maps every mention,
and gives the same answer, and takes the same decisions, whatever order the stories
and mentions come in.

The corpora mix the names that have broken resolution before or could: spellings of
one name (Mohammed/Muhammad/Mohamed, al-/Al /el-), acronyms beside their long forms,
kunyas (and "Abu Dhabi", a place), shared surnames, single-token names, names with
digits, punctuation and every apostrophe, stray strings the NER sometimes returns
("-", "al-", "'s", "A."), capitals, and knowledge entries whose fullest alias is not
their name. All names are made up for the test.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.errors import Failures
from threadline.records import EntityType, Mention
from threadline.resolve import Judgement, Resolution, resolve_entities
from threadline.vocab import KnownEntity

GIVEN = ["Mohammed", "Muhammad", "Mohamed", "Ahmed", "Ahmad", "Hamza", "Karim", "Kareem", "Hassan", "Hussein"]
MIDDLE = ["", "Soumana", "Ould", "bin Salem", "Abdel", "Abd al-", "2nd"]
SURNAME = [
    "al-Tarabi",
    "Al Tarabi",
    "el-Tarabi",
    "al Tarrabi",
    "Tarabi",
    "Dicko",
    "Diko",
    "Ag Ewangaye",
    "O'Malley",
]
KUNYA = ["Abu Hamza", "Abu Hamza al-Tarabi", "Umm Salma", "Abu Dhabi", "Abu", "abu hamza"]
ORG_HEAD = ["Katibat", "Kata'ib", "Kata’ib", "Kataʼib", "Saraya", "Jama'at", "Liwa", "Harakat"]
ORG_TAIL = ["Ansar al-Hijra", "Dir' al-Watan", "Nusrat al-Haqq", "Sayf al-Sahil", "313", "Abna al-Sahra"]
ORG_OTHER = [
    "Sahel Shura Council",
    "Shura Council",
    "the council",
    "Council",
    "Niger Defence Council",
    "Islamic State in the Sahel",
    "Islamic State",
    "Brigade 313",
    "the 2nd Brigade",
]
ACRONYM = ["KAH", "JNH", "ISS", "SSC", "U.S.", "I.S.", "AAH", "KH", "N.D.C."]
PLACE = ["Niamey", "Gao", "Tillaberi", "Tillabéri", "Abu Dhabi", "Niger", "Mali", "Gao region", "the Sahel"]
ODD = [
    "-",
    "al-",
    "'s",
    "A.",
    "“",
    "ʿ",
    "TARABI",
    "AL-TARABI",
    "Mr",
    "The",
    "al-Tarabi's",
    "Tarabi’s",
    "ʿAbd al-Raḥmān",
]

TYPES: list[EntityType] = ["person", "organization", "location", "other"]
CONNECTORS = [" said. ", " met ", ", also known as ", ", better known by his kunya ", " (", ") and ", " in "]


def _person(draw: st.DrawFn) -> str:
    parts = [
        draw(st.sampled_from(KUNYA + GIVEN)),
        draw(st.sampled_from(MIDDLE)),
        draw(st.sampled_from(SURNAME)),
    ]
    keep = draw(st.sampled_from([(0, 1, 2), (0, 2), (2,), (0,), (1, 2)]))
    return " ".join(parts[i] for i in keep if parts[i]) or parts[2]


LETTERS = "aAbBdDhHkKlLmMsSuUiI -'’ʿʼ.()&/1230éḤأبو"
FREE = st.text(LETTERS, min_size=0, max_size=12)  # what no list above thought of


@st.composite
def names(draw: st.DrawFn) -> tuple[str, EntityType]:
    kind = draw(st.sampled_from(["person", "org", "other_org", "acronym", "place", "odd", "free"]))
    if kind == "free":
        return draw(FREE), draw(st.sampled_from(TYPES))
    if kind == "person":
        return _person(draw), draw(st.sampled_from(["person", "person", "organization", "location"]))
    if kind == "org":
        return f"{draw(st.sampled_from(ORG_HEAD))} {draw(st.sampled_from(ORG_TAIL))}", draw(
            st.sampled_from(TYPES)
        )
    table = {"other_org": ORG_OTHER, "acronym": ACRONYM, "place": PLACE, "odd": ODD}[kind]
    return draw(st.sampled_from(table)), draw(st.sampled_from(TYPES))


def _double_a_letter(surface: str) -> str:
    """ "Tarabi" -> "Tarrabi": a transliteration choice, one name."""
    for i in range(len(surface) - 2, 0, -1):
        if surface[i].isalpha() and surface[i] not in "aeiou" and surface[i + 1] in "aeiou":
            return surface[: i + 1] + surface[i:]
    return surface


VARIANTS = [
    lambda s: s.replace("al-", "el-"),
    lambda s: s.replace("al-", "Al "),
    lambda s: s.replace("Mohammed", "Muhammad"),
    _double_a_letter,
    lambda s: " ".join([*s.split()[:1], "Soumana", *s.split()[1:]]),  # a middle name added
    lambda s: (s.split() or [s])[-1],  # a lone surname
    lambda s: s.upper(),
]


@st.composite
def variant_of(draw: st.DrawFn, surfaces: list[str]) -> str:
    """Another spelling or form of a name already in the corpus."""
    surface = draw(st.sampled_from(surfaces))
    for change in draw(st.lists(st.sampled_from(VARIANTS), max_size=2)):
        surface = change(surface) or surface
    return surface


@dataclass(frozen=True)
class Corpus:
    mentions: tuple[Mention, ...]
    texts: dict[str, str]
    known: tuple[KnownEntity, ...]
    judgements: tuple[Judgement, ...]


@st.composite
def stories(draw: st.DrawFn, story_id: str, earlier: list[str]) -> tuple[str, list[Mention]]:
    """A story text made of names (new ones, or forms of names of earlier stories) and
    the phrases around them; each name is a mention (a few are headline mentions, with
    offsets into a headline)."""
    text, mentions = "", []
    for _ in range(draw(st.integers(1, 6))):
        surface, kind = draw(names())
        if earlier and draw(st.booleans()):
            surface = draw(variant_of(earlier))
        text += draw(st.sampled_from(CONNECTORS))
        zone = draw(st.sampled_from(["text"] * 5 + ["title"]))
        mentions.append(Mention(story_id, len(text), len(text) + len(surface), surface, kind, "X", zone=zone))
        text += surface
    if mentions and draw(st.booleans()):  # the NER and the gazetteer may both claim a span
        whole = draw(st.sampled_from(mentions))
        cut = draw(st.integers(whole.start, whole.end))
        part = Mention(story_id, cut, whole.end, text[cut : whole.end], whole.type, "RULER")
        mentions += [part, whole]  # and a mention may come twice
    return text + ").", mentions


@st.composite
def corpora(draw: st.DrawFn) -> Corpus:
    texts, mentions = {}, []
    for n in range(draw(st.integers(1, 4))):
        text, found = draw(stories(f"s{n}", [m.text for m in mentions]))
        if draw(st.integers(0, 5)):  # now and then a story's text is missing
            texts[f"s{n}"] = text
        mentions += found
    known = []
    for n in range(draw(st.integers(0, 2))):
        (name, kind), aliases = (
            draw(names()),
            draw(st.lists(variant_of([m.text for m in mentions]), max_size=3)),
        )
        known.append(KnownEntity(f"kb{n}", name, kind, tuple(aliases)))
    judgements = []
    for n in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["merge", "split", "rename"]))
        subjects = tuple(draw(st.sampled_from([m.text for m in mentions])) for _ in range(2))
        judgements.append(Judgement(kind, subjects, "analyst", f"2025-01-0{n + 1}", name=subjects[0]))
    return Corpus(tuple(mentions), texts, tuple(known), tuple(judgements))


def _resolve(corpus: Corpus, mentions: list[Mention], texts: dict[str, str]) -> Resolution:
    return resolve_entities(mentions, texts, corpus.known, corpus.judgements)


PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(corpora())
def test_every_mention_gets_an_entity_and_nothing_raises(corpus: Corpus) -> None:
    failures = Failures()
    result = resolve_entities(
        corpus.mentions, corpus.texts, corpus.known, corpus.judgements, failures=failures
    )
    assert not failures.items, [str(f) for f in failures.items]
    assert set(result.entity_of) == {m.id for m in corpus.mentions}
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids)) and set(result.entity_of.values()) == set(ids) == set(result.reasons)
    merged = [d for d in result.decisions if d.verdict == "merged"]
    assert all(d.left_entity == d.right_entity for d in merged if d.left_entity and d.right_entity)
    named = {
        result.entity_of[m.id] for m in corpus.mentions if any(c.isalnum() for c in m.text)
    }  # "-" names no one
    assert all(e.type in TYPES and (e.name or e.id not in named) for e in result.entities)


@PROPERTY
@given(corpora(), st.randoms(use_true_random=False))
def test_the_order_of_stories_and_mentions_changes_nothing(corpus: Corpus, rng: random.Random) -> None:
    first = _resolve(corpus, list(corpus.mentions), corpus.texts)
    shuffled = list(corpus.mentions)
    rng.shuffle(shuffled)
    order = list(corpus.texts)
    rng.shuffle(order)
    again = _resolve(corpus, shuffled, {sid: corpus.texts[sid] for sid in order})
    assert again.entities == first.entities
    assert again.entity_of == first.entity_of
    assert again.reasons == first.reasons
    assert again.decisions == first.decisions
