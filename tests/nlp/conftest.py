from __future__ import annotations

import pytest
from spacy.language import Language

from threadline.nlp.pipeline import build_pipeline
from threadline.settings import Settings


@pytest.fixture(scope="session")
def nlp() -> Language:
    return build_pipeline(Settings())
