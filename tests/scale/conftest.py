"""Fixtures the scale tests share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from threadline.ingest import read_inputs
from threadline.nlp.pipeline import build_pipeline
from threadline.records import Document
from threadline.settings import Settings
from threadline.vocabulary import using, vocabulary_of
from threadline.workflow import Analysed, analyse_document

AnalyseFolder = Callable[[Path], list[Analysed]]


@pytest.fixture(scope="session")
def analyse_folder() -> AnalyseFolder:
    """Every document of a folder analysed as an ingest analyses it (default settings
    and vocabulary), ready for `store_analysed`."""

    def run(folder: Path) -> list[Analysed]:
        settings = Settings()
        vocabulary = vocabulary_of(settings.data_dir)
        nlp = build_pipeline(settings, vocabulary)
        documents = [d for d in read_inputs([str(folder)]) if isinstance(d, Document)]
        with using(vocabulary):
            return [analyse_document(nlp, d, settings, vocabulary) for d in documents]

    return run
