"""Name normalisation: one spelling-independent form per name, for matching only.

"Qais Al-Khazali", "Qays al Khazali" and "Sheikh Qais Al Khazali's" all read as
the tokens ("qais", "al", "khazali") and the name parts ("qais", "khazali").
Steps: ascii transliteration (anyascii), case folding, possessive 's dropped,
assimilated article forms (ash-, ad-, ez-, el-) read as al, rigour's name
tokenizer (apostrophes and hamza/ayn marks vanish: Asa'ib = Asaib),
transliteration variants from data, then a leading "the" and honorifics or
titles dropped. Normalised forms are never shown: entities keep the surface forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rigour.names import tokenize_name

from threadline.resolve.lexicon import Lexicon, load_lexicon

POSSESSIVE = re.compile(r"(?<=\w)['’‘ʼ`]s\b")
ASSIMILATED_ARTICLE = re.compile(r"\b(?:[ae][dnrstz]|[ae]sh|[ae]th|[ae]dh|el|ul)-(?=[a-z])")
EDGE = "\"'“”‘’«»()[]{}.,;:!?-–—|/*• \t\n"


@dataclass(
    frozen=True, slots=True, eq=False
)  # one object per spelling (parse_name caches): hashed by identity
class Name:
    """A surface form and what matching reads in it."""

    surface: str  # as written, whitespace collapsed
    tokens: tuple[str, ...]  # normalised words, particles kept
    core: tuple[str, ...]  # name parts: particles and function words out, "abu alaa" glued
    specific: tuple[str, ...]  # the parts that tell one name from another: generic words out
    is_acronym: bool = False  # "AAH", "U.S.": one part of two to six capitals
    key: str = field(init=False)  # the form two spellings of one name share

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", " ".join(self.core or self.tokens))


def clean_surface(text: str) -> str:
    """Collapse whitespace and trim quotes and stray punctuation at the edges."""
    return " ".join(text.split()).strip(EDGE) or " ".join(text.split())


def ascii_words(text: str) -> list[str]:
    """Case-folded ascii words, possessive 's dropped, al- forms split off."""
    text = anyascii(POSSESSIVE.sub("", text)).casefold()
    text = POSSESSIVE.sub("", text)  # anyascii may turn a mark into an apostrophe
    return tokenize_name(ASSIMILATED_ARTICLE.sub("al ", text))


def _leading_title(tokens: tuple[str, ...], lex: Lexicon) -> int:
    """How many leading tokens are "the", a title, or a nationality before a title."""
    if tokens[0] == "the":
        return 1
    for size in (3, 2, 1):
        if tokens[:size] in lex.titles:
            return size
    if tokens[0] in lex.places and len(tokens) > 1:
        after = _leading_title(tokens[1:], lex)
        return 1 + after if after and tokens[1] != "the" else 0
    return 0


def strip_titles(tokens: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """Drop "the" and honorifics from the front, unless the name is an organisation's
    ("Sayyid" opens a person's name but sits inside "Kataib Sayyid al-Shuhada")."""
    if set(tokens) & lex.org_cues:
        while len(tokens) > 1 and tokens[0] == "the":
            tokens = tokens[1:]
        return tokens
    while len(tokens) > 1:
        size = _leading_title(tokens, lex)
        if not size or size >= len(tokens):
            break
        tokens = tokens[size:]
    return tokens


def name_tokens(text: str, lex: Lexicon | None = None) -> tuple[str, ...]:
    """The normalised words of a name, in order."""
    lex = lex or load_lexicon()
    words = tuple(lex.variants.get(w, w) for w in ascii_words(text))
    return strip_titles(words, lex) if words else words


def normalize(text: str, lex: Lexicon | None = None) -> str:
    """One string per name however it is spelled; idempotent."""
    return " ".join(name_tokens(text, lex))


def core_parts(tokens: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """Name parts: particles and function words dropped, "abu" glued to the part after it."""
    parts: list[str] = []
    glued = ""
    for token in tokens:
        if token in lex.glue:
            glued += lex.glue[token]
        elif token not in lex.skippable:
            parts.append(lex.variants.get(glued + token, glued + token) if glued else token)
            glued = ""
    if glued:
        parts.append(glued.rstrip("_"))
    return tuple(parts)


def specific_parts(core: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """Parts without the generic words ("movement", "strip"); all of them when
    nothing else is left ("the Strip")."""
    return tuple(p for p in core if p not in lex.generic) or core


@lru_cache(maxsize=65536)
def _parse(surface: str, lex: Lexicon) -> Name:
    tokens = name_tokens(surface, lex)
    letters = [c for c in surface if c.isalpha()]
    capitals = 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)
    # a word of capitals is an acronym, never a particle: "DEL", "DA", "VAN" keep their letters
    core = tokens if capitals and len(tokens) == 1 else core_parts(tokens, lex)
    acronym = len(core) == 1 and capitals
    return Name(surface, tokens, core, specific_parts(core, lex), acronym)


def parse_name(text: str, lex: Lexicon | None = None) -> Name:
    """A Name for a surface form (cached: the same spelling recurs in every story)."""
    return _parse(clean_surface(text), lex or load_lexicon())
