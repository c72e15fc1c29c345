"""The gazetteer component: names from the knowledge files, merged into `ner`'s entities.

The small English model tags Arabic-named armed groups and outlets as PERSON, and
countries it has seen little of as anything ("Niger" a date, "Chad" a person); a
match on a known name settles the type (see merge_with_ner for overlaps). Matching is
one case-insensitive PhraseMatcher pass (fast with thousands of names) followed by case
rules: a capitalised word of the name must not be lower-case in the text ("The National"
is an outlet, "the national team" is not; "Turkey" a country, "turkey" not), and an
all-capital short form (US, IS, AP) must match exactly.

Nationality words ("Nigerien", "Malians") and the names of peoples ("Tuareg", "Fulani")
are tagged NORP, which threadline exports as no entity, so the model cannot take them for
people or places; a nationality word followed by a national body ("the Sudanese army",
"Malian armed forces") names an organization.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from threadline.vocab import KnownEntity
from threadline.vocabulary import of_pipeline

SPACY_LABEL = {"person": "PERSON", "organization": "ORG", "location": "GPE"}
NATIONALITY = "NORP"
DETERMINERS = {"the", "a", "an"}
NAME_PUNCTUATION = {"'s", "’s", "&", "."}
COMPANY_SUFFIXES = {"ltd", "inc", "llc", "plc", "corp", "co", "sa", "ag", "gmbh", "nv", "bv", "sarl", "spa"}
APOSTROPHES = "'’‘`ʼʻ"
# Lower-case in one spelling, capitalised in another: "Asaib Ahl Al Haq" / "Asaib Ahl al-Haq".
PARTICLES = {
    "al",
    "el",
    "ad",
    "an",
    "as",
    "ash",
    "at",
    "az",
    "ar",
    "bin",
    "ibn",
    "bint",
    "abu",
    "abou",
    "of",
    "the",
    "and",
    "for",
    "in",
    "de",
    "la",
    "le",
    "ul",
    "-",
    "'s",
}


def spelling_variants(name: str) -> set[str]:
    """Hyphen and apostrophe variants that news spells the same name with."""
    variants = {name, name.replace("-", " ")}
    for variant in list(variants):
        for mark in APOSTROPHES:
            variants.add(variant.replace(mark, ""))
            variants.add(variant.replace(mark, "'"))
    return {" ".join(v.split()) for v in variants if v.strip()}


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    kb_id: str
    shape: tuple[str, ...]  # per token: "exact", "capital" or "any"


def token_shape(text: str) -> str:
    if text.isupper() and len(text) <= 5:
        return "exact"
    if text[:1].isupper() and text.lower() not in PARTICLES:
        return "capital"
    return "any"


def fits(span: Span, pattern: Doc, shape: tuple[str, ...]) -> bool:
    for token, want, rule in zip(span, pattern, shape, strict=True):
        if rule == "exact" and token.text != want.text:
            return False
        if rule == "capital" and token.is_lower:
            return False
    return True


def merge_with_ner(known: list[Span], predicted: list[Span]) -> list[Span]:
    """Known names win, except where the model found a longer name around one:
    "Hama" inside "Nawzad Hama Karim", "Washington" inside "Washington Institute", and
    any longer entity around a nationality word ("Portuguese party PSD"). Where a known
    name wins, the names left of the model's entity keep its label ("Moabit" of the
    model's "Berlin - Moabit")."""
    near = _overlapping(known)
    wider = [p for p in predicted if any(_contains(p, k) and _around(p, k) for k in near(p))]
    # one that cuts through another known name is no name around it ("Shiite al-" of "al-Nujaba")
    wider = [p for p in wider if not any(not _contains(p, k) for k in near(p))]
    swallowed = {id(k) for p in wider for k in near(p) if _contains(p, k)}
    kept_known = [k for k in known if id(k) not in swallowed]
    kept = {id(k) for k in kept_known}
    widened = {id(p) for p in wider}
    rest: list[Span] = []
    for p in predicted:
        if id(p) in widened:
            continue
        overlapped = [k for k in near(p) if id(k) in kept]
        rest += _remainders(p, overlapped) if overlapped else [p]
    return sorted(wider + kept_known + rest, key=lambda s: s.start)


def _overlapping(spans: list[Span]) -> Callable[[Span], list[Span]]:
    """A lookup of the spans overlapping a given one, through an index of the tokens each
    covers, so that merging costs the length of the story, not the product of the two lists."""
    covering: dict[int, list[Span]] = {}
    for span in spans:
        for i in range(span.start, span.end):
            covering.setdefault(i, []).append(span)

    def near(span: Span) -> list[Span]:
        found = {id(k): k for i in range(span.start, span.end) for k in covering.get(i, ())}
        return list(found.values())

    return near


def _remainders(span: Span, known: list[Span]) -> list[Span]:
    """The run of `span` past the one known name at its edge, when it is a name itself;
    none from a credit line or a list ("AP Photo/Hussein Malla, File"), nor between two
    known names ("Shiite" of "Iraq's Shiite al-Nujaba")."""
    if any(t.text in ("/", ",", "|") for t in span) or len(known) != 1:
        return []
    if known[0].start != span.start and known[0].end != span.end:
        return []
    inside = {i for k in known for i in range(k.start, k.end)}
    runs: list[list[Token]] = [[]]
    for token in span:
        if token.i in inside or not (token.is_alpha or token.text in NAME_PUNCTUATION):
            runs.append([])
        else:
            runs[-1].append(token)
    found = []
    for run in runs:
        while run and not _name_word(run[0]):
            run = run[1:]
        while run and not _name_word(run[-1]):
            run = run[:-1]
        if run and any(t.is_title for t in run):
            found.append(Span(span.doc, run[0].i, run[-1].i + 1, label=span.label_))
    return found


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _name_word(token: Token) -> bool:
    return token.is_alpha and (token.is_title or token.is_upper) and token.lower_ not in PARTICLES


def _in_name(token: Token) -> bool:
    """A token a name can hold: a name word, a particle ("of", "al"), "'s", "&", an
    abbreviation ("Inc.", "Co."), a hyphen written between two words, a number ending a
    name."""
    if _name_word(token) or token.text in NAME_PUNCTUATION:
        return True
    if token.text == "-":
        return not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_
    if token.text.endswith(".") and token.text[:-1].isalpha():
        return token.text[0].isupper()
    if token.like_num:  # "U.S. Route 20", "Apollo 11"; not a score ("Ghana 2 Togo 1")
        doc, i = token.doc, token.i
        return i > 0 and _name_word(doc[i - 1]) and not (i + 1 < len(doc) and _name_word(doc[i + 1]))
    if token.text in ("'", "’"):  # "US Airways'"
        return token.i > 0 and not token.doc[token.i - 1].whitespace_
    if token.text == ",":  # "Beijing Jinyu Group Co., Ltd."
        after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        return after is not None and after.text.rstrip(".").lower() in COMPANY_SUFFIXES
    return token.is_alpha and token.lower_ in PARTICLES


def _around(outer: Span, inner: Span) -> bool:
    return inner.label_ == NATIONALITY or _name_around(outer, inner)


def _name_around(outer: Span, inner: Span) -> bool:
    """The known name is part of a longer one: it ends a name "X of" ("Power Corporation
    of Canada"), or every word the model added (past a leading "the") is one a name holds,
    one of them a name word ("Nawzad Hama Karim", "US Airways Group Inc.", "a United States
    Supreme Court", "Tehran University's College"); not a label ("FILE -", "AP Photo/X, File")."""
    doc = outer.doc
    before = inner.start - 2
    if before >= outer.start and doc[before + 1].lower_ in ("of", "for") and _name_word(doc[before]):
        return True
    extra = [t for t in outer if not inner.start <= t.i < inner.end]
    if extra and extra[0].i == outer.start and extra[0].lower_ in DETERMINERS:
        extra = extra[1:]
    return any(_name_word(t) for t in extra) and all(_in_name(t) for t in extra)


def _contains(outer: Span, inner: Span) -> bool:
    """Strictly wider on at least one side."""
    return outer.start <= inner.start and inner.end <= outer.end and len(outer) > len(inner)


class Gazetteer:
    """Tag known names as entities carrying their knowledge id (Span.id_); nationality
    words (word -> country code or "people") as NORP, and one before a national body as
    an organization."""

    def __init__(
        self,
        nlp: Language,
        entities: Iterable[KnownEntity],
        nationalities: Mapping[str, str] | None = None,
        bodies: Iterable[str] = (),
    ) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.patterns: dict[str, tuple[Doc, Entry]] = {}
        for entity in entities:
            label = SPACY_LABEL.get(entity.type)
            if label is not None:
                self._add(nlp, entity.id, label, {v for n in entity.names for v in spelling_variants(n)})
        for word, group in (nationalities or {}).items():
            self._add(nlp, f"nationality-{group.lower()}", NATIONALITY, {word})
        self.bodies = sorted({tuple(b.lower().split()) for b in bodies}, key=len, reverse=True)

    def _add(self, nlp: Language, kb_id: str, label: str, variants: set[str]) -> None:
        for variant in sorted(variants):
            pattern = nlp.make_doc(variant)
            key = f"{kb_id}|{variant}"
            shape = tuple(token_shape(t.text) for t in pattern)
            self.patterns[key] = (pattern, Entry(label, kb_id, shape))
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for match_id, start, end in self.matcher(doc):
            pattern, entry = self.patterns[doc.vocab.strings[match_id]]
            span = doc[start:end]
            if fits(span, pattern, entry.shape):
                found.append(self._national_body(span, entry))
        doc.ents = filter_spans(merge_with_ner(filter_spans(found), list(doc.ents)))  # never overlapping
        return doc

    def _national_body(self, span: Span, entry: Entry) -> Span:
        """The match; for a nationality word before "army", "armed forces" …, the organization."""
        doc, end = span.doc, span.end
        if entry.label == NATIONALITY:
            for body in self.bodies:
                if tuple(t.lower_ for t in doc[end : end + len(body)]) == body:
                    return Span(doc, span.start, end + len(body), label="ORG")
        return Span(doc, span.start, end, label=entry.label, span_id=entry.kb_id)


@Language.factory("threadline_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    vocabulary = of_pipeline(nlp)
    cues = vocabulary.entity_cues
    nationalities = {**{p: "people" for p in cues.get("peoples") or ()}, **vocabulary.demonyms}
    return Gazetteer(nlp, vocabulary.knowledge, nationalities, cues.get("national_bodies") or ())
