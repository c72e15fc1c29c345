"""JSON Lines: one article a line, `id` and `text` required; `title`, `published`,
`outlet`, `url` optional."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from threadline.errors import InputError
from threadline.ingest.dates import stated_date
from threadline.ingest.encoding import normalize_newlines
from threadline.records import Document

NO_RECORDS = "empty input: no JSON lines"


def parse_record(line: str, origin: str) -> Document | InputError:
    """The Document of one JSON line, or an InputError naming what is wrong with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"malformed JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(origin, f"expected a JSON object with id and text, got {type(record).__name__}")
    problem = _missing(record)
    if problem:
        return InputError(origin, problem)
    return Document(
        source=str(record["id"]).strip(),
        origin=origin,
        format="jsonl",
        text=normalize_newlines(record["text"]),
        title=_optional(record.get("title")),
        published=_published(record.get("published")),
        outlet=_optional(record.get("outlet")),
        url=_optional(record.get("url")),
    )


def _missing(record: dict[str, Any]) -> str | None:
    """What keeps the record from being an article, or None."""
    record_id, text = record.get("id"), record.get("text")
    if record_id is None or isinstance(record_id, bool) or not isinstance(record_id, str | int):
        return "missing 'id': each line needs a string id"
    if not str(record_id).strip():
        return "empty 'id'"
    if text is None:
        return f"record {record_id!r} is missing 'text'"
    if not isinstance(text, str):
        return f"record {record_id!r}: 'text' must be a string, not {type(text).__name__}"
    if not text.strip():
        return f"record {record_id!r}: 'text' is empty"
    return None


def _optional(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _published(value: object) -> str | None:
    return stated_date(value) if isinstance(value, str) else None


def read_records(lines: Iterable[str], name: str) -> Iterator[Document | InputError]:
    """Each non-blank line of `lines` as a Document or an InputError; origin "name:LINE"."""
    records = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            records += 1
            yield parse_record(line, f"{name}:{number}")
    if not records:
        yield InputError(name, NO_RECORDS)
