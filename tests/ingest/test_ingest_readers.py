"""Readers: text, HTML and JSONL files, folders and stdin, on real files written for these tests."""

from __future__ import annotations

import io
import json
from pathlib import Path

from threadline.errors import InputError
from threadline.ingest import read_inputs
from threadline.records import Document

ARTICLE = """Convoy ambushed on the Qaim road

Gunmen ambushed a supply convoy of the fictional Liwa al-Sahil near Qaim on Friday, officials said.
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council rejects militia deployment | Tigris Times</title>
<meta property="og:site_name" content="Tigris Times">
<meta property="article:published_time" content="2025-03-10T21:30:00+03:00">
<meta property="og:url" content="https://tigris.example/council">
</head><body>
<nav><a href="/">Home</a> <a href="/iraq">Iraq</a></nav>
<article>
<h1>Tribal council rejects militia deployment</h1>
<p>The tribal council of western Anbar on Sunday rejected the deployment of the fictional Saraya al-Jabal
militia in the town of Rutba, its spokesman told reporters after a long meeting.</p>
<h2>Checkpoints</h2>
<p>Residents said the fighters had set up three checkpoints on the main road since they arrived last month.</p>
</article>
<footer>All rights reserved.</footer>
</body></html>
"""


def documents(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Document | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def test_text_file_source_is_its_name_and_origin_its_path(tmp_path: Path) -> None:
    path = tmp_path / "convoy.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert (doc.source, doc.origin, doc.format) == ("convoy.txt", str(path), "text")
    assert doc.text == ARTICLE
    assert doc.title is None and doc.published is None


def test_windows_newlines_become_plain_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.text"
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.text == ARTICLE


def test_folder_is_read_recursively_in_sorted_order_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ("b/deep/z.txt", "b/a.htm", "a.TXT", "c.jsonl", ".hidden/x.txt", "notes.md", "scan.pdf"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "a.htm").write_text(PAGE, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c-1", "text": "A council met."}) + "\n")
    items = list(read_inputs([str(tmp_path)]))
    assert not errors(items)
    assert [d.source for d in documents(items)] == ["a.TXT", "a.htm", "z.txt", "c-1"]


def test_html_text_keeps_paragraphs_and_headings_and_drops_page_furniture(tmp_path: Path) -> None:
    path = tmp_path / "council.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and doc.format == "html"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Tribal council rejects militia deployment"
    assert "Checkpoints" in paragraphs
    assert any(p.startswith("The tribal council of western Anbar") for p in paragraphs)
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_html_metadata_comes_only_from_what_the_page_states(tmp_path: Path) -> None:
    path = tmp_path / "council.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Tribal council rejects militia deployment"  # the <h1>
    assert doc.outlet == "Tigris Times"
    assert doc.published == "2025-03-10"
    assert doc.url == "https://tigris.example/council"


def test_html_title_without_h1_is_the_title_tag_less_its_site_suffix(tmp_path: Path) -> None:
    page = PAGE.replace("<h1>Tribal council rejects militia deployment</h1>", "")
    page = page.replace('<meta property="og:site_name" content="Tigris Times">', "")
    page = page.replace('<meta property="article:published_time" content="2025-03-10T21:30:00+03:00">', "")
    path = tmp_path / "bare.html"
    path.write_text(page, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Council rejects militia deployment"
    assert doc.outlet == "Tigris Times"  # the suffix the <title> states
    assert doc.published is None  # never the day of ingest


def test_jsonl_file_gives_one_document_per_line(tmp_path: Path) -> None:
    records = [
        {
            "id": "w-1",
            "text": "Police arrested two men in Mosul.",
            "title": "Two held",
            "outlet": "Wire",
            "published": "2025-02-01T08:00:00Z",
            "url": "https://wire.example/1",
        },
        {"id": 7, "text": "A rocket fell near Erbil airport."},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    first, second = list(read_inputs([str(path)]))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.source, first.origin, first.format) == ("w-1", f"{path}:1", "jsonl")
    assert (first.title, first.outlet, first.published, first.url) == (
        "Two held",
        "Wire",
        "2025-02-01",
        "https://wire.example/1",
    )
    assert (second.source, second.origin, second.published) == ("7", f"{path}:2", None)


def test_dash_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    stdin = io.StringIO(json.dumps({"id": "s-1", "text": "Protesters gathered in Basra."}) + "\n")
    [doc] = list(read_inputs(["-"], stdin))
    assert isinstance(doc, Document)
    assert (doc.source, doc.origin) == ("s-1", "<stdin>:1")


def test_legacy_encoding_is_detected(tmp_path: Path) -> None:
    text = (
        "Le ministère a déclaré que les combattants étaient arrivés à Bagdad — les élèves ont été évacués.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes((text * 3).encode("cp1252"))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert "ministère" in doc.text and "—" in doc.text


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(ARTICLE.encode("utf-16"))
    utf8 = tmp_path / "bom.txt"
    utf8.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    docs = list(read_inputs([str(utf16), str(utf8)]))
    assert [d.text for d in docs if isinstance(d, Document)] == [ARTICLE, ARTICLE]


def test_html_declared_charset_is_used(tmp_path: Path) -> None:
    page = PAGE.replace('charset="utf-8"', 'charset="windows-1256"').replace("Rutba", "الرطبة")
    path = tmp_path / "arabic.html"
    path.write_bytes(page.encode("cp1256"))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document) and "الرطبة" in doc.text


def test_html_site_logo_h1_is_no_title_and_json_ld_states_the_date(tmp_path: Path) -> None:
    page = PAGE.replace('<meta property="article:published_time" content="2025-03-10T21:30:00+03:00">', "")
    page = page.replace("<nav>", "<header><h1>Tigris Times</h1></header><nav>", 1)
    page = page.replace(
        "<h1>Tribal council rejects militia deployment</h1>",
        "<h2>Tribal council rejects militia deployment</h2>",
    )
    ld = '{"@type": "NewsArticle", "datePublished": "2025-03-09", "headline": "Tribal council says no"}'
    page = page.replace("</head>", f'<script type="application/ld+json">{ld}</script></head>')
    path = tmp_path / "logo.html"
    path.write_text(page, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Tribal council says no"
    assert doc.published == "2025-03-09"


def _html_title(tmp_path: Path, page: str) -> Document:
    path = tmp_path / "titled.html"
    path.write_text(page, encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    return doc


def test_html_logo_and_section_h1s_give_way_to_the_article_h1(tmp_path: Path) -> None:
    page = PAGE.replace("<nav>", "<header><h1>TIGRIS TIMES</h1><h1>Analysis</h1></header><nav>", 1)
    assert _html_title(tmp_path, page).title == "Tribal council rejects militia deployment"


def test_html_breadcrumb_h1_gives_way_to_og_title_less_its_site(tmp_path: Path) -> None:
    page = PAGE.replace(
        "<h1>Tribal council rejects militia deployment</h1>", "<h1>News \u203a Iraq \u203a Anbar</h1>"
    )
    og = '<meta property="og:title" content="Anbar council rejects militia deployment | Tigris Times">'
    page = page.replace("</head>", og + "</head>")
    assert _html_title(tmp_path, page).title == "Anbar council rejects militia deployment"
