"""The lookup key of a place name, shared by the index, the knowledge entries and the NLP cues.

A key is ascii (anyascii), lower case, no apostrophes or dots, hyphens and other
punctuation as spaces, a hyphenated Arabic article ("al-", "ar-", "ash-") dropped and a
leading "the" dropped. So "Al-Qa'im", "al Qaim" (through the loose key) and "Qaim" meet,
as do "U.S." and "US".
"""

from __future__ import annotations

import re

from anyascii import anyascii

# Arabic article forms as English news and GeoNames spell them ("al-Anbar", "An Najaf", "Ash Shaykhan").
ARTICLES = frozenset("al el ad ar as ash at ath adh az an ed er es et ez en ul ud".split())
_HYPHENATED_ARTICLE = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(ARTICLES)) + r")-(?=[a-z])")
_ARTICLE_TOKEN = re.compile(r"(?<![a-z0-9])(?:" + "|".join(sorted(ARTICLES)) + r")(?![a-z0-9])")
_DROPPED = re.compile(r"['`.]")
_SEPARATOR = re.compile(r"[^a-z0-9]+")


def place_key(name: str) -> str:
    """The lookup key of a place name; idempotent: place_key(place_key(x)) == place_key(x)."""
    text = (name if name.isascii() else anyascii(name)).lower().replace("&", " and ")
    text = _DROPPED.sub("", text)
    if "-" in text:
        text = _HYPHENATED_ARTICLE.sub("", text)
    tokens = _SEPARATOR.sub(" ", text).split()
    while tokens and tokens[0] == "the":
        tokens.pop(0)
    if "saint" in tokens:
        tokens = ["st" if t == "saint" else t for t in tokens]
    return " ".join(tokens)


def loose_key(key: str) -> str:
    """A key without its standalone articles: "al anbar" -> "anbar"."""
    if not _ARTICLE_TOKEN.search(key):
        return key
    return " ".join(t for t in key.split() if t not in ARTICLES)
