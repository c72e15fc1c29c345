"""Read inputs into Documents: files, folders (recursively, in sorted order), or JSONL on stdin.

A bad input is yielded as an InputError naming it (and its line, for JSONL), and the
other inputs go on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from threadline.errors import InputError
from threadline.ingest.encoding import decode
from threadline.ingest.html import declared_charset, html_document
from threadline.ingest.jsonl import NO_RECORDS, parse_record, read_records
from threadline.records import Document

FORMATS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}
MAX_BYTES = 20 * 1024 * 1024  # a larger file is no news article; a JSONL feed is read line by line
STDIN = "-"
STDIN_NAME = "<stdin>"

Item = Document | InputError


def read_inputs(
    paths: Sequence[str], stdin: TextIO | None = None, *, max_bytes: int = MAX_BYTES
) -> Iterator[Item]:
    """Documents from files, folders and "-" (JSONL on stdin); a bad input yields an InputError."""
    for name in paths:
        if name == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
        else:
            yield from read_path(Path(name), max_bytes)


def read_path(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """A file named by the user, or every supported file under a folder."""
    if path.is_dir():
        for found in folder_files(path):
            yield from read_file(found, max_bytes) if isinstance(found, Path) else [found]
    elif path.is_file():
        if path.suffix.lower() in FORMATS:
            yield from read_file(path, max_bytes)
        else:
            yield InputError(
                str(path), f"unsupported file type {path.suffix or '(none)'!r}; expected {_known()}"
            )
    elif path.exists():
        yield InputError(str(path), "not a regular file or folder")
    else:
        yield InputError(str(path), "no such file or folder")


def _known() -> str:
    return ", ".join(FORMATS)


def folder_files(folder: Path) -> list[Path | InputError]:
    """Supported files under `folder`, sorted by relative path; hidden entries are skipped."""
    found: list[Path] = []
    problems: list[Path | InputError] = []

    def unreadable(exc: OSError) -> None:
        problems.append(InputError(str(exc.filename or folder), f"cannot read folder: {exc.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, f) for f in files if not f.startswith(".") and Path(f).suffix.lower() in FORMATS
        )
    return [*problems, *sorted(found, key=lambda p: p.relative_to(folder).parts)]


def read_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """The Document(s) of one supported file."""
    fmt = FORMATS[path.suffix.lower()]
    if fmt == "jsonl":
        yield from read_jsonl_file(path, max_bytes)
        return
    data = _read_bytes(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    text = decode(data, str(path), declared_charset(data) if fmt == "html" else None)
    if isinstance(text, InputError) or not text.strip():
        yield text if isinstance(text, InputError) else InputError(str(path), "empty file (only white space)")
    elif fmt == "html":
        yield html_document(text, path.name, str(path))
    else:
        yield Document(source=path.name, origin=str(path), format="text", text=text)


def _read_bytes(path: Path, max_bytes: int) -> bytes | InputError:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return InputError(str(path), f"file too large ({size:,} bytes; the limit is {max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot read file: {exc.strerror}")
    return data if data.strip() else InputError(str(path), "empty file (only white space)")


def read_jsonl_file(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """One Document per line of a JSONL file, streamed; a bad line yields an InputError."""
    try:
        with path.open("rb") as stream:
            yield from _jsonl_stream(stream, str(path), max_bytes)
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror}")


def _jsonl_stream(stream: BinaryIO, name: str, max_bytes: int) -> Iterator[Item]:
    if b"\x00" in stream.read(8192):
        yield InputError(name, "binary file (it contains NUL bytes); expected UTF-8 JSON lines")
        return
    stream.seek(0)
    yield from _jsonl_lines(stream, name, max_bytes)


def _jsonl_lines(raw_lines: Iterable[bytes], name: str, max_bytes: int) -> Iterator[Item]:
    records = 0
    for number, raw in enumerate(raw_lines, 1):
        if raw.strip():
            records += 1
            yield _jsonl_line(raw, f"{name}:{number}", max_bytes)
    if not records:
        yield InputError(name, NO_RECORDS)


def read_stdin(stdin: TextIO, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """JSON lines on stdin, decoded line by line so one bad line does not stop the rest."""
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        yield from _jsonl_lines(buffer, STDIN_NAME, max_bytes)
        return
    try:
        yield from read_records(stdin, STDIN_NAME)
    except UnicodeDecodeError as exc:
        yield InputError(STDIN_NAME, f"not valid UTF-8 ({exc.reason}); send UTF-8 JSON lines")


def _jsonl_line(raw: bytes, origin: str, max_bytes: int) -> Item:
    if len(raw) > max_bytes:
        return InputError(origin, f"line too long ({len(raw):,} bytes; the limit is {max_bytes:,})")
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(origin, f"not valid UTF-8 (byte {exc.start + 1}); save the file as UTF-8")
    return parse_record(line, origin)
