"""When an event happened: the time expression of its trigger's clause, resolved.

The expression nearest the trigger in the parse wins; the words that qualify a date
entity come with it ("late on Sunday", "since October 17"). Durations ("40 days") are
no dates. A clause with no expression of its own takes one from a participle phrase
describing one of its nouns ("in a video released last month"); the dateline's date
is when the story was filed, never the event's. No expression means no date: a
guessed date is an error.
Without a publication date, a month and day ("on July 30") take their year from a
full date in the same sentence ("Aug. 1, 2024"), and nothing else resolves.
"""

from __future__ import annotations

import datetime

from spacy.tokens import Span, Token

from threadline.extract.dates import MONTH_ABBR, is_date, resolve_date
from threadline.extract.entities import entities_in, entity_at
from threadline.extract.events.clause import clause, depth_from, described, inside_other_event
from threadline.extract.events.dateline import in_dateline
from threadline.extract.parsed import ParsedStory
from threadline.records import DateValue
from threadline.vocabulary import MONTHS, WEEKDAYS

NO_DATE = DateValue(None, "unknown", None)
QUALIFIERS = frozenset(
    {"on", "in", "since", "late", "early", "at", "during", "from", "by", "until", "mid", "earlier", "later"}
)
DAY_WORDS = frozenset(WEEKDAYS) | {"yesterday", "today"}
MONTH_WORDS = frozenset(MONTHS) | frozenset(MONTH_ABBR)


def _date_spans(ps: ParsedStory, tokens: list[Token]) -> list[Span]:
    """The date and time entities that start on one of `tokens`, and the day words outside
    them. Read off the tokens' entity tags: `doc.ents` builds every entity of the story
    anew, and a long story has thousands of triggers."""
    found = (entity_at(t) for t in tokens)
    spans = [e for e in found if e is not None and e.label_ in ("DATE", "TIME")]
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans += [ps.doc[t.i : t.i + 1] for t in tokens if t.i not in taken and t.lower_ in DAY_WORDS]
    return spans


def expression(span: Span) -> Span:
    """A date entity with the words that qualify it: "late on Sunday", "since October 17"."""
    doc = span.doc
    start = span.start
    while start > 0 and doc[start - 1].lower_ in QUALIFIERS and span.start - start < 3:
        start -= 1
    return doc[start : span.end]


def published(ps: ParsedStory) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(ps.story.published[:10]) if ps.story.published else None
    except ValueError:
        return None


def _year_anchor(span: Span) -> datetime.date | None:
    """A full date elsewhere in the sentence, to give a month and day their year."""
    for ent in entities_in(span.sent):
        if ent.label_ == "DATE" and ent.start != span.start:
            value = resolve_date(ent.text, None).value
            if value and len(value) == 10:
                return datetime.date.fromisoformat(value)
    return None


def _dates_in(ps: ParsedStory, trigger: Token, tokens: list[Token], event_type: str) -> list[Span]:
    return [
        s
        for s in _date_spans(ps, [t for t in tokens if not in_dateline(ps, t)])
        if is_date(expression(s).text) and not inside_other_event(s.root, trigger, event_type)
    ]


def date(ps: ParsedStory, trigger: Token, event_type: str = "") -> DateValue:
    """The resolved time expression of the trigger's clause, or no date."""
    spans = _dates_in(ps, trigger, clause(trigger), event_type) or _dates_in(
        ps, trigger, described(trigger), event_type
    )
    if not spans:
        return NO_DATE
    span = min(spans, key=lambda s: (depth_from(s.root, trigger), abs(s.start - trigger.i)))
    text = expression(span).text
    base = published(ps)
    value = resolve_date(text, base)
    if value.value is None and base is None and any(t.lower_.strip(".") in MONTH_WORDS for t in span):
        anchor = _year_anchor(span)
        value = resolve_date(text, anchor) if anchor is not None else value
    return value


def pinned(value: DateValue) -> bool:
    """A date that fixes when: resolved, or a day or month the text names ("on Monday"
    with no publication date); not a span such as "over the years"."""
    words = {w.strip(".,").lower() for w in (value.expression or "").split()}
    return value.value is not None or bool(words & (DAY_WORDS | MONTH_WORDS))
