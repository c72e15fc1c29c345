"""JSON Lines: one article a line, `id` and `text` required; `title`, `published`,
`outlet`, `url` optional.

Feeds saved from news APIs name the same fields otherwise, and are read as they come:
the text may be `content`, `body` or `description` (the first that holds text, in that
order after `text`); the date `publishedAt` or `date`; the outlet `source`, as a
string or as an object with a `name` ({"id": "bbc-news", "name": "BBC News"}); and a
record with no `id` is known by its `url`.

A record is known by its id within its feed (the file it came in, or stdin): the same id
in two files names two documents, and the same id twice in one file is reported, the
first line kept.
"""

from __future__ import annotations

import json
from typing import Any

from threadline.errors import InputError
from threadline.ingest.dates import stated_date
from threadline.ingest.encoding import normalize_newlines
from threadline.records import Document

NO_RECORDS = "empty input: no JSON lines"
TEXT_FIELDS = ("text", "content", "body", "description")  # the article's text, by preference
DATE_FIELDS = ("published", "publishedAt", "date")
OUTLET_FIELDS = ("outlet", "source")
_SHOWN = 60  # characters of a bad value quoted in a warning


def record_locator(scope: str, record_id: str) -> str:
    """A record's full source: its feed, then its id ("feeds/wire.jsonl#a-17")."""
    return f"{scope}#{record_id}"


def parse_record(
    line: str, origin: str, scope: str | None = None, feed: str | None = None
) -> Document | InputError:
    """The Document of one JSON line, or an InputError naming what is wrong with it.
    `scope` is the feed's locator (or "<stdin>"; by default, `origin` less its line
    number); `feed` is set for a file's records."""
    scope = origin.rsplit(":", 1)[0] if scope is None else scope
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})", feed=feed)
    if not isinstance(record, dict):
        found = type(record).__name__
        return InputError(origin, f"expected a JSON object with id and text, got {found}", feed=feed)
    record_id = _record_id(record.get("id"))
    if record_id is None and _optional(record.get("url")):
        record_id = _record_id(record.get("url"))
    if record_id is None:
        return InputError(origin, "missing 'id': each line needs a string id (or a url)", feed=feed)
    if not record_id:
        return InputError(origin, "empty 'id'", feed=feed)
    locator = record_locator(scope, record_id)
    text, problem = _article_text(record_id, record)
    if problem:
        return InputError(origin, problem, locator=locator, feed=feed)
    published, warning = _published(record, origin, record_id)
    return Document(
        source=record_id,
        origin=origin,
        format="jsonl",
        text=normalize_newlines(text),
        title=_optional(record.get("title")),
        published=published,
        outlet=_outlet(record),
        url=_optional(record.get("url")),
        locator=locator,
        feed=feed,
        warnings=(warning,) if warning else (),
    )


def _record_id(value: object) -> str | None:
    """The id as text; None when there is none a record could be known by."""
    if value is None or isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip()


def _article_text(record_id: str, record: dict[str, Any]) -> tuple[str, str | None]:
    """The first text field that holds text; else what is wrong with the first one given."""
    given = [name for name in TEXT_FIELDS if record.get(name) is not None]
    for name in given:
        value = record[name]
        if isinstance(value, str) and value.strip():
            return value, None
    if not given:
        return "", f"record {record_id!r} is missing 'text' (or 'content', 'body', 'description')"
    name, value = given[0], record[given[0]]
    if not isinstance(value, str):
        return "", f"record {record_id!r}: {name!r} must be a string, not {type(value).__name__}"
    return "", f"record {record_id!r}: {name!r} is empty"


def _outlet(record: dict[str, Any]) -> str | None:
    """`outlet` or `source`: a name, or an object with a `name` (as news APIs give it)."""
    for name in OUTLET_FIELDS:
        value = record.get(name)
        found = _optional(value.get("name")) if isinstance(value, dict) else _optional(value)
        if found:
            return found
    return None


def _optional(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _published(record: dict[str, Any], origin: str, record_id: str) -> tuple[str | None, str | None]:
    """The stated date as YYYY-MM-DD, and a warning when a value was given that is no
    real date ("2023-02-31", "yesterday"): the record is kept without a date."""
    field = next((f for f in DATE_FIELDS if _given(record.get(f))), None)
    if field is None:
        return None, None
    value = record[field]
    date = stated_date(value) if isinstance(value, str) else None
    if date is not None:
        return date, None
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= _SHOWN else shown[:_SHOWN] + "…"
    return None, (
        f"{origin}: record {record_id!r}: {field!r} {shown} is not a calendar date "
        "(write YYYY-MM-DD); stored without a date"
    )


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
