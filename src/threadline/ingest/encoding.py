"""Bytes into text: UTF-8 first, a byte-order mark or a declared charset next, then detection.

A file with NUL bytes is binary. Bytes that are not UTF-8 are decoded only when
charset-normalizer finds an encoding with little noise; otherwise the file is refused,
with a message that says to save it as UTF-8.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from threadline.errors import InputError

MAX_CHAOS = 0.2  # charset-normalizer's noise ratio above which a guess is not trusted
_CLOSE_CHAOS = 0.05  # guesses this close to the best count as equally good
_PREFERRED = ("cp1252", "utf_8")  # the commonest legacy web encoding wins a near-tie
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_MAX_SHARE = 0.01
_SPACE_MIN_SHARE = 0.005  # text in any 8-bit encoding puts an ASCII space or newline between words


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, origin: str, declared: str | None = None) -> str | InputError:
    """The text of `data`, or an InputError that says why it cannot be read as text."""
    text = _by_bom(data)
    if text is None and b"\x00" in data:
        return InputError(origin, "binary file (it contains NUL bytes); expected a UTF-8 text file")
    if text is None:
        text = _strict(data, "utf-8") or _strict(data, declared) or _detected(data)
    if text is None:
        return InputError(
            origin, "undecodable: not valid UTF-8 and no encoding detected with confidence; save it as UTF-8"
        )
    if _mostly_control(text):
        return InputError(origin, "binary file (control characters in the text); expected a text file")
    return normalize_newlines(text)


def _by_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data, codec)
    return None


def _strict(data: bytes, codec: str | None) -> str | None:
    if not codec:
        return None
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> str | None:
    """charset-normalizer's decoding, when it is confident and the result reads as text."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = min(matches, key=lambda m: m.chaos)
    if best.chaos > MAX_CHAOS:
        return None
    close = [m for m in matches if m.chaos <= best.chaos + _CLOSE_CHAOS]
    preferred = (c for c in _PREFERRED if any(c in m.could_be_from_charset for m in close))
    codec = next(preferred, None)
    text = (_strict(data, codec) if codec else None) or str(best)
    return text if _spaced(text) else None


def _spaced(text: str) -> bool:
    """Words apart: noise decoded into some alphabet has no ASCII spaces or newlines."""
    spaces = sum(1 for c in text if c in " \t\n\r")
    return spaces >= max(1, len(text) * _SPACE_MIN_SHARE)


def _mostly_control(text: str) -> bool:
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    return controls > max(1, len(sample) * _CONTROL_MAX_SHARE)
