"""The limits that used to surprise: budgets per document, long texts parsed in pieces,
deep pages flattened, and entity spans read off token tags in step with `Doc.ents`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from threadline.extract.entities import entities_in, entity_at
from threadline.ingest.nesting import flatten_deep
from threadline.nlp.pieces import UnbreakableText, parse_in_pieces, pieces
from threadline.nlp.pipeline import build_pipeline
from threadline.settings import DEFAULT_MAX_DOCUMENT_CHARS, Settings, SettingsError
from threadline.store import Store
from threadline.workflow import ingest

STORY = (
    "Gunmen attack convoy near Dorvali\n\n"
    "Gunmen attacked a police convoy near the town of Dorvali on Monday, killing three officers, "
    "the regional governor, Mara Soule, said. The Brigade of the Red Hills claimed the attack.\n\n"
    "Commander Idris Kallomo, who leads the brigade, was arrested in Vessana on Tuesday.\n"
)


def test_budgets_come_from_the_environment_with_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.from_env().max_document_chars == DEFAULT_MAX_DOCUMENT_CHARS
    monkeypatch.setenv("THREADLINE_MAX_DOCUMENT_CHARS", "5_000_000")
    monkeypatch.setenv("THREADLINE_MAX_DOCUMENT_SECONDS", "900")
    found = Settings.from_env()
    assert (found.max_document_chars, found.max_document_seconds) == (5_000_000, 900.0)


@pytest.mark.parametrize("value", ["lots", "0", "-5", "nan", "1.5"])
def test_a_budget_that_is_no_positive_number_is_one_error_naming_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("THREADLINE_MAX_DOCUMENT_CHARS", value)
    with pytest.raises(SettingsError, match=r"^THREADLINE_MAX_DOCUMENT_CHARS="):
        Settings.from_env()


def _files(tmp_path: Path, count: int) -> list[str]:
    paths = []
    for n in range(count):
        path = tmp_path / f"story{n}.txt"
        path.write_text(STORY.replace("Dorvali", f"Dorvali {n}"))
        paths.append(str(path))
    return paths


def test_a_document_over_the_size_budget_is_named_and_the_run_goes_on(tmp_path: Path, store: Store) -> None:
    small, large = _files(tmp_path, 2)
    Path(large).write_text(STORY * 5)
    report = ingest([large, small], store, Settings(max_document_chars=len(STORY) * 2))
    assert report.errors == [
        f"{large}: document too large ({len(STORY) * 5:,} characters; the limit is {len(STORY) * 2:,}): "
        "split it, or raise THREADLINE_MAX_DOCUMENT_CHARS"
    ]
    assert [s.source for s in store.stories()] == ["story0.txt"]


def test_a_document_over_the_time_budget_is_named_stored_never_in_part_and_the_run_goes_on(
    tmp_path: Path, store: Store
) -> None:
    [slow] = _files(tmp_path, 1)
    Path(slow).write_text(STORY + "\n\n".join(f"Officials in town {n} said so." for n in range(300)))
    report = ingest([slow], store, Settings(max_document_seconds=0.001))
    assert report.errors == [
        f"{slow}: took longer than 0.001 seconds to analyse and was left out: "
        "split it, or raise THREADLINE_MAX_DOCUMENT_SECONDS"
    ]
    assert store.stories() == [] and store.mentions() == []
    again = ingest([slow], store, Settings())  # the same document, given the time, is stored
    assert again.errors == [] and again.written == 1


def test_pieces_cut_at_paragraphs_then_lines_then_sentence_ends() -> None:
    text = "One. Two three.\n\nFour five six. Seven.\nEight nine. Ten eleven twelve."
    assert list(pieces(text, 20)) == [
        "One. Two three.\n\n",
        "Four five six. ",
        "Seven.\n",
        "Eight nine. ",
        "Ten eleven twelve.",
    ]
    assert "".join(pieces(text, 20)) == text
    with pytest.raises(UnbreakableText):
        list(pieces("word " * 10, 20))


def test_a_long_text_parsed_in_pieces_is_the_text_with_its_sentences_whole() -> None:
    nlp = build_pipeline(Settings())
    text = "\n\n".join([STORY.strip()] * 3 + ["Officials said talks would resume. The council agreed."] * 2)
    cut = [0]
    for piece in pieces(text, 300):
        cut.append(cut[-1] + len(piece))
    doc = parse_in_pieces(nlp, text, most=300)
    assert doc.text == text
    starts = {s.start_char for s in doc.sents} | {len(text)}
    assert all(c in starts or text[c - 1].isspace() for c in cut)
    whole = nlp(text)
    assert [(e.start_char, e.text) for e in doc.ents if e.label_ == "PERSON"] == [
        (e.start_char, e.text) for e in whole.ents if e.label_ == "PERSON"
    ]


def test_a_paragraph_with_no_break_in_a_piece_is_refused_by_name(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("threadline.nlp.pipeline.PIECE_CHARS", 200)
    monkeypatch.setattr("threadline.nlp.pieces.PIECE_CHARS", 200)
    path = tmp_path / "run-on.txt"
    path.write_text("A headline about the run-on report\n\n" + "and the fighters went on " * 20 + "\n")
    report = ingest([str(path)], store, Settings())
    [error] = report.errors
    assert (
        error.startswith(f"{path}: cannot be parsed in pieces: ")
        and "no paragraph, line or sentence break" in error
    )


def _depth(markup: str) -> int:
    depth = most = 0
    for closing, _name in re.findall(r"<(/?)(\w+)", markup):
        depth += -1 if closing else 1
        most = max(most, depth)
    return most


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<div>",
                "</div>",
                "<p>",
                "</p>",
                "<span class='x'>",
                "</span>",
                "text ",
                "<br>",
                "<!-- <div> -->",
            ]
        ),
        max_size=60,
    )
)
def test_a_page_never_nested_deep_is_left_as_it_is(parts: list[str]) -> None:
    page = "".join(parts)
    assert flatten_deep(page, max_depth=100) == page


def test_a_deep_page_keeps_its_text_and_loses_its_depth() -> None:
    page = (
        "<body>"
        + "<div><span>" * 5000
        + "<p>Text here.</p><script>'<div>'</script>"
        + "</span></div>" * 5000
        + "</body>"
    )
    flat = flatten_deep(page)
    assert "<p>Text here.</p><script>'<div>'</script>" in flat
    assert _depth(flat) <= 202


def _doc(tags: list[str]) -> Doc:
    return Doc(Vocab(), words=[f"w{i}" for i in range(len(tags))], ents=tags)


_IOB = st.lists(st.sampled_from(["O", "B-DATE", "I-DATE", "B-ORG", "I-ORG"]), min_size=1, max_size=30).map(
    lambda tags: [
        t if not t.startswith("I-") or (k and tags[k - 1] != "O" and tags[k - 1][2:] == t[2:]) else "O"
        for k, t in enumerate(tags)
    ]
)


@settings(max_examples=150, deadline=None)
@given(_IOB, st.data())
def test_entities_read_off_tags_are_those_of_doc_ents(tags: list[str], data: st.DataObject) -> None:
    doc = _doc(tags)
    starts = {e.start: e for e in doc.ents}
    for token in doc:
        found, want = entity_at(token), starts.get(token.i)
        assert (
            (found.start, found.end, found.label_) == (want.start, want.end, want.label_)
            if want
            else found is None
        )
    start = data.draw(st.integers(0, len(doc) - 1))
    span = doc[start : data.draw(st.integers(start + 1, len(doc)))]
    assert [(e.start, e.end, e.label_) for e in entities_in(span)] == [
        (e.start, e.end, e.label_) for e in span.ents
    ]
