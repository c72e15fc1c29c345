"""Properties of the readers, cleaning and splitting.

Readers: any bytes in a .txt or .html file, any feed on disk or on stdin, give one
Document or one error a line long that names the input (and line); text in a Unicode
encoding reads back as written.

Splitting and cleaning never lose a line: every non-empty line of a page ends up in exactly one story's text or title, or in some
story's `removed` lines, or repeats a line that did (a feed trailer cut from a line's end is
in `removed`, the rest of its line in the text). A page gives no story only when every
line of it is furniture or a date line; a record of one sentence is always a story.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threadline.errors import InputError
from threadline.ingest import read_inputs, split_document
from threadline.ingest.boilerplate import split_tail
from threadline.ingest.classify import tag_line
from threadline.ingest.lines import page_lines
from threadline.records import Document, Story

WORDS = ("rockets", "council", "militia", "convoy", "border", "drone", "officials")
BOILERPLATE = [
    "Advertisement",
    "Follow us on Telegram",
    "Read more: Power cuts spread across the south",
    "Share this article",
    "TT",
    "20",
    "Sign up for our weekly newsletter",
    "© 2025 Desert Courier",
    "Powered by automated translation",
]
DATES = ["12 March 2025", "Updated: 3 May 2024, 10:05 GMT", "Published 9 June 2023", "October 30, 2023"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _words(draw: st.DrawFn, low: int, high: int) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=low, max_size=high)))


@st.composite
def story_lines(draw: st.DrawFn, serial: int) -> list[str]:
    """One article's lines; every line but dates and boilerplate holds a unique token."""
    tag = f"{serial:03d}"
    lines = [f"Headline{tag} {_words(draw, 1, 8)}".strip()]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(DATES)))
    if draw(st.booleans()):
        caption = f"Fighters{tag} {_words(draw, 2, 10)} on Sunday. (AFP)"
        lines += [caption] * draw(st.integers(1, 2))
    for k in range(draw(st.integers(1, 4))):
        if k and draw(st.integers(0, 4)) == 0:
            lines.append(f"Section{tag}{k} {_words(draw, 0, 3)}".strip())
        lines.append(f"Officials{tag}{k} {_words(draw, 3, 30)} said.")
        if draw(st.integers(0, 3)) == 0:
            lines.append(draw(st.sampled_from(BOILERPLATE)))
    return lines


@st.composite
def pages(draw: st.DrawFn) -> str:
    parts: list[str] = []
    for serial in range(draw(st.integers(1, 3))):
        for line in draw(story_lines(serial)):
            parts.append("\n" * draw(st.integers(0, 3)) + line)
    return "\n".join(parts) + "\n"


def containers(stories: list[Story]) -> list[str]:
    """Every place a line can end up: titles, paragraphs of text, removed lines."""
    found = [s.title for s in stories if s.title]
    found += [p for s in stories for p in s.text.split("\n\n") if p]
    found += [r for s in stories for r in s.removed]
    return found


def check_story_shape(stories: list[Story]) -> None:
    assert [s.index for s in stories] == list(range(len(stories)))
    for story in stories:
        assert story.text == "\n\n".join(story.text[b.start : b.end] for b in story.blocks)
        assert all(story.text[b.start : b.end].strip() for b in story.blocks)


@SETTINGS
@given(pages())
def test_every_line_of_a_page_is_kept_titled_or_recorded_once(page: str) -> None:
    stories = split_document(Document(source="p.txt", origin="p.txt", format="text", text=page))
    assert stories
    check_story_shape(stories)
    places = containers(stories)
    counts = Counter(line.strip() for line in page.splitlines() if line.strip())
    for line, count in counts.items():
        holders = sum(1 for place in places if line in place)
        assert holders >= 1, line
        if count == 1 and line not in BOILERPLATE and line not in DATES:
            assert holders == 1, (line, holders)


_LINE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs", "Cc", "Zl", "Zp"],
        blacklist_characters="\u200b\u200c\u200d\u2060\ufeff\x85",
    ),
    max_size=80,
)


@SETTINGS
@given(st.lists(st.one_of(_LINE_TEXT, st.sampled_from(BOILERPLATE + DATES), st.just("")), max_size=25))
def test_no_line_of_any_text_is_lost(lines: list[str]) -> None:
    text = "\n".join(lines)
    stories = split_document(Document(source="p.txt", origin="p.txt", format="text", text=text))
    check_story_shape(stories)
    if not stories:
        assert all(tag_line(line.text).kind in ("boilerplate", "date") for line in page_lines(text))
        return
    places = containers(stories)
    removed = [r for s in stories for r in s.removed]
    for line in text.splitlines():
        head, tail = split_tail(line.strip())
        if head:
            assert any(head in place for place in places), line
        assert tail is None or tail in removed, line


NEWS_WORDS = ("gunmen", "attacked", "a", "convoy", "near", "the", "border", "on", "Monday", "police", "said")
PLACES = ("Gao", "Tillaberi", "Agadez", "Mopti", "Kidal")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """A sentence of news words with a place, capitalised, with or without its final stop."""
    words = draw(st.lists(st.sampled_from(NEWS_WORDS), min_size=2, max_size=40))
    words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(PLACES)))
    text = " ".join(words)
    return text[0].upper() + text[1:] + draw(st.sampled_from(["", ".", "!", ", officials said"]))


@SETTINGS
@given(sentences())
def test_a_record_of_one_sentence_is_always_a_story(sentence: str) -> None:
    [story] = split_document(Document(source="r1", origin="f.jsonl:1", format="jsonl", text=sentence))
    assert story.text == sentence


# Readers: any bytes in a file or on stdin give one Document or one InputError per input
# (per line, for JSON lines), each error one line naming the input.

READER_SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
NEWS_CHARS = st.characters(
    codec="latin-1", blacklist_categories=["Cc", "Cs"], blacklist_characters="\x85\xa0"
) | st.sampled_from(["\n", " ", "é", "’", "—"])


def _one_line_naming(item: object, origin: str) -> None:
    message = str(item)
    assert message.startswith(f"{origin}: ") and "\n" not in message and "\r" not in message


@READER_SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".html", ".htm", ".text"]))
def test_any_bytes_in_a_file_give_one_document_or_one_error_naming_it(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("any") / f"input{suffix}"
    path.write_bytes(data)
    [item] = list(read_inputs([str(path)]))
    if isinstance(item, InputError):
        _one_line_naming(item, str(path))
    else:
        assert item.origin == str(path) and item.text.strip() and "\r" not in item.text


@READER_SETTINGS
@given(
    st.text(NEWS_CHARS, min_size=1, max_size=400).filter(str.strip),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_text_in_any_unicode_encoding_reads_back_as_written(
    tmp_path_factory: pytest.TempPathFactory, text: str, codec: str, newline: str
) -> None:
    path = tmp_path_factory.mktemp("enc") / "story.txt"
    path.write_bytes(text.replace("\n", newline).encode(codec))
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Document) and item.text == text


def _record_line(draw: st.DrawFn) -> bytes:
    kind = draw(st.integers(0, 4))
    if kind == 0:  # a good record
        text = draw(st.text(NEWS_CHARS, min_size=1, max_size=200).filter(str.strip))
        return json.dumps({"id": f"r{draw(st.integers(0, 99))}", "text": text}).encode()
    if kind == 1:  # fields missing or of the wrong type
        value = draw(st.sampled_from([None, 3, [], {}, "", True]))
        return json.dumps({draw(st.sampled_from(["id", "text", "title"])): value}).encode()
    if kind == 2:  # JSON cut off
        whole = json.dumps({"id": "cut", "text": "A convoy was attacked."}).encode()
        return whole[: draw(st.integers(0, len(whole) - 1))]
    if kind == 3:  # blank
        return draw(st.sampled_from([b"", b"  ", b"\t"]))
    return draw(st.binary(max_size=80)).replace(b"\n", b"").replace(b"\r", b"")


@st.composite
def feeds(draw: st.DrawFn) -> list[bytes]:
    return [_record_line(draw) for _ in range(draw(st.integers(1, 8)))]


def _feed_items(items: list) -> list[tuple[str, str]]:
    return [("doc", i.text) if isinstance(i, Document) else ("error", i.problem) for i in items]


@READER_SETTINGS
@given(feeds())
def test_a_feed_gives_one_item_per_line_naming_its_line_and_stdin_reads_it_alike(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    filled = [n for n, line in enumerate(lines, 1) if line.strip()]
    if b"\x00" in data or not filled:
        [error] = items
        _one_line_naming(error, str(path))
        return
    assert len(items) == len(filled)
    for number, item in zip(filled, items, strict=True):
        origin = f"{path}:{number}"
        if isinstance(item, InputError):
            _one_line_naming(item, origin)
        else:
            assert item.origin == origin and item.text.strip()
    piped = list(read_inputs(["-"], io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")))
    assert _feed_items(piped) == _feed_items(items)
    assert all(
        str(i).startswith(f"<stdin>:{n}: ")
        for n, i in zip(filled, piped, strict=True)
        if isinstance(i, InputError)
    )


@st.composite
def markup(draw: st.DrawFn) -> str:
    """Tags and text in any order, opened and closed or not, maybe cut off."""
    parts = draw(
        st.lists(
            st.sampled_from(
                [
                    "<div>",
                    "</div>",
                    "<p>",
                    "</p>",
                    "<h1>",
                    "</h1>",
                    "<title>",
                    "</title>",
                    "<script>",
                    "</script>",
                    "<meta property='article:published_time' content='2023-02-31'>",
                    "<br>",
                    "<!--",
                    "-->",
                    "<table><tr><td>",
                    "</td></tr></table>",
                ]
            )
            | st.sampled_from(SENTENCE_PARTS),
            max_size=40,
        )
    )
    page = "".join(parts)
    return page[: draw(st.integers(0, len(page)))] if draw(st.booleans()) else page


SENTENCE_PARTS = [
    "Gunmen attacked a convoy near Dorvali on Monday, officials said. ",
    "The council met. ",
    "&amp; &#0; &#x110000;",
]


@READER_SETTINGS
@given(markup())
def test_any_markup_gives_a_page_or_one_error_naming_it(
    tmp_path_factory: pytest.TempPathFactory, page: str
) -> None:
    path = tmp_path_factory.mktemp("html") / "page.html"
    path.write_text(page or " ", encoding="utf-8")
    [item] = list(read_inputs([str(path)]))
    if isinstance(item, InputError):
        _one_line_naming(item, str(path))
    else:
        assert item.format == "html" and item.text.strip()
        split_document(item)
