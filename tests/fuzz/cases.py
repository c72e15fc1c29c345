"""Bad inputs for the fuzzing harness: what scrapers and feeds hand an analyst.

A Case is one input as it would reach `threadline ingest`: a file of some format (or
JSON lines on stdin) and its bytes. The strategies mix readable news written for the
fuzzer with what breaks readers: random bytes, NUL bytes, byte-order marks, mixed and
wrong encodings, truncated and deeply nested HTML, JSON lines that are broken, miss
fields or have the wrong types, impossible dates ("31 February", year 0), and one
paragraph repeated thousands of times. `huge_cases` are the size limits (10 MB on one
line, 100 MB files), built only where asked for.
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass

from hypothesis import strategies as st

FORMATS = ("txt", "html", "jsonl", "stdin")

SENTENCES = (
    "Gunmen attacked a police convoy near the northern town of Dorvali on Monday, killing three officers.",
    "The Brigade of the Red Hills claimed responsibility for the attack in a statement on Tuesday.",
    "Commander Idris Kallomo, who leads the brigade, was not seen at the meeting in Vessana.",
    "Officials said the talks between the council and the militia would resume next week.",
    "A drone struck a weapons depot outside Harrow Bay late on Sunday, the ministry said.",
    "Protesters gathered in the capital after the arrest of the opposition leader, Mara Soule.",
    "The group denied any role in the bombing, which killed 12 people at a market in Tobrane.",
    "It was not clear who fired the rockets.",
)
DATES = (
    "12 March 2025",
    "31 February 2024",
    "2023-02-31",
    "0000-01-01",
    "1 January 0",
    "yesterday",
    "Updated: 30 February 2021, 25:61 GMT",
    "9999-99-99",
    "Published 29 February 2023",
)
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, b"")
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "cp1251", "shift_jis", "koi8-r")
ODD_TEXT = (
    "Ré\u0301sumé",
    "\u202e\u200b\ufeff",
    "بيان الجماعة",
    "\x00",
    "\r\n",
    "\u2028",
    "\ud7ff",
    "🙂",
    "\t" * 5,
)


@dataclass(frozen=True)
class Case:
    """One input: its format ("txt", "html", "jsonl" or "stdin" for JSON lines piped in),
    its bytes, and how it was made (for the report)."""

    format: str
    data: bytes
    how: str = "generated"

    @property
    def suffix(self) -> str:
        return ".jsonl" if self.format == "stdin" else f".{self.format}"


@st.composite
def news_text(draw: st.DrawFn) -> str:
    """A headline, maybe a date line, and paragraphs of news, maybe with odd characters."""
    lines = [draw(st.sampled_from(SENTENCES)).rstrip(".")]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(DATES)))
    for _ in range(draw(st.integers(0, 6))):
        paragraph = " ".join(draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)))
        if draw(st.integers(0, 5)) == 0:
            cut = draw(st.integers(0, len(paragraph)))
            paragraph = paragraph[:cut] + draw(st.sampled_from(ODD_TEXT)) + paragraph[cut:]
        lines.append(paragraph)
    return draw(st.sampled_from(["\n\n", "\n", "\r\n", "\r"])).join(lines)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """The text in some encoding (errors replaced), maybe behind a BOM that may lie,
    maybe with a stretch in another encoding spliced in."""
    codec = draw(st.sampled_from(ENCODINGS))
    data = draw(st.sampled_from(BOMS)) + text.encode(codec, errors="replace")
    if draw(st.integers(0, 4)) == 0:
        other = draw(st.sampled_from(ENCODINGS))
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.sampled_from(SENTENCES)).encode(other, errors="replace") + data[cut:]
    return data


@st.composite
def html_page(draw: st.DrawFn, text: str) -> str:
    """A page around the text: meta tags with odd dates, nesting from none to 10,000
    levels, maybe cut off anywhere."""
    date = draw(st.sampled_from(DATES))
    head = f'<head><title>{text.splitlines()[0][:80]} | Courier</title><meta property="article:published_time" content="{date}"></head>'
    depth = draw(st.sampled_from([0, 1, 3, 40, 300, 3000, 10_000]))
    tag = draw(st.sampled_from(["div", "span", "section", "td", "custom-box", "p"]))
    body = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
    page = (
        f"<!DOCTYPE html><html>{head}<body>"
        + f"<{tag}>" * depth
        + body
        + f"</{tag}>" * depth
        + "</body></html>"
    )
    if draw(st.integers(0, 3)) == 0:
        page = page[: draw(st.integers(0, len(page)))]
    return page


def _record_value(draw: st.DrawFn, field: str, text: str) -> object:
    """The right value, or a wrong type, or nothing."""
    right: dict[str, object] = {
        "id": f"rec-{draw(st.integers(0, 5))}",
        "text": text,
        "title": text.splitlines()[0] if text else "",
        "published": draw(st.sampled_from(DATES)),
        "outlet": "Courier",
        "url": "https://example.org/a",
    }
    wrong = draw(st.sampled_from([None, 7, 3.5, True, [], {"x": 1}, "", " ", "\x00"]))
    return right[field] if draw(st.integers(0, 3)) else wrong


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """Lines of a feed: good records, records with missing fields and wrong types,
    broken JSON, JSON that is no object, blank lines, bytes that are no UTF-8."""
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 6))
        if kind <= 2:
            fields = [
                f for f in ("id", "text", "title", "published", "outlet", "url") if draw(st.integers(0, 5))
            ]
            record = {f: _record_value(draw, f, draw(news_text())) for f in fields}
            line = json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8")
        elif kind == 3:
            whole = json.dumps({"id": "cut", "text": draw(news_text())}).encode()
            line = whole[: draw(st.integers(0, len(whole)))]
        elif kind == 4:
            line = json.dumps(
                draw(st.sampled_from([[1, 2], "text", 3, None, {"id": {"nested": 1}}]))
            ).encode()
        elif kind == 5:
            line = draw(st.sampled_from([b"", b"   ", b"\xff\xfe{", b'{"id": "a", "text": "\xe9t\xe9"}']))
        else:
            line = draw(st.binary(max_size=200)).replace(b"\n", b" ")
        lines.append(line)
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b"", b"\r\n"]))


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """Any input the fuzzer tries."""
    fmt = draw(st.sampled_from(FORMATS))
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return Case(fmt, draw(st.binary(max_size=2000)), "random bytes")
    if shape == 1:
        text = draw(news_text())
        cut = draw(st.integers(0, len(text)))
        return Case(fmt, (text[:cut] + "\x00" * draw(st.integers(1, 50)) + text[cut:]).encode(), "NUL bytes")
    if shape == 2:
        paragraph = draw(st.sampled_from(SENTENCES))
        text = "Headline of a copied page\n\n" + "\n\n".join([paragraph] * draw(st.integers(100, 3000)))
        return Case("txt", text.encode(), "one paragraph repeated")
    if fmt in ("jsonl", "stdin"):
        return Case(fmt, draw(jsonl_lines()), "feed")
    text = draw(news_text())
    if fmt == "html":
        return Case("html", draw(encoded(draw(html_page(text)))), "page")
    return Case("txt", draw(encoded(text)), "text")


def fixed_cases() -> list[Case]:
    """Inputs named in the issue, tried every run: each must end in stories or one error."""
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    nested = "<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>"
    feed = [
        {"id": "feb", "text": SENTENCES[0], "published": "2023-02-31"},
        {"id": "zero", "text": SENTENCES[1], "published": "0000-01-01"},
        {"id": "soon", "text": SENTENCES[2], "published": "yesterday"},
        {"id": 5, "text": ["not", "a", "string"]},
        {"text": SENTENCES[3]},
    ]
    lines = [json.dumps(r).encode() for r in feed] + [b'{"id": "broken", "text": "no end']
    return [
        Case("html", nested.encode(), "10,000 nested <div>"),
        Case("jsonl", b"\n".join(lines) + b"\n", "dates and wrong types in a feed"),
        Case("txt", ("A headline\n\n" + "\n\n".join([SENTENCES[0]] * 5000)).encode(), "one paragraph x5000"),
        Case("txt", codecs.BOM_UTF16_LE + "\n\n".join(SENTENCES).encode("utf-16-le"), "UTF-16 with BOM"),
        Case("txt", "\n\n".join(SENTENCES).encode("cp1252") + "é".encode(), "cp1252 and UTF-8 mixed"),
        Case("html", ("<html><body><p>" + SENTENCES[0] * 3)[:150].encode(), "truncated HTML"),
        Case("txt", b"\x00" * 5000, "NUL bytes only"),
        Case("txt", codecs.BOM_UTF8, "a BOM and nothing else"),
    ]


def huge_cases() -> list[Case]:
    """The size limits: a 10 MB single line, and 100 MB files of each format."""
    line = (" ".join(SENTENCES) + " ").encode()
    ten_mb = line * (10 * 2**20 // len(line))
    record = json.dumps({"id": "x", "text": " ".join(SENTENCES)}).encode() + b"\n"
    return [
        Case("txt", ten_mb, "10 MB single line"),
        Case("jsonl", json.dumps({"id": "long", "text": ten_mb.decode()}).encode(), "10 MB JSON line"),
        Case("txt", ten_mb * 10, "100 MB text file"),
        Case("html", b"<html><body><p>" + ten_mb * 10, "100 MB HTML file"),
        Case("jsonl", record * (100 * 2**20 // len(record)), "100 MB feed (the same record again and again)"),
    ]
