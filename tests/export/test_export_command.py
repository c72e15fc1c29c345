"""`threadline export`: stdout by default so it pipes; a bad format or an -o that cannot
be written is one line naming it, before the store is opened."""

from __future__ import annotations

from pathlib import Path

from tests.export.support import runner, sqlite_url

from threadline.cli.main import app


def test_an_unknown_format_is_one_line_naming_it_and_the_formats(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    result = runner.invoke(app, ["export", "--db", sqlite_url(db), "--format", "xlsx"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: --format xlsx: unknown format; available: ")
    assert all(f in line for f in ("csv-events", "csv-links", "ftm", "gexf", "graphml", "json", "stix"))
    assert not db.exists()  # refused before any work


def test_an_unwritable_output_is_one_line_before_any_work(tmp_path: Path) -> None:
    db = tmp_path / "never.db"
    target = tmp_path / "no-such-folder" / "out.csv"
    result = runner.invoke(
        app, ["export", "--db", sqlite_url(db), "--format", "csv-links", "-o", str(target)]
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: ") and "-o" in line
    assert not db.exists() and not target.exists()


def test_output_goes_to_stdout_unless_o_names_a_file(examples_db: Path, tmp_path: Path) -> None:
    url = sqlite_url(examples_db)
    piped = runner.invoke(app, ["export", "--db", url, "--format", "csv-events"])
    assert piped.exit_code == 0 and piped.stdout.startswith("event_id,event_date,")
    target = tmp_path / "events.csv"
    written = runner.invoke(app, ["export", "--db", url, "--format", "csv-events", "-o", str(target)])
    assert written.exit_code == 0 and written.stdout == ""
    assert target.read_text(encoding="utf-8") == piped.stdout
