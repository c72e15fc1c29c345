"""JSONL feeds as news APIs export them: the same article under the field names of
common exports is read the same way (records written for this test)."""

from __future__ import annotations

import json

import pytest

from threadline.errors import InputError
from threadline.ingest.jsonl import parse_record
from threadline.records import Document

TEXT = "Gunmen attacked a checkpoint outside the town on Sunday, police said."


def read(record: dict[str, object]) -> Document:
    parsed = parse_record(json.dumps(record), "feed.jsonl:1")
    assert isinstance(parsed, Document), parsed
    return parsed


@pytest.mark.parametrize("field", ["text", "content", "body", "description"])
def test_the_text_may_come_under_any_common_name(field: str) -> None:
    assert read({"id": "a-1", field: TEXT}).text == TEXT


def test_text_is_preferred_to_a_description_and_an_empty_field_is_passed_over() -> None:
    record = {"id": "a-1", "description": "A checkpoint was attacked.", "content": "  ", "text": TEXT}
    assert read(record).text == TEXT
    assert read({"id": "a-1", "content": "", "description": TEXT}).text == TEXT


@pytest.mark.parametrize("field", ["published", "publishedAt", "date"])
def test_the_date_may_come_under_any_common_name(field: str) -> None:
    assert read({"id": "a-1", "text": TEXT, field: "2024-06-02T07:15:00Z"}).published == "2024-06-02"


@pytest.mark.parametrize(
    "record",
    [
        {"outlet": "Desert Courier"},
        {"source": "Desert Courier"},
        {"source": {"id": "desert-courier", "name": "Desert Courier"}},
        {"outlet": {"name": "Desert Courier"}},
    ],
)
def test_the_outlet_may_be_a_string_or_an_object_with_a_name(record: dict[str, object]) -> None:
    assert read({"id": "a-1", "text": TEXT, **record}).outlet == "Desert Courier"


def test_a_news_api_article_without_an_id_is_known_by_its_url() -> None:
    article = {
        "source": {"id": None, "name": "Desert Courier"},
        "author": "Staff",
        "title": "Checkpoint attacked",
        "description": "Gunmen attacked a checkpoint.",
        "url": "https://courier.example/2024/06/checkpoint",
        "publishedAt": "2024-06-02T07:15:00Z",
        "content": TEXT,
    }
    document = read(article)
    assert document.source == article["url"] and document.url == article["url"]
    assert (document.title, document.outlet, document.published, document.text) == (
        "Checkpoint attacked",
        "Desert Courier",
        "2024-06-02",
        TEXT,
    )


@pytest.mark.parametrize(
    ("record", "says"),
    [
        ({"title": "No id or url", "text": TEXT}, "missing 'id'"),
        ({"id": "a-1", "title": "No text"}, "missing 'text' (or 'content', 'body', 'description')"),
        ({"id": "a-1", "content": 7}, "'content' must be a string, not int"),
        ({"id": "a-1", "body": "   "}, "'body' is empty"),
    ],
)
def test_a_record_with_no_article_text_is_named(record: dict[str, object], says: str) -> None:
    parsed = parse_record(json.dumps(record), "feed.jsonl:3")
    assert isinstance(parsed, InputError) and parsed.origin == "feed.jsonl:3" and says in parsed.problem


def test_a_bad_date_warning_names_the_field_it_came_in() -> None:
    document = read({"id": "a-1", "text": TEXT, "publishedAt": "last Tuesday"})
    assert document.published is None
    [warning] = document.warnings
    assert "'publishedAt' \"last Tuesday\" is not a calendar date" in warning
