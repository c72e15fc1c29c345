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


def test_two_files_of_one_name_in_two_folders_are_two_documents(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for folder, place in (("dirA", "Qaim"), ("dirB", "Rutba")):
        (tmp_path / "corpus" / folder).mkdir(parents=True)
        (tmp_path / "corpus" / folder / "article.txt").write_text(ARTICLE.replace("Qaim", place))
    whole = documents(list(read_inputs(["corpus"])))
    one_by_one = documents(list(read_inputs(["corpus/dirA/article.txt", "./corpus/dirB/article.txt"])))
    assert [d.source for d in whole] == ["article.txt", "article.txt"]  # what exports show
    assert [d.locator for d in whole] == ["corpus/dirA/article.txt", "corpus/dirB/article.txt"]
    assert len({d.id for d in whole}) == 2
    assert [d.id for d in one_by_one] == [d.id for d in whole]  # a folder whole or file by file: one id


def test_outside_the_working_folder_a_file_is_known_from_what_was_named(tmp_path: Path, monkeypatch) -> None:
    """So ids do not depend on where a corpus lies: the evaluation's copies in a temporary
    folder get the same ids on every run and every machine."""
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    for folder in ("2025-03", "2025-04"):
        (tmp_path / "news" / folder).mkdir(parents=True)
        (tmp_path / "news" / folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    named = [str(tmp_path / "news" / "2025-03"), str(tmp_path / "news" / "2025-04")]
    assert [d.locator for d in documents(list(read_inputs(named)))] == ["2025-03/a.txt", "2025-04/a.txt"]
    [doc] = documents(list(read_inputs([str(tmp_path / "news" / "2025-03" / "a.txt")])))
    assert doc.locator == "a.txt"


def test_two_files_of_one_run_that_would_share_a_source_are_not_merged(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    paths = []
    for folder in ("dirA", "dirB"):
        (tmp_path / folder).mkdir()
        paths.append(tmp_path / folder / "article.txt")
        paths[-1].write_text(ARTICLE, encoding="utf-8")
    first, second, again = list(read_inputs([str(paths[0]), str(paths[1]), str(paths[0])]))
    assert isinstance(first, Document) and isinstance(again, Document)  # one file named twice is one file
    assert isinstance(second, InputError) and second.origin == str(paths[1]) and second.locator is None
    assert f"its full source 'article.txt' is that of {paths[0]}, read before in this run" in second.problem


def test_one_record_id_in_two_feeds_is_two_documents(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("wire.jsonl", "agency.jsonl"):
        Path(name).write_text(
            json.dumps({"id": "7", "text": f"A rocket fell near Erbil, {name} said."}) + "\n"
        )
    first, second = documents(list(read_inputs(["wire.jsonl", "agency.jsonl"])))
    assert first.source == second.source == "7"
    assert (first.locator, second.locator) == ("wire.jsonl#7", "agency.jsonl#7")
    assert (first.feed, second.feed) == ("wire.jsonl", "agency.jsonl") and first.id != second.id


def test_an_id_repeated_in_one_feed_is_reported_and_the_first_line_kept(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        {"id": "a", "text": "Police arrested two men in Mosul."},
        {"id": "b", "text": "A rocket fell near Erbil airport."},
        {"id": "a", "text": "Gunmen attacked a checkpoint in Diyala."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    first, second, repeated = list(read_inputs([str(path)]))
    assert isinstance(first, Document) and "Mosul" in first.text and isinstance(second, Document)
    assert isinstance(repeated, InputError)
    assert str(repeated) == f"{path}:3: duplicate id 'a', first on line 1: line 1 is kept, this one skipped"
    assert repeated.locator is None  # it stands for no document: the first line's record stands


def test_stdin_records_are_scoped_to_stdin_and_repeats_reported() -> None:
    lines = [json.dumps({"id": "s-1", "text": "Protesters gathered in Basra."})] * 2
    doc, repeated = list(read_inputs(["-"], io.StringIO("\n".join(lines) + "\n")))
    assert isinstance(doc, Document) and doc.locator == "<stdin>#s-1" and doc.feed is None
    assert (
        isinstance(repeated, InputError)
        and repeated.origin == "<stdin>:2"
        and "duplicate id" in str(repeated)
    )


def test_a_published_value_that_is_no_calendar_date_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    values = ["2023-02-31", "yesterday", 20230105, "2023-02-28", None, ""]
    lines = [
        {"id": f"r{n}", "text": "Police arrested two men.", "published": v} for n, v in enumerate(values)
    ]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    docs = documents(list(read_inputs([str(path)])))
    assert [d.published for d in docs] == [None, None, None, "2023-02-28", None, None]
    warned = [d.warnings for d in docs]
    assert warned[0] == (
        f"{path}:1: record 'r0': 'published' \"2023-02-31\" is not a calendar date (write YYYY-MM-DD); "
        "stored without a date",
    )
    assert "'r1'" in warned[1][0] and "yesterday" in warned[1][0] and "20230105" in warned[2][0]
    assert warned[3:] == [(), (), ()]
