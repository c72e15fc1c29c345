"""The fuzzing harness in a bounded form for CI (`make fuzz` runs it at full size).

Every input ends in stored stories or one line naming it: never a traceback, never a
hang. The inputs the issue names are tried every run, through the whole ingest.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from tests.fuzz.cases import SENTENCES, Case, cases, fixed_cases
from tests.fuzz.corpora import check_corpus, corpora
from tests.fuzz.harness import Tally, check_ingest, check_read

from threadline.errors import InputError
from threadline.ingest import read_inputs
from threadline.records import Document
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import ingest


def bounded(examples: int) -> settings:
    return settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )


def test_readers_and_splitting_take_any_input() -> None:
    tally = Tally()

    @bounded(150)
    @given(cases())
    def each(case: Case) -> None:
        check_read(case, tally)

    each()
    assert tally.inputs == 150
    assert (tally.crashes, tally.hangs) == (0, 0), tally.examples


def test_the_named_bad_inputs_end_in_stories_or_one_line(store: Store) -> None:
    tally = Tally()
    for case in fixed_cases():
        check_ingest(case, store, Settings(), tally)
    assert (tally.crashes, tally.hangs) == (0, 0), tally.examples


def test_the_whole_ingest_takes_generated_input(store: Store) -> None:
    tally = Tally()

    @bounded(12)
    @given(cases())
    def each(case: Case) -> None:
        check_ingest(case, store, Settings(), tally)

    each()
    assert (tally.crashes, tally.hangs) == (0, 0), tally.examples


def test_whole_run_steps_and_export_take_generated_corpora() -> None:
    tally = Tally()

    @bounded(3)
    @given(corpora())
    def each(corpus: object) -> None:
        check_corpus(corpus, tally)  # type: ignore[arg-type]

    each()
    assert (tally.crashes, tally.hangs) == (0, 0), tally.examples


def test_text_in_ten_thousand_nested_divs_is_found(tmp_path: Path) -> None:
    body = "".join(f"<p>{s}</p>" for s in SENTENCES[:3])
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 10_000 + body + "</div>" * 10_000 + "</body></html>")
    [document] = list(read_inputs([str(page)]))
    assert isinstance(document, Document)
    assert SENTENCES[0] in document.text and SENTENCES[2] in document.text


def test_impossible_dates_in_a_feed_store_the_story_without_a_date(tmp_path: Path, store: Store) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = [
        f'{{"id": "a", "text": "{SENTENCES[0]}", "published": "2023-02-31"}}',
        f'{{"id": "b", "text": "{SENTENCES[1]}", "published": "0000-01-01"}}',
        '{"id": "c", "text": 7}',
    ]
    feed.write_text("\n".join(lines) + "\n")
    report = ingest([str(feed)], store, Settings())
    assert report.written == 2
    assert [s.published for s in store.stories()] == [None, None]
    assert report.errors == [f"{feed}:3: record 'c': 'text' must be a string, not int"]


def test_a_ten_megabyte_line_is_refused_by_name_and_the_run_goes_on(tmp_path: Path, store: Store) -> None:
    line = (" ".join(SENTENCES) + " ") * (10 * 2**20 // (len(" ".join(SENTENCES)) + 1))
    big, good = tmp_path / "big.txt", tmp_path / "good.txt"
    big.write_text(line)
    good.write_text("Convoy attacked near Dorvali\n\n" + SENTENCES[0] + "\n")
    report = ingest([str(big), str(good)], store, Settings())
    [error] = report.errors
    assert error.startswith(f"{big}: document too large (") and "THREADLINE_MAX_DOCUMENT_CHARS" in error
    assert report.written == 1 and [s.source for s in store.stories()] == ["good.txt"]


def test_a_feed_line_over_the_byte_limit_names_its_line(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "text": "' + "word " * 400 + '"}\n{"id": "b", "text": "short"}\n')
    first, second = list(read_inputs([str(feed)], max_bytes=1000))
    assert isinstance(first, InputError) and first.origin == f"{feed}:1" and "line too long" in first.problem
    assert isinstance(second, Document)
