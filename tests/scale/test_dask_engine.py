"""The Dask engine stores what a single-process ingest stores, resumes, and reports failures."""

from __future__ import annotations

import io
import json
import pickle
import shutil
from pathlib import Path

import dask
import pytest
from bench.corpus import write_corpus

from threadline.errors import InputError, StoreError
from threadline.export import export
from threadline.scale.cluster import QUIET_WORKERS, dask_client
from threadline.scale.dask_engine import ingest_with_dask
from threadline.scale.partitions import partitions
from threadline.settings import Settings
from threadline.store import Store, layout
from threadline.workflow import ingest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Generated stories (with copies), one real example page, and a feed with a bad line."""
    folder = tmp_path_factory.mktemp("corpus")
    with (folder / "generated.jsonl").open("w", encoding="utf-8") as stream:
        write_corpus(12, seed=3, stream=stream)
    shutil.copy(EXAMPLES / "05_arrest_basra.txt", folder)
    bad = {"id": "no-text", "title": "A record without its text"}
    (folder / "broken.jsonl").write_text(json.dumps(bad) + "\n{not json\n", encoding="utf-8")
    return [str(folder)]


def exported(store: Store) -> str:
    stream = io.StringIO()
    export(store, "json", stream)
    return stream.getvalue()


@pytest.fixture(scope="module")
def single_process(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> str:
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('single')}/single.db")
    ingest(corpus, store, Settings())
    return exported(store)


def test_synchronous_scheduler_stores_what_one_process_stores(
    corpus: list[str], single_process: str, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path}/dask.db")
    failed = io.StringIO()
    run = ingest_with_dask(corpus, store, Settings(), client=None, partition_size=4, failed_out=failed)
    assert exported(store) == single_process
    assert run.partitions == 4  # 13 documents in partitions of 4
    reasons = [json.loads(line) for line in failed.getvalue().splitlines()]
    assert len(reasons) == 2 and all("broken.jsonl" in r["input"] for r in reasons)
    assert any("missing 'text'" in r["reason"] for r in reasons)
    assert any("malformed JSON" in r["reason"] for r in reasons)


def test_a_rerun_sends_nothing_already_stored(corpus: list[str], tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/resume.db")
    first = ingest_with_dask(corpus, store, Settings(), client=None, partition_size=4)
    again = ingest_with_dask(corpus, store, Settings(), client=None, partition_size=4)
    assert first.report.written == 13
    assert again.partitions == 0 and again.skipped == 13
    assert again.report.written == 0 and again.report.unchanged == 13


def test_two_local_worker_processes_store_what_one_process_stores(
    corpus: list[str], single_process: str, tmp_path: Path
) -> None:
    store = Store(f"sqlite:///{tmp_path}/cluster.db")
    with dask_client(workers=2) as client:
        assert client is not None
        assert len(client.scheduler_info()["workers"]) == 2
        # the worker processes run with the quiet timers the driver set (scale/cluster.py)
        timers = client.run(lambda: [dask.config.get(key) for key in QUIET_WORKERS])
        assert list(timers.values()) == [list(QUIET_WORKERS.values())] * 2
        run = ingest_with_dask(corpus, store, Settings(), client=client, partition_size=3)
    assert run.partitions == len(list(partitions(range(13), 3, workers=2)))  # the last ones taper
    assert exported(store) == single_process


def test_a_partition_is_stored_whole_or_not_at_all(corpus: list[str], tmp_path: Path) -> None:
    """The driver writes a partition's documents in one transaction: a store that fails
    during the second partition keeps the first whole and nothing of the second, and a
    re-run sends only what is not stored."""
    store = Store(f"sqlite:///{tmp_path}/atomic.db")
    writes = []
    insert = layout.insert_extractions

    def failing_second(*args: object) -> None:
        writes.append(args)
        if len(writes) == 2:
            raise StoreError("the disk is full")
        insert(*args)  # type: ignore[arg-type]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "insert_extractions", failing_second)
        with pytest.raises(StoreError, match="disk is full"):
            ingest_with_dask(corpus, store, Settings(), client=None, partition_size=4)
    generation = store.claims_generation()
    again = ingest_with_dask(corpus, store, Settings(), client=None, partition_size=4)
    assert generation == 1  # one transaction wrote the first partition
    assert again.skipped == 4 and again.report.written == 9
    assert again.partitions == 3  # 9 documents in partitions of 4


def test_partitions_keep_every_item_once_in_order_and_taper_at_the_end() -> None:
    assert [len(p) for p in partitions(range(13), 4)] == [4, 4, 4, 1]  # one worker: no taper
    for count, size, workers in [(300, 16, 2), (13, 3, 2), (5, 16, 4), (0, 8, 2), (64, 16, 2)]:
        cut = list(partitions(range(count), size, workers))
        assert [i for p in cut for i in p] == list(range(count))
        sizes = [len(p) for p in cut]
        assert all(1 <= n <= size for n in sizes)
        assert sizes == sorted(sizes, reverse=True)  # full runs, then each no bigger than the last
        assert not sizes or sizes[-1] == 1


def test_an_input_error_crosses_processes_whole() -> None:
    error = InputError("feed.jsonl:3", "missing 'text'", locator="feed.jsonl#a-1", feed="feed.jsonl")
    back = pickle.loads(pickle.dumps(error))
    assert (str(back), back.locator, back.feed) == (str(error), "feed.jsonl#a-1", "feed.jsonl")
