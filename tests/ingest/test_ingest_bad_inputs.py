"""Bad inputs are yielded as InputErrors that name the input (and line), and the rest go on."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from threadline.errors import InputError
from threadline.ingest import read_inputs
from threadline.records import Document

GOOD = "Rocket hits Erbil\n\nA rocket struck near Erbil airport on Monday, officials said.\n"
RANDOM_BYTES = bytes(random.Random(7).randrange(128, 256) for _ in range(3000))


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n   \n", "empty file"),
        ("nul.txt", b"Rocket\x00hits\x00" * 50, "binary file"),
        ("noise.txt", RANDOM_BYTES, "not valid UTF-8"),
        ("nobody.html", b"<html><head><title>x</title></head><body></body></html>", "no article text"),
        ("blank.html", b"   \n", "empty file"),
        ("empty.jsonl", b"\n\n", "no JSON lines"),
        ("binary.jsonl", b'{"id": "a", "text": "x\x00"}\n', "binary file"),
        ("scan.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ],
)
def test_bad_file_is_named_and_the_next_input_still_read(
    tmp_path: Path, name: str, content: bytes, says: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    first, second = list(read_inputs([str(bad), str(good)]))
    assert isinstance(first, InputError)
    assert first.origin == str(bad) and says in first.problem
    assert str(first).startswith(f"{bad}: ")
    assert "\n" not in str(first)
    assert isinstance(second, Document) and second.source == "good.txt"


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    [error] = list(read_inputs([str(tmp_path / "nowhere.txt")]))
    assert isinstance(error, InputError) and "no such file or folder" in str(error)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 50, encoding="utf-8")
    [error] = list(read_inputs([str(big)], max_bytes=1000))
    assert isinstance(error, InputError) and "too large" in error.problem


def test_default_size_limit_is_twenty_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024 + 1)
    [error] = list(read_inputs([str(big)]))
    assert isinstance(error, InputError) and "too large" in error.problem


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"text": "A rocket fell."}', "missing 'id'"),
        ('{"id": "r-9"}', "missing 'text'"),
        ('{"id": "r-9", "text": 42}', "'text' must be a string"),
        ('{"id": "r-9", "text": ["a"]}', "'text' must be a string"),
        ('{"id": "r-9", "text": "   "}', "'text' is empty"),
        ('{"id": true, "text": "A rocket fell."}', "missing 'id'"),
    ],
)
def test_bad_jsonl_line_names_file_and_line(tmp_path: Path, line: str, says: str) -> None:
    path = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": "Police arrested two men."})
    path.write_text(f"{good}\n{line}\n{good.replace('ok', 'ok-2')}\n", encoding="utf-8")
    first, bad, last = list(read_inputs([str(path)]))
    assert isinstance(bad, InputError)
    assert bad.origin == f"{path}:2" and says in bad.problem
    assert isinstance(first, Document) and isinstance(last, Document) and last.source == "ok-2"


def test_jsonl_line_with_invalid_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "Fine."}\n')
    bad, good = list(read_inputs([str(path)]))
    assert isinstance(bad, InputError) and bad.origin == f"{path}:1" and "UTF-8" in bad.problem
    assert isinstance(good, Document)


def test_bad_stdin_line_is_named(tmp_path: Path) -> None:
    stdin = io.StringIO('{"id": "a", "text": "Fine."}\n{oops\n')
    good, bad = list(read_inputs(["-"], stdin))
    assert isinstance(good, Document)
    assert isinstance(bad, InputError) and bad.origin == "<stdin>:2"


def test_stdin_bytes_are_decoded_line_by_line() -> None:
    raw = io.BytesIO(b'{"id": "a", "text": "caf\xe9"}\n{"id": "b", "text": "Fine."}\n')
    bad, good = list(read_inputs(["-"], io.TextIOWrapper(raw, encoding="utf-8")))
    assert isinstance(bad, InputError) and bad.origin == "<stdin>:1" and "UTF-8" in bad.problem
    assert isinstance(good, Document) and good.origin == "<stdin>:2"


def test_empty_stdin_is_named() -> None:
    [error] = list(read_inputs(["-"], io.StringIO("")))
    assert isinstance(error, InputError) and error.origin == "<stdin>"


def test_a_folder_with_no_supported_file_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    [error] = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, InputError) and error.origin == str(tmp_path)
    assert "no file to ingest in this folder" in error.problem and ".jsonl" in error.problem


def test_an_error_about_a_files_content_names_its_document(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    [error] = list(read_inputs([str(empty)]))
    assert isinstance(error, InputError) and error.locator == "empty.txt"
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "r1", "text": "  "}\n{"text": "no id"}\n', encoding="utf-8")
    known, unknown = list(read_inputs([str(feed)]))
    assert isinstance(known, InputError) and known.locator == "feed.jsonl#r1"
    assert isinstance(unknown, InputError) and unknown.locator is None and unknown.feed == "feed.jsonl"
