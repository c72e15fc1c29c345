"""The place index file: built from its source once, rebuilt when its stamp changes or it is
damaged, and left whole when two processes build it at once.

These tests build small indexes from a handful of entries written here (the GeoNames one
is the same code over 200,000 entries; tests/places/test_geocode.py reads that one).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from threadline.places.geonames import Entry
from threadline.places.index import PlaceIndex, build_index, geonames_index, index_stamp
from threadline.places.sites import Site
from threadline.records import Place

REPO = Path(__file__).resolve().parents[2]


def _site(name: str, country: str, population: int, source: str) -> Site:
    return Site(Place(name, 33.3, 44.4, country, 1, "city", source), population)


def entries() -> Iterator[Entry]:
    yield Entry(_site("Mosul", "IQ", 1_700_000, "test:mosul"), ("mosul",), ("al mawsil",))
    yield Entry(_site("An Najaf", "IQ", 480_000, "test:najaf"), ("an najaf",))
    yield Entry(_site("Tiny", "IQ", 600, "test:tiny"), ("tiny",), ("tinyville",))
    yield Entry(_site("Mosul Dam", "IQ", 0, "test:dam"), ("mosul",))


def test_lookups_answer_from_the_file(tmp_path: Path) -> None:
    index = PlaceIndex(tmp_path / "places.sqlite", "stamp-1", entries)
    assert [h.site.place.source for h in index.lookup("mosul")] == ["test:mosul", "test:dam"]  # added order
    assert [(h.site.place.source, h.primary) for h in index.lookup("al mawsil")] == [("test:mosul", False)]
    assert [h.site.place.source for h in index.lookup("najaf")] == ["test:najaf"]  # without its article
    assert index.lookup("baghdad") == ()
    assert index.lookup("mosul")[0].site == _site("Mosul", "IQ", 1_700_000, "test:mosul")


def test_own_names_and_big_towns_alternate_names_are_place_names(tmp_path: Path) -> None:
    index = PlaceIndex(tmp_path / "places.sqlite", "stamp-1", entries)
    assert "mosul" in index and "tiny" in index
    assert "al mawsil" in index  # an alternate name of a town of 1.7M people
    assert "tinyville" not in index  # an alternate name of a village
    assert "najaf" not in index  # the loose key finds the town, but is no name of it


def test_a_second_process_opens_the_file_without_building(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    first = PlaceIndex(path, "stamp-1", entries)
    first.open()
    second = PlaceIndex(path, "stamp-1", lambda: pytest.fail("built again"))
    assert [h.site.place.source for h in second.lookup("tiny")] == ["test:tiny"]
    assert (first.builds, second.builds) == (1, 0)


def test_the_index_is_rebuilt_when_its_stamp_changes(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    PlaceIndex(path, "stamp-1", entries).open()

    def renamed() -> Iterator[Entry]:
        yield Entry(_site("Al-Mawsil", "IQ", 1_700_000, "test:mosul-2"), ("mosul",))

    rebuilt = PlaceIndex(path, "stamp-2", renamed)
    assert [h.site.place.source for h in rebuilt.lookup("mosul")] == ["test:mosul-2"]
    assert rebuilt.builds == 1
    assert [h.site.place.source for h in PlaceIndex(path, "stamp-2", entries).lookup("mosul")] == [
        "test:mosul-2"
    ]


def test_the_stamp_follows_what_the_index_is_built_from() -> None:
    assert index_stamp(500) == index_stamp(500)
    assert index_stamp(500) != index_stamp(1000)
    assert geonames_index(500).path.name == "places-500.sqlite"


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"this is not a SQLite database" * 100,
        lambda data: data[: len(data) // 2],  # cut short: the header reads, the pages do not
        lambda data: data[:100] + b"\0" * (len(data) - 100),  # pages zeroed
        lambda data: b"",
    ],
)
def test_a_damaged_file_is_rebuilt_without_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: object
) -> None:
    path = tmp_path / "places.sqlite"
    build_index(path, "stamp-1", _many())
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    index = PlaceIndex(path, "stamp-1", _many)
    with caplog.at_level(logging.INFO):
        assert [h.site.place.source for h in index.lookup("town 4999")] == ["test:4999"]
    assert index.builds == 1
    assert not any(r.exc_info for r in caplog.records)
    assert [h.site.place.source for h in PlaceIndex(path, "stamp-1", _many).lookup("town 7")] == ["test:7"]


def _many() -> Iterator[Entry]:
    """Enough entries that the file spans many pages (a cut-short file loses some)."""
    for i in range(5000):
        yield Entry(_site(f"Town {i}", "IQ", i, f"test:{i}"), (f"town {i}",))


def test_an_unwritable_cache_folder_costs_a_private_build(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    index = PlaceIndex(blocker / "places.sqlite", "stamp-1", entries)
    assert [h.site.place.source for h in index.lookup("tiny")] == ["test:tiny"]
    assert index.path.parent != blocker


_BUILDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from threadline.places.geonames import Entry
    from threadline.places.index import build_index
    from threadline.places.sites import Site
    from threadline.records import Place

    def entries(tag):
        for i in range(3000):
            if i % 500 == 0:
                time.sleep(0.05)  # keep the two builds overlapping
            yield Entry(Site(Place(f"Town {i}", 1.0, 2.0, "IQ", 1, "city", f"{tag}:{i}"), i), (f"town {i}",))

    build_index(Path(sys.argv[1]), "stamp-1", entries(sys.argv[2]))
    """
)


def test_two_processes_building_at_once_leave_one_good_index(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "places.sqlite"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    builders = [
        subprocess.Popen([sys.executable, "-c", _BUILDER, str(path), tag], env=env, stderr=subprocess.PIPE)
        for tag in ("a", "b")
    ]
    for builder in builders:
        _, err = builder.communicate(timeout=120)
        assert builder.returncode == 0, err.decode()
    assert sorted(p.name for p in path.parent.iterdir()) == ["places.sqlite"]  # no temporary file left
    index = PlaceIndex(path, "stamp-1", lambda: pytest.fail("the built index was not taken"))
    sources = {h.site.place.source for i in range(3000) for h in index.lookup(f"town {i}")}
    assert len(sources) == 3000 and len({s.split(":")[0] for s in sources}) == 1  # one whole build


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    abandoned = tmp_path / ".places.sqlite.12345-deadbeef.tmp"
    abandoned.write_bytes(b"half a build")
    os.utime(abandoned, (1_000_000_000, 1_000_000_000))
    live = tmp_path / ".places.sqlite.12346-feedface.tmp"  # another process building now
    live.write_bytes(b"a build in progress")
    build_index(path, "stamp-1", entries())
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "places.sqlite"]
