import shutil

import pytest

from threadline.errors import ModelError
from threadline.nlp.model import model_path, verify_weights
from threadline.settings import DEFAULT_MODEL


def test_installed_weights_are_the_pinned_ones():
    verify_weights(DEFAULT_MODEL, model_path(DEFAULT_MODEL))


def test_tampered_weights_are_refused(tmp_path):
    folder = tmp_path / "model"
    (folder / "ner").mkdir(parents=True)
    shutil.copy(model_path(DEFAULT_MODEL) / "ner" / "model", folder / "ner" / "model")
    with (folder / "ner" / "model").open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\x00\x01\x02\x03")
    with pytest.raises(ModelError, match="not the pinned weights"):
        verify_weights(DEFAULT_MODEL, folder)


def test_missing_pipeline_names_the_fix():
    with pytest.raises(ModelError, match="make setup"):
        model_path("no_such_pipeline_installed")
