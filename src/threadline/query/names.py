"""Names folded the way users type them: any case, no diacritics, hyphens and
apostrophes ignored, the Arabic article "al-"/"el-" dropped ("Kata'ib Sayf al-Rafidayn"
and "kataib sayf rafidayn" fold alike), so a lookup matches token by token."""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an"})  # sun-letter forms too
_APOSTROPHES = re.compile("['\u2019\u2018\u02bc\u02bf\u02be`\u00b4]")
_NOT_WORD = re.compile(r"[^\w]+")


def fold(name: str, casefold: bool = True) -> str:
    """Lower case (full case folding unless `casefold` is False: "ß" then stays),
    ASCII letters where there were accents, words split on anything that is not a
    letter or digit, articles gone."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold() if casefold else text.lower()
    text = _APOSTROPHES.sub("", text)
    words = [w for w in _NOT_WORD.sub(" ", text).replace("_", " ").split() if w not in ARTICLES]
    return " ".join(words)


def name_keys(names: list[str]) -> str:
    """Every folded name of an entity, one per line, as the name index stores them."""
    return "\n".join(dict.fromkeys(k for k in (fold(n) for n in names) if k))
