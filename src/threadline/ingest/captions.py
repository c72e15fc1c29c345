"""Photo captions: "… at a rally in Baghdad. (AFP)", "FILE - …", "Photo: …"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from threadline.errors import DataFileError
from threadline.ingest.lines import word_count
from threadline.vocabulary import active

CAPTION_MAX_WORDS = 90


def caption_patterns() -> tuple[re.Pattern[str], ...]:
    """The active vocabulary's caption cues (threadline.vocabulary)."""
    return active().caption_patterns


def read_caption_patterns(cues: Mapping[str, Any]) -> tuple[re.Pattern[str], ...]:
    """The caption cues of ingest_cues.yaml, compiled."""
    entries = cues["captions"]
    try:
        return tuple(re.compile(str(e["pattern"]), re.IGNORECASE) for e in entries)
    except (KeyError, TypeError, re.error) as exc:
        raise DataFileError(f"ingest_cues.yaml: bad caption cue: {exc}") from exc


def is_caption(line: str) -> bool:
    """The line reads as a photo caption: a label before it or a photo credit after it."""
    if word_count(line) > CAPTION_MAX_WORDS:
        return False
    return any(pattern.search(line) for pattern in caption_patterns())
