"""Pages nested deeper than libxml2 will read, flattened first.

libxml2 (under lxml and trafilatura) stops at 256 levels of elements (2,048 with its
"huge" option) and silently drops everything inside: text wrapped in 10,000 <div>s
came out as "no article text found". Beyond MAX_DEPTH levels, every element's start
and end tags are taken out and its content kept in place, except the tags that make
paragraphs and headings; a page never nested that deep is returned unchanged.
Depth is counted as a browser builds the tree: an end tag closes the most recent
open element of its name and any left open inside it; a paragraph, list item or
table cell left open is closed by the next of its kind ("<td>a<td>b", not inside a
nested list or table); void elements, comments, scripts and styles open nothing.
"""

from __future__ import annotations

import re
from collections import Counter

MAX_DEPTH = 200  # below libxml2's 256, with room for what wraps the body
_KEPT = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "br", "li"})
_SELF_CLOSING = frozenset({"p", "li", "td", "th", "tr", "dt", "dd", "option"})  # closed by the next of a kind
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b.*?(?:</\1\s*>|\Z)|<(/?)([a-zA-Z][^\s/>]*)[^>]*>",
    re.DOTALL | re.IGNORECASE,
)


def flatten_deep(markup: str, max_depth: int = MAX_DEPTH) -> str:
    """The markup with no element nested deeper than `max_depth` (paragraph and heading
    tags aside); unchanged when it never was."""
    if markup.count("<") <= max_depth:
        return markup
    out: list[str] = []
    open_tags = _OpenElements()
    position = 0
    for match in _TOKEN.finditer(markup):
        closing, name = match.group(2), (match.group(3) or "").lower()
        if not name or name in _VOID:
            continue
        drop = open_tags.close(name) if closing else open_tags.open(name, max_depth)
        if drop:
            out.append(markup[position : match.start()])
            position = match.end()
    if position == 0:
        return markup
    out.append(markup[position:])
    return "".join(out)


class _OpenElements:
    """The elements open at a point of the page, innermost last, each with whether its
    tags are dropped; a count per name makes a stray end tag cost nothing."""

    def __init__(self) -> None:
        self.stack: list[tuple[str, bool]] = []
        self.count: Counter[str] = Counter()

    def open(self, name: str, max_depth: int) -> bool:
        """Push a start tag; whether to drop it."""
        if name in _SELF_CLOSING:
            self._close_open_sibling(name)
        drop = len(self.stack) >= max_depth and name not in _KEPT
        self.stack.append((name, drop))
        self.count[name] += 1
        return drop

    def _close_open_sibling(self, name: str) -> None:
        """ "<li>a<li>b": the open item ends where the next begins, when only elements
        that end that way lie above it (a nested list or table keeps its parent open)."""
        for k in range(len(self.stack) - 1, -1, -1):
            top = self.stack[k][0]
            if top == name:
                for closed, _ in self.stack[k:]:
                    self.count[closed] -= 1
                del self.stack[k:]
                return
            if top not in _SELF_CLOSING:
                return

    def close(self, name: str) -> bool:
        """Pop to the open element an end tag closes; whether to drop the end tag (its
        start tag was dropped, or it closes nothing)."""
        if not self.count[name]:
            return False
        while True:
            top, dropped = self.stack.pop()
            self.count[top] -= 1
            if top == name:
                return dropped
