"""A story's parse, reshaped for pattern matching: one token per mention and per role title.

`prepare` copies the Doc (the caller's Doc is left as it was) and merges every mention
span and every role-title phrase into a single token, so a pattern can name "a person,
a comma, a role, 'of', an organization" in five tokens whatever the names' lengths.
Merged tokens keep the character offsets of the story text, so evidence and mention
ids read straight off them. Entity labels on the copy are the mention types
("person", "organization", "location") and "ROLE"; the model's other labels (DATE,
NORP, ...) stay where they do not overlap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IS_SPACE, LEMMA, MORPH, ORTH, POS, SPACY, TAG
from spacy.matcher import Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from threadline.extract.vocabulary import RoleLexicon, Title
from threadline.records import Evidence, Mention, Story, Zone
from threadline.vocabulary import Vocabulary, active, attach_to_doc, of_doc

ROLE = "ROLE"
HYPHENS = ("-", "–", "‑")
SENTENCE_END = frozenset({".", "!", "?", ";", ":", "…"})
CLOSING_QUOTES = frozenset({"”", '"', "’", "'", ")"})


@dataclass(frozen=True, slots=True)
class ParsedStory:
    doc: Doc
    story: Story
    mention_at: dict[int, Mention]  # token index -> mention
    title_at: dict[int, Title]  # token index -> role title
    # mention text -> its token indexes, ascending: "the other mentions of this name"
    # without a scan of every mention per question (quadratic in a long story)
    named: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    named_loosely: dict[str, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    # the story's block starts, ascending, when its blocks follow one another without
    # overlap (None: they do not, and zone_at asks the story): a zone found by bisection,
    # not by a scan of every block per question (quadratic in a long story)
    block_starts: list[int] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        blocks = self.story.blocks
        ordered = all(a.start <= a.end <= b.start for a, b in pairwise(blocks))
        object.__setattr__(self, "block_starts", [b.start for b in blocks] if ordered else None)
        named: dict[str, list[int]] = {}
        loosely: dict[str, list[int]] = {}
        for i in sorted(self.mention_at):
            text = self.mention_at[i].text
            named.setdefault(text, []).append(i)
            loosely.setdefault(loose_name(text), []).append(i)
        object.__setattr__(self, "named", {text: tuple(found) for text, found in named.items()})
        object.__setattr__(self, "named_loosely", {text: tuple(found) for text, found in loosely.items()})

    def mentions_named(self, text: str, loosely: bool = False) -> tuple[int, ...]:
        """The token indexes of the mentions whose text is `text` (or, loosely, reads as
        it in lower case, with or without "the"), ascending."""
        return self.named_loosely.get(loose_name(text), ()) if loosely else self.named.get(text, ())

    def zone_at(self, offset: int) -> Zone:
        """The zone of the story's block holding `offset` (Story.zone_at, by bisection)."""
        if self.block_starts is None:
            return self.story.zone_at(offset)
        k = bisect_right(self.block_starts, offset) - 1
        block = self.story.blocks[k] if k >= 0 else None
        return block.zone if block is not None and offset < block.end else "body"

    @property
    def vocabulary(self) -> Vocabulary:
        """The data folder's model this story is read with (carried by its Doc)."""
        return of_doc(self.doc)

    def mention(self, token: Token | None) -> Mention | None:
        return None if token is None else self.mention_at.get(token.i)

    def type_of(self, token: Token | None) -> str | None:
        mention = self.mention(token)
        return mention.type if mention else None

    def evidence(self, token: Token) -> Evidence:
        """The sentence around token, clipped to its line, as a verbatim quote."""
        text = self.story.text
        sent = token.sent
        start = max(sent.start_char, text.rfind("\n", 0, token.idx) + 1)
        line_end = text.find("\n", token.idx)
        end = min(sent.end_char, line_end if line_end >= 0 else len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(self.story.id, start, end, text[start:end], zone=self.zone_at(start))


def loose_name(text: str) -> str:
    return text.lower().removeprefix("the ")


def _title_phrases(roles: RoleLexicon) -> list[list[str]]:
    """Each title's words, and for a title of several words every way of joining them
    with hyphens ("secretary-general": the tokenizer splits off the hyphen)."""
    phrases = []
    for key in roles.titles:
        words = key.split()
        joins: list[list[str]] = [[words[0]]]
        for word in words[1:]:
            joins = [[*j, *gap, word] for j in joins for gap in ([], *([h] for h in HYPHENS))]
        phrases += joins
    return phrases


_MATCHERS: dict[tuple[int, str], tuple[Vocab, Matcher]] = {}


def cached_matcher(vocab: Vocab, key: str, patterns: Callable[[], dict[str, list[list[dict]]]]) -> Matcher:
    """One Matcher per vocabulary and pattern family, built on first use (the cache holds
    the vocabulary, so its id is never reused for another)."""
    found = _MATCHERS.get((id(vocab), key))
    if found is not None and found[0] is vocab:
        return found[1]
    matcher = Matcher(vocab)
    for name, variants in patterns().items():
        matcher.add(name, variants)
    _MATCHERS[(id(vocab), key)] = (vocab, matcher)
    return matcher


_PHRASE_MATCHERS: dict[tuple[int, int], tuple[Vocab, RoleLexicon, PhraseMatcher]] = {}


def _title_matcher(vocab: Vocab, roles: RoleLexicon) -> PhraseMatcher:
    """One phrase matcher (on lower-cased words) per vocabulary and role lexicon, built on
    first use; a phrase matcher looks each word up once, however many titles there are."""
    found = _PHRASE_MATCHERS.get((id(vocab), id(roles)))
    if found is not None and found[0] is vocab and found[1] is roles:
        return found[2]
    matcher = PhraseMatcher(vocab, attr="LOWER")
    matcher.add("TITLE", [Doc(vocab, words=words) for words in _title_phrases(roles)])
    _PHRASE_MATCHERS[(id(vocab), id(roles))] = (vocab, roles, matcher)
    return matcher


def _title_spans(doc: Doc, roles: RoleLexicon) -> list[Span]:
    """Role-title phrases; a lone word counts only as a noun ("head", not "headed to")."""
    spans = [Span(doc, s, e, label=ROLE) for _, s, e in _title_matcher(doc.vocab, roles)(doc)]
    return [s for s in filter_spans(spans) if len(s) > 1 or s[0].pos_ in ("NOUN", "PROPN")]


def _inside(span: Span, outer: list[Span], starts: list[int]) -> bool:
    """Whether a longer span of `outer` (non-overlapping, sorted, `starts` their starts)
    holds `span`: only the last one starting at or before it can."""
    k = bisect_right(starts, span.start) - 1
    if k < 0:
        return False
    o = outer[k]
    return span.end <= o.end and len(o) > len(span)


def _mention_spans(doc: Doc, mentions: Sequence[Mention]) -> list[tuple[Span, Mention]]:
    spans = []
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, label=mention.type, alignment_mode="expand")
        if span is not None and len(span):
            spans.append((span, mention))
    kept = {(s.start, s.end) for s in filter_spans([s for s, _ in spans])}
    return [(s, m) for s, m in spans if (s.start, s.end) in kept]


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < len(token.doc):
        token, depth = token.head, depth + 1
    return depth


def _piece_starts(doc: Doc) -> list[int]:
    """Where each run of tokens in one sentence and one line begins: a sentence never
    spans a line break, and a sentence break the parser put after no final punctuation
    is undone. A run begins after a space token holding a line break, and at a sentence
    start that follows a final stop (read by word id, no Token made per word)."""
    if not len(doc):
        return []
    orths = doc.to_array(ORTH).tolist()
    spaces = doc.to_array(IS_SPACE).tolist()
    sentence_starts = {sent.start for sent in doc.sents}
    starts = [0]
    for i in range(1, len(doc)):
        line_break = spaces[i - 1] and "\n" in doc[i - 1].text
        if line_break or (i in sentence_starts and _ends_sentence_at(orths, i - 1)):
            starts.append(i)
    return starts


_IOB = ("", "I", "O", "B")  # Token.ent_iob_ of each ENT_IOB value
_SENTENCE_END_IDS = frozenset(get_string_id(s) for s in SENTENCE_END)
_CLOSING_QUOTE_IDS = frozenset(get_string_id(s) for s in CLOSING_QUOTES)


def _ends_sentence_at(orths: list[int], i: int) -> bool:
    """_ends_sentence by word ids: token i, or the one before a closing quote, is a final stop."""
    if orths[i] in _CLOSING_QUOTE_IDS and i > 0:
        i -= 1
    return orths[i] in _SENTENCE_END_IDS


def _pieces(doc: Doc) -> list[range]:
    """The runs of _piece_starts, as token index ranges, in order."""
    starts = _piece_starts(doc)
    return [range(a, b) for a, b in zip(starts, [*starts[1:], len(doc)], strict=True)]


def _reattached_dep(token: Token, top: Token, deps: list[str]) -> str:
    """The role a cut-off noun most likely plays for its line's verb: a name after a
    headline verb is its object ("Gunmen attacked Basra"), one before it its subject."""
    if top.pos_ != "VERB" or token.pos_ not in ("NOUN", "PROPN"):
        return "dep"
    taken = {deps[c.i] for c in top.children}
    if token.i > top.i and "dobj" not in taken:
        return "dobj"
    if token.i < top.i and not taken & {"nsubj", "nsubjpass"}:
        return "nsubj"
    return "dep"


def split_at_lines(doc: Doc) -> Doc:
    """A copy whose sentences end at line breaks: arcs across a line are cut and each
    piece's parts hang on the piece's highest word, so headline, caption and paragraph
    never share a sentence."""
    pieces = _pieces(doc)
    piece_of = numpy.repeat(numpy.arange(len(pieces)), [len(p) for p in pieces])
    heads_at = numpy.arange(len(doc)) + doc.to_array(HEAD).view(numpy.int64)
    if bool((piece_of[heads_at] == piece_of).all()) and len(pieces) == len(list(doc.sents)):
        return doc.copy()  # the parse already ends its sentences at line breaks
    heads = heads_at.tolist()
    strings = doc.vocab.strings
    columns = doc.to_array([ORTH, SPACY, TAG, POS, LEMMA, MORPH, DEP, ENT_IOB, ENT_TYPE]).T.tolist()
    words, spaces, tags, pos, lemmas, morphs, deps, iobs, types = (
        [strings[v] for v in column] if attr not in (SPACY, ENT_IOB) else column
        for attr, column in zip(
            (ORTH, SPACY, TAG, POS, LEMMA, MORPH, DEP, ENT_IOB, ENT_TYPE), columns, strict=True
        )
    )
    for piece in pieces:
        orphans = [doc[i] for i in piece if heads[i] not in piece or heads[i] == i]
        top = min(orphans, key=_depth)
        for token in orphans:
            heads[token.i] = top.i
            deps[token.i] = "ROOT" if token.i == top.i else _reattached_dep(token, top, deps)
    # each token's attributes read off one array by their ids (no Token made per word)
    ents = [_IOB[iob] + ("-" + kind if kind else "") for iob, kind in zip(iobs, types, strict=True)]
    return Doc(
        doc.vocab,
        words=words,
        spaces=[bool(space) for space in spaces],
        heads=heads,
        deps=deps,
        tags=tags,
        pos=pos,
        lemmas=lemmas,
        morphs=morphs,
        ents=ents,
    )


def prepare(
    doc: Doc, story: Story, mentions: Sequence[Mention], vocabulary: Vocabulary | None = None
) -> ParsedStory:
    """Copy doc, end sentences at line breaks, merge mentions and role titles into single
    tokens; the copy carries `vocabulary` (None: the active one) for every stage that reads it."""
    vocabulary = vocabulary or active()
    roles = vocabulary.roles
    copy = split_at_lines(doc) if doc.has_annotation("DEP") else doc.copy()
    attach_to_doc(copy, vocabulary)
    titles = _title_spans(copy, roles)
    # a mention inside a longer title ("State" in "Secretary of State") is a mis-tag
    starts = [t.start for t in titles]  # filter_spans: sorted, non-overlapping
    named = [(s, m) for s, m in _mention_spans(copy, mentions) if not _inside(s, titles, starts)]
    taken = {i for span, _ in named for i in range(span.start, span.end)}
    titles = [s for s in titles if not taken.intersection(range(s.start, s.end))]
    by_start = {span.start_char: mention for span, mention in named}
    title_by_start = {span.start_char: roles.title(span.text) for span in titles}
    others = [e for e in copy.ents if not taken.intersection(range(e.start, e.end))]
    with copy.retokenize() as retokenizer:
        for span in [s for s, _ in named] + titles:
            retokenizer.merge(span)
    mention_at = {t.i: by_start[t.idx] for t in copy if t.idx in by_start}
    title_at = {
        t.i: title for t in copy if (title := title_by_start.get(t.idx)) is not None and t.i not in mention_at
    }
    ents = [Span(copy, i, i + 1, label=m.type) for i, m in mention_at.items()]
    ents += [Span(copy, i, i + 1, label=ROLE) for i in title_at]
    ents += _kept_entities(copy, others, set(mention_at) | set(title_at))
    copy.set_ents(filter_spans(ents), default="outside")
    return ParsedStory(copy, story, mention_at, title_at)


def _kept_entities(copy: Doc, others: list[Span], merged: set[int]) -> list[Span]:
    """The model's other entities (DATE, NORP, ...) re-anchored on the merged copy."""
    kept = []
    for ent in others:
        span = copy.char_span(ent.start_char, ent.end_char, label=ent.label_)
        if span is not None and not merged.intersection(range(span.start, span.end)):
            kept.append(span)
    return kept
