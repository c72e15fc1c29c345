"""Photo captions: "… at a rally in Baghdad. (AFP)", "FILE - …", "Photo: …"."""

from __future__ import annotations

import re
from functools import lru_cache

from threadline.errors import DataFileError
from threadline.ingest.lines import word_count
from threadline.vocab import load_yaml

CAPTION_MAX_WORDS = 90


@lru_cache(maxsize=1)
def caption_patterns() -> tuple[re.Pattern[str], ...]:
    """The caption cues of ingest_cues.yaml, compiled."""
    entries = load_yaml("ingest_cues.yaml")["captions"]
    try:
        return tuple(re.compile(str(e["pattern"]), re.IGNORECASE) for e in entries)
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"ingest_cues.yaml: bad caption cue: {exc}") from exc


def is_caption(line: str) -> bool:
    """The line reads as a photo caption: a label before it or a photo credit after it."""
    if word_count(line) > CAPTION_MAX_WORDS:
        return False
    return any(pattern.search(line) for pattern in caption_patterns())
