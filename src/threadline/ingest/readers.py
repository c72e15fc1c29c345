"""Read inputs into Documents: files, folders (recursively, in sorted order), or JSONL on stdin.

A bad input is yielded as an InputError naming it (and its line, for JSONL), and the
other inputs go on.

A file's full source (its locator, which its document id hashes) is its path from the
folder threadline runs in: "dirA/article.txt" and "dirB/article.txt" are two documents,
and a folder ingested whole or file by file gives the same ids. A file outside that folder
is known by its path from the folder holding what was named ("2025-03/a.txt" for a file
in /data/2025-03 named as /data/2025-03), so the ids do not depend on where a corpus
lies. Two files of one run that would share a locator are refused, never one put in the
other's place. A JSONL record's locator is its file's, then "#" and its id.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, TextIO

from threadline.errors import InputError
from threadline.ingest.encoding import decode
from threadline.ingest.html import declared_charset, html_document
from threadline.ingest.jsonl import NO_RECORDS, parse_record
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
    locators = Locators()
    for name in paths:
        if name == STDIN:
            yield from read_stdin(stdin if stdin is not None else sys.stdin, max_bytes)
        else:
            yield from read_path(Path(name), max_bytes, locators)


@dataclass
class Locators:
    """The full sources of one run's files."""

    here: Path = field(default_factory=lambda: Path(os.getcwd()))
    claimed: dict[str, Path] = field(default_factory=dict)  # locator -> the file that holds it

    def of(self, path: Path, named: Path) -> str:
        """`path`'s from the working folder, else from the folder holding `named` (what the
        user named: `path` itself, or a folder above it)."""
        absolute = Path(os.path.abspath(path))
        try:
            return absolute.relative_to(self.here).as_posix()
        except ValueError:
            return absolute.relative_to(Path(os.path.abspath(named)).parent).as_posix()

    def claim(self, path: Path, named: Path) -> str | InputError:
        """The locator of `path`, or an error if another file of this run holds it."""
        locator, absolute = self.of(path, named), Path(os.path.abspath(path))
        holder = self.claimed.setdefault(locator, absolute)
        if holder == absolute:
            return locator
        return InputError(
            str(path),
            f"its full source {locator!r} is that of {holder}, read before in this run; ingest a folder "
            "holding both (or run threadline from one) so that each is known by its own path",
        )


def read_path(path: Path, max_bytes: int = MAX_BYTES, locators: Locators | None = None) -> Iterator[Item]:
    """A file named by the user, or every supported file under a folder."""
    locators = locators or Locators()
    if path.is_dir():
        found = folder_files(path)
        if not any(isinstance(f, Path) for f in found):
            yield InputError(
                str(path),
                f"no file to ingest in this folder: none ends in {_known()} (hidden ones are skipped)",
            )
        for item in found:
            yield from (
                read_file(item, max_bytes, locators.claim(item, path)) if isinstance(item, Path) else [item]
            )
    elif path.is_file():
        if path.suffix.lower() in FORMATS:
            yield from read_file(path, max_bytes, locators.claim(path, path))
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


def read_file(
    path: Path, max_bytes: int = MAX_BYTES, locator: str | InputError | None = None
) -> Iterator[Item]:
    """The Document(s) of one supported file. An error about its content names the
    document (its locator): what was stored for it before no longer stands."""
    fmt = FORMATS[path.suffix.lower()]
    locator = Locators().claim(path, path) if locator is None else locator
    if isinstance(locator, InputError):
        yield locator
        return
    if fmt == "jsonl":
        yield from read_jsonl_file(path, max_bytes, locator)
        return
    data = _read_bytes(path, max_bytes, locator)
    if isinstance(data, InputError):
        yield data
        return
    text = decode(data, str(path), declared_charset(data) if fmt == "html" else None)
    if isinstance(text, InputError):
        yield _about(text, locator)
    elif not text.strip():
        yield InputError(str(path), "empty file (only white space)", locator=locator)
    elif fmt == "html":
        page = html_document(text, path.name, str(path))
        yield _about(page, locator) if isinstance(page, InputError) else replace(page, locator=locator)
    else:
        yield Document(source=path.name, origin=str(path), format="text", text=text, locator=locator)


def _about(error: InputError, locator: str) -> InputError:
    return InputError(error.origin, error.problem, locator=locator, feed=error.feed)


def _read_bytes(path: Path, max_bytes: int, locator: str) -> bytes | InputError:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = f"file too large ({size:,} bytes; the limit is {max_bytes:,})"
            return InputError(str(path), limit, locator=locator)
        data = path.read_bytes()
    except OSError as exc:  # perhaps passing (permissions, a busy disk): the stored version stays
        return InputError(str(path), f"cannot read file: {exc.strerror}")
    return data if data.strip() else InputError(str(path), "empty file (only white space)", locator=locator)


def read_jsonl_file(path: Path, max_bytes: int = MAX_BYTES, locator: str | None = None) -> Iterator[Item]:
    """One Document per line of a JSONL file, streamed; a bad line yields an InputError."""
    feed = locator or Locators().of(path, path)
    try:
        with path.open("rb") as stream:
            yield from _jsonl_stream(stream, str(path), feed, max_bytes)
    except OSError as exc:
        yield InputError(str(path), f"cannot read file: {exc.strerror}", feed=feed)


def _jsonl_stream(stream: BinaryIO, name: str, feed: str, max_bytes: int) -> Iterator[Item]:
    if b"\x00" in stream.read(8192):
        yield InputError(name, "binary file (it contains NUL bytes); expected UTF-8 JSON lines", feed=feed)
        return
    stream.seek(0)
    yield from _jsonl_lines(stream, name, feed, max_bytes)


def _jsonl_lines(raw_lines: Iterable[bytes], name: str, feed: str | None, max_bytes: int) -> Iterator[Item]:
    """Each record of a feed; `feed` is None for stdin (whose records are scoped to it)."""
    scope = feed or STDIN_NAME
    first_line: dict[str, int] = {}  # record locator -> the line it was first read from
    records = 0
    for number, raw in enumerate(raw_lines, 1):
        if raw.strip():
            records += 1
            item = _jsonl_line(raw, f"{name}:{number}", scope, feed, max_bytes)
            yield _unless_repeated(item, number, first_line, scope)
    if not records:
        yield InputError(name, NO_RECORDS, feed=feed)


def _unless_repeated(item: Item, number: int, first_line: dict[str, int], scope: str) -> Item:
    """The item, or an error when its record id was read on an earlier line of the feed.
    The error names no document: the first line's record stands."""
    if item.locator is None:
        return item
    first = first_line.setdefault(item.locator, number)
    if first == number:
        return item
    record_id = item.locator.removeprefix(f"{scope}#")
    return InputError(
        item.origin,
        f"duplicate id {record_id!r}, first on line {first}: line {first} is kept, this one skipped",
    )


def read_stdin(stdin: TextIO, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """JSON lines on stdin, decoded line by line so one bad line does not stop the rest."""
    buffer = getattr(stdin, "buffer", None)
    lines = buffer if buffer is not None else (line.encode("utf-8", "surrogatepass") for line in stdin)
    try:
        yield from _jsonl_lines(lines, STDIN_NAME, None, max_bytes)
    except UnicodeDecodeError as exc:
        yield InputError(STDIN_NAME, f"not valid UTF-8 ({exc.reason}); send UTF-8 JSON lines")


def _jsonl_line(raw: bytes, origin: str, scope: str, feed: str | None, max_bytes: int) -> Item:
    if len(raw) > max_bytes:
        too_long = f"line too long ({len(raw):,} bytes; the limit is {max_bytes:,})"
        return InputError(origin, too_long, feed=feed)
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(
            origin, f"not valid UTF-8 (byte {exc.start + 1}); save the file as UTF-8", feed=feed
        )
    return parse_record(line, origin, scope, feed)
