"""A real text of 1.2 MB, one story, through the whole ingest (`make fuzz` runs it).

The text is Wikipedia prose: the Re-DocRED dev documents 0-349 of ../shared (the
held-out 350-499 are never read), each a paragraph, then again two and three to a
paragraph (the cleaner drops a paragraph it has seen), under one headline. It is over
spaCy's 1,000,000 characters, so it must be parsed in pieces, each cut at a paragraph
break; the story is stored whole, with its mentions.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from threadline.nlp.pieces import pieces
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest

REPO = Path(__file__).resolve().parents[2]
REDOCRED = REPO.parent / "shared" / "corpora" / "redocred-dev" / "dev_revised.json"
DEV_DOCUMENTS = 350  # 350-499 are held out
TARGET_CHARS = 1_200_000


def real_text(target: int = TARGET_CHARS) -> str | None:
    """Headline and paragraphs of Wikipedia prose, `target` characters at least."""
    if not REDOCRED.is_file():
        return None
    documents = json.loads(REDOCRED.read_text(encoding="utf-8"))[:DEV_DOCUMENTS]
    texts = [" ".join(" ".join(sentence) for sentence in d["sents"]) for d in documents]
    paragraphs: list[str] = []
    size, group = 0, 1
    while size < target:
        for k in range(0, len(texts), group):
            paragraphs.append(" ".join(texts[k : k + group]))
            size += len(paragraphs[-1]) + 2
            if size >= target:
                break
        group += 1
    return "Notes on people, places and organisations from an encyclopaedia\n\n" + "\n\n".join(paragraphs)


def run_long_text() -> dict[str, object]:
    """Ingest the text; what happened, as name = value pairs."""
    text = real_text()
    if text is None:
        return {"skipped": "../shared/corpora/redocred-dev is absent"}
    cut = list(pieces(text))
    found: dict[str, object] = {
        "characters": len(text),
        "pieces": len(cut),
        "cuts_at_paragraph_breaks": all(piece.endswith("\n\n") for piece in cut[:-1]),
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "encyclopaedia.txt"
        path.write_text(text, encoding="utf-8")
        store = Store(f"sqlite:///{tmp}/long.db")
        started = time.perf_counter()
        report = ingest([str(path)], store, Settings(max_document_seconds=1800.0))
        found["seconds"] = round(time.perf_counter() - started, 1)
        found["errors"] = len(report.errors) + len(report.derived_failures)
        stories = store.stories()
        found["stories"] = len(stories)
        found["stored_characters"] = sum(len(s.text) for s in stories)
        found["mentions"] = len(store.mentions())
        store.close()
    return found
