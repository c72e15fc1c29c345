"""HTML pages: trafilatura extracts the article text; the page's own tags state its metadata.

Title, outlet and publication date come only from what the page states: the first <h1>
that reads as a headline (a site logo, a section label or a breadcrumb in an <h1> does not),
og:title or the JSON-LD headline, <title>; each less its " | Site" suffix; og:site_name;
article:published_time and kindred meta tags or JSON-LD. Nothing is guessed from the URL,
the body or the day of ingest.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import trafilatura
from lxml import etree

from threadline.errors import InputError
from threadline.ingest.boilerplate import is_link_list, is_navigation
from threadline.ingest.dates import stated_date
from threadline.ingest.metadata import is_masthead_name, section_labels
from threadline.ingest.nesting import flatten_deep
from threadline.records import Document
from threadline.vocabulary import active

_TITLE_SEPARATORS = (" | ", " – ", " — ", " - ", " :: ", " · ")
_SUFFIX_MAX_WORDS = 5
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)
_SPACE = re.compile(r"\s+")


@dataclass
class PageTags:
    """What the page's tags state about it."""

    title: str = ""
    h1: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    json_ld: list[str] = field(default_factory=list)
    canonical: str | None = None


class _TagReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = PageTags()
        self._in: str | None = None  # "title", "h1" or "ld" while inside one
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        value = a.get("content") or a.get("datetime") or ""
        if key and value.strip():
            self.tags.meta.setdefault(key, value.strip())
        if tag == "link" and "canonical" in a.get("rel", "").lower():
            self.tags.canonical = self.tags.canonical or a.get("href")
        if (tag == "title" and not self.tags.title) or tag == "h1":
            self._in, self._buffer = tag, []
        elif tag == "script" and "ld+json" in a.get("type", "").lower():
            self._in, self._buffer = "ld", []

    def handle_endtag(self, tag: str) -> None:
        closing = "script" if self._in == "ld" else self._in
        if self._in is None or tag != closing:
            return
        text = "".join(self._buffer)
        if self._in == "ld":
            self.tags.json_ld.append(text)
        elif self._in == "h1":
            self.tags.h1.append(_SPACE.sub(" ", text).strip())
        else:
            self.tags.title = _SPACE.sub(" ", text).strip()
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._buffer.append(data)


def page_tags(markup: str) -> PageTags:
    reader = _TagReader()
    reader.feed(markup)
    reader.close()
    return reader.tags


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def _meta_keys() -> dict[str, tuple[str, ...]]:
    return active().html_meta


def _meta(tags: PageTags, name: str) -> str | None:
    return next((tags.meta[k] for k in _meta_keys()[name] if tags.meta.get(k)), None)


def _ld_values(tags: PageTags) -> dict[str, str]:
    """datePublished, headline and publisher name from JSON-LD blocks."""
    found: dict[str, str] = {}
    for block in tags.json_ld:
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                _collect_ld(item, found)
    return found


def _collect_ld(item: dict[str, object], found: dict[str, str]) -> None:
    for key in ("datePublished", "headline"):
        if isinstance(item.get(key), str):
            found.setdefault(key, str(item[key]))
    publisher = item.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        found.setdefault("publisher", publisher["name"])


def split_site(title: str, site: str | None) -> tuple[str, str | None]:
    """A <title> less its site suffix ("Headline | Site"), and the suffix."""
    for separator in _TITLE_SEPARATORS:
        head, found, tail = title.rpartition(separator)
        if not found or not head.strip():
            continue
        tail = tail.strip()
        if (site and tail.casefold() == site.casefold()) or (
            not site and len(tail.split()) <= _SUFFIX_MAX_WORDS
        ):
            return head.strip(), tail
    return title, None


def _headline(text: str, outlet: str | None) -> bool:
    """A stated title that reads as a headline: not the outlet, a section label, a menu or a logo."""
    folded = text.casefold()
    if not text or (outlet and folded == outlet.casefold()) or folded in section_labels():
        return False
    return not (is_navigation(text) or is_link_list(text) or is_masthead_name(text))


def stated_title(tags: PageTags, site: str | None, ld: dict[str, str]) -> tuple[str | None, str | None]:
    """The page's title and the outlet its <title> suffix names."""
    bare_title, suffix = split_site(tags.title, site)
    outlet = site or suffix
    meta_title = split_site(_meta(tags, "title") or "", outlet)[0]
    titles = [*tags.h1, meta_title, ld.get("headline") or "", bare_title]
    headline = next((t for t in titles if _headline(t, outlet)), None)
    fallback = next((t for t in titles if t and (not outlet or t.casefold() != outlet.casefold())), None)
    return headline or fallback, outlet


def page_metadata(tags: PageTags) -> dict[str, str | None]:
    """title, outlet, published (YYYY-MM-DD) and url as the page states them."""
    ld = _ld_values(tags)
    title, outlet = stated_title(tags, _meta(tags, "outlet") or ld.get("publisher"), ld)
    date = _meta(tags, "published") or ld.get("datePublished")
    return {
        "title": title,
        "outlet": outlet,
        "published": stated_date(date) if date else None,
        "url": _meta(tags, "url") or tags.canonical,
    }


def article_text(markup: str) -> str | None:
    """The article's paragraphs and headings, one a paragraph, as trafilatura extracts them."""
    extracted = trafilatura.extract(
        flatten_deep(markup),
        output_format="xml",
        include_comments=False,
        include_images=False,
        include_links=False,
    )
    if not extracted:
        return None
    main = etree.fromstring(extracted.encode("utf-8")).find("main")
    if main is None:
        return None
    paragraphs = [p for p in _paragraphs(main) if p]
    return "\n\n".join(paragraphs) or None


def _paragraphs(main: etree._Element) -> list[str]:
    for br in main.iter("lb"):
        br.tail = " " + (br.tail or "")
    found = [_flat(main.text)]
    for child in main:
        if child.tag == "list":
            found.extend(_flat("".join(item.itertext())) for item in child.iter("item"))
        elif child.tag == "table":
            found.extend(_row(row) for row in child.iter("row"))
        else:
            found.append(_flat("".join(child.itertext())))
        found.append(_flat(child.tail))
    return found


def _row(row: etree._Element) -> str:
    return " ".join(_flat("".join(cell.itertext())) for cell in row)


def _flat(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def html_document(markup: str, source: str, origin: str) -> Document | InputError:
    """The Document of one HTML page, or an InputError when it holds no article text."""
    text = article_text(markup)
    if text is None:
        return InputError(origin, "no article text found in the HTML page (is it a full article page?)")
    meta = page_metadata(page_tags(markup))
    return Document(
        source=source,
        origin=origin,
        format="html",
        text=text,
        title=meta["title"],
        published=meta["published"],
        outlet=meta["outlet"],
        url=meta["url"],
    )
