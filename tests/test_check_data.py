"""`threadline check-data`: the bundled folder passes (the suite is what CI runs), and
copies broken in each way a hand edit breaks a folder are refused with one line per
problem, naming the file and the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from threadline.cli.main import app
from threadline.settings import DATA_DIR
from threadline.vocabulary_check import check_data


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}: the test no longer breaks what it means to"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def lines(folder: Path) -> list[str]:
    return [p.line() for p in check_data(folder)]


def test_the_bundled_folder_passes_through_the_command() -> None:
    result = CliRunner().invoke(app, ["check-data", str(DATA_DIR)])
    assert result.exit_code == 0, result.output
    assert "no problems" in result.output


def test_a_missing_file_is_named(folder: Path) -> None:
    (folder / "roles.yaml").unlink()
    assert lines(folder) == ["roles.yaml: missing (threadline has no default for it)"]


def test_a_file_left_out_that_has_a_default_is_no_problem(folder: Path) -> None:
    (folder / "relation_model.json").unlink()
    assert lines(folder) == []


def test_a_file_that_does_not_parse_is_named(folder: Path) -> None:
    (folder / "modality.yaml").write_text("precedence: [denied, negated\n", encoding="utf-8")
    (problem,) = lines(folder)
    assert problem.startswith("modality.yaml: cannot be read")


def test_a_key_written_twice_is_named(folder: Path) -> None:
    with (folder / "ingest_cues.yaml").open("a", encoding="utf-8") as f:
        f.write("\ndangling_words: [the]\n")
    (problem,) = lines(folder)
    assert (
        problem.startswith("ingest_cues.yaml: cannot be read") and "'dangling_words' appears twice" in problem
    )


def test_a_spelling_listed_twice_is_named_with_its_key(folder: Path) -> None:
    _replace(folder / "relation_cues.yaml", "admin_nouns: [village,", "admin_nouns: [village, Village,")
    assert lines(folder) == ["relation_cues.yaml: admin_nouns: 'Village' is listed twice"]


def test_a_wrong_type_is_named_with_its_key(folder: Path) -> None:
    _replace(
        folder / "relation_cues.yaml", "admin_nouns: [village,", "admin_nouns: 7\nold_admin_nouns: [village,"
    )
    problems = lines(folder)
    assert len(problems) == 1 and problems[0].startswith(
        "relation_cues.yaml: admin_nouns must be a list of words"
    )


def test_a_predicate_the_ontology_lacks_is_named(folder: Path) -> None:
    _replace(folder / "roles.yaml", "predicate: leader_of", "predicate: leads")
    problems = lines(folder)
    assert problems and all(p.startswith("roles.yaml: titles.") for p in problems)
    assert all("predicate 'leads' is not in ontology.yaml" in p for p in problems)


def test_a_knowledge_id_used_twice_is_named(folder: Path) -> None:
    _replace(
        folder / "knowledge" / "people.yaml",
        "entities:\n",
        "entities:\n  - {id: kataib-hezbollah, name: KH, type: organization}\n",
    )
    assert lines(folder) == [
        "knowledge/people.yaml: entities.kataib-hezbollah: id also used in knowledge/armed_groups.yaml"
    ]


def test_the_command_prints_each_problem_and_fails(folder: Path) -> None:
    (folder / "boilerplate.yaml").unlink()
    _replace(folder / "relation_cues.yaml", "admin_nouns: [village,", "admin_nouns: [village, village,")
    result = CliRunner().invoke(app, ["check-data", str(folder)])
    assert result.exit_code == 1
    assert "boilerplate.yaml: missing" in result.output
    assert "relation_cues.yaml: admin_nouns: 'village' is listed twice" in result.output


def test_a_required_list_left_out_is_named(folder: Path) -> None:
    _replace(folder / "modality.yaml", "speech_verbs:", "spoken_verbs:")
    (problem,) = lines(folder)
    assert problem.startswith("modality.yaml") and "speech_verbs" in problem


def test_a_second_list_of_speech_verbs_is_refused(folder: Path) -> None:
    _replace(
        folder / "ontology.yaml",
        "  deny_verbs: [",
        "  speech_verbs: [say, declare]\n  deny_verbs: [",
    )
    assert lines(folder) == [
        "ontology.yaml: claims.speech_verbs: speech verbs are listed once, in modality.yaml "
        "speech_verbs; remove this list"
    ]


def test_claims_read_the_speech_verbs_of_modality(folder: Path) -> None:
    from threadline.vocabulary import Vocabulary

    _replace(folder / "modality.yaml", "speech_verbs: [say,", "speech_verbs: [proclaim, say,")
    vocabulary = Vocabulary(folder)
    assert "proclaim" in vocabulary.claim_cues.speech_verbs
    assert vocabulary.claim_cues.speech_verbs == vocabulary.modality.speech_verbs
