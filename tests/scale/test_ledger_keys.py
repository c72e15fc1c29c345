"""The decisions ledger written as what differs (store/ledger.py): each stored decision
keeps its position key while others are added, removed or moved around it, the ledger
reads back in the order given, and a write touches only the decisions new, changed or
moved, on SQLite and PostgreSQL; a store from before the keys is rewritten once."""

from __future__ import annotations

import random
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from threadline.records import Decision
from threadline.store import Store
from threadline.store import schema as t
from threadline.store.layout import Derived
from threadline.store.ledger import GAP, _in_order, _longest_increasing, digest, place


def keys_after(stored: list[tuple[int, int]], new: list[int]) -> tuple[list[int], set[int], set[int]]:
    """Place `new` digests against `stored` (key, digest) rows and check what a write
    must hold: keys strictly in the new order, every stored key either kept (same key,
    same digest, not written) or gone. The keys, the rows written, the keys kept."""
    seqs = np.array([k for k, _ in stored], dtype=np.int64)
    plan = place(seqs, np.array([d for _, d in stored], dtype=np.int64), np.array(new, dtype=np.int64))
    keys = plan.seq.tolist()
    assert all(a < b for a, b in pairwise(keys))
    written = set(plan.written.tolist())
    of_key = dict(stored)
    kept = {keys[i] for i in range(len(new)) if i not in written}
    assert all(of_key[keys[i]] == new[i] for i in range(len(new)) if i not in written)
    assert kept.isdisjoint(plan.gone.tolist()) and kept | set(plan.gone.tolist()) == set(of_key)
    return keys, written, kept


def test_decisions_added_around_stored_ones_leave_their_keys() -> None:
    stored = [(GAP * (i + 1), 100 + i) for i in range(6)]
    new = [7, 100, 101, 8, 9, 102, 103, 104, 105, 10]  # before, between, after
    keys, written, kept = keys_after(stored, new)
    assert written == {0, 3, 4, 9} and len(kept) == 6
    assert keys[3] > GAP * 2 and keys[4] < GAP * 3


def test_removed_changed_and_moved_decisions_are_the_only_ones_written() -> None:
    stored = [(GAP * (i + 1), 100 + i) for i in range(8)]
    new = [100, 101, 106, 103, 199, 105, 102, 107]  # 104 gone, 199 new, 106 and 102 swapped
    _, written, kept = keys_after(stored, new)
    assert len(kept) == 5 and len(written) == 3  # one of the swapped pair stays put


def test_identical_decisions_match_one_for_one_in_order() -> None:
    stored = [(10, 5), (20, 5), (30, 6), (40, 5)]
    _, written, kept = keys_after(stored, [5, 6, 5, 5, 5])  # the 6 now among the first two
    assert len(kept) == 3 and len(written) == 2 and 4 in written


def test_a_crowded_gap_widens_and_moves_only_its_neighbours() -> None:
    """Decisions added at one place, refresh after refresh, use its room up; then the
    run takes in the rows around it, and only those move."""
    stored = [(GAP * (i + 1), i) for i in range(1000)]
    ledger = [d for _, d in stored]
    fresh = 10_000
    for _ in range(60):
        ledger.insert(500, fresh)
        fresh += 1
        keys, written, _ = keys_after(stored, ledger)
        assert len(written) < 200
        stored = list(zip(keys, ledger, strict=True))


@pytest.mark.parametrize("seed", range(20))
def test_random_edits_keep_every_ledger_in_order(seed: int) -> None:
    rng = random.Random(seed)
    ledger = [rng.randrange(30) for _ in range(rng.randrange(0, 60))]
    stored = [(GAP * (i + 1), d) for i, d in enumerate(ledger)]
    for _ in range(8):
        for _ in range(rng.randrange(1, 10)):
            at = rng.randrange(len(ledger) + 1)
            edit = rng.random()
            if edit < 0.4:
                ledger.insert(at, rng.randrange(40))
            elif ledger and edit < 0.7:
                del ledger[min(at, len(ledger) - 1)]
            elif ledger:
                ledger.insert(at, ledger.pop(rng.randrange(len(ledger))))
        keys, _, _ = keys_after(stored, ledger)
        stored = list(zip(keys, ledger, strict=True))


@pytest.mark.parametrize("seed", range(30))
def test_the_rows_kept_in_order_are_as_many_as_can_be(seed: int) -> None:
    """Searched only between the rows no move passed: as long a run as over the whole."""
    rng = random.Random(seed)
    positions = list(range(rng.randrange(1, 300)))
    for _ in range(rng.randrange(1, 6)):
        positions.insert(rng.randrange(len(positions)), positions.pop(rng.randrange(len(positions))))
    matched = np.array([p if rng.random() > 0.1 else -1 for p in positions], dtype=np.int64)
    kept = _in_order(matched.copy())
    assert (matched[kept] >= 0).all() and all(a < b for a, b in pairwise(matched[kept].tolist()))
    assert kept.sum() == len(_longest_increasing(matched[matched >= 0].tolist()))


def decision(n: int, entity: str = "e1") -> Decision:
    return Decision(
        "scored pairs", "refused", f"s{n}/a", f"A{n}", f"s{n}/b", f"B{n}", "below the bar", 0.5, entity
    )


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'ledger.db'}"


def keyed(store: Store) -> dict[int, tuple[str, str | None]]:
    with store.snapshot() as conn:
        rows = conn.execute(select(t.decisions.c.seq, t.decisions.c.left_node, t.decisions.c.left_entity))
        return {r[0]: (r[1], r[2]) for r in rows}


def test_a_write_touches_only_the_decisions_that_differ(url: str) -> None:
    store = Store(url)
    first = Derived((), (), {}, {}, {}, decisions=tuple(decision(n) for n in range(100)))
    assert store.rewrite_derived(first).rows["decisions"] == 100
    before = keyed(store)
    ledger = list(first.decisions)
    ledger[10:10] = [decision(500), decision(501)]  # two new ones
    del ledger[50]  # one gone
    ledger[70] = replace(ledger[70], left_entity="e2")  # one now about another entity
    done = store.rewrite_derived(replace(first, decisions=tuple(ledger)))
    assert done.rows["decisions"] == 2 + 1 + 2
    assert store.decisions() == ledger
    after = keyed(store)
    assert len(set(before.items()) & set(after.items())) == 98  # all but the one gone and the one changed
    assert store.rewrite_derived(replace(first, decisions=tuple(ledger))).rows["decisions"] == 0
    assert store.decisions_about("e2") == [ledger[70]]


def test_a_store_from_before_the_keys_is_rewritten_once(url: str) -> None:
    """Rows without a digest (revision 0012 added it) match nothing: the first write
    replaces them all, the next only what differs."""
    store = Store(url)
    ledger = tuple(decision(n) for n in range(20))
    with store.engine.begin() as conn:
        conn.execute(t.decisions.insert(), [{**old_row(i, d), "digest": None} for i, d in enumerate(ledger)])
    derived = Derived((), (), {}, {}, {}, decisions=ledger)
    assert store.rewrite_derived(derived).rows["decisions"] == 40
    assert store.decisions() == list(ledger)
    assert store.rewrite_derived(derived).rows["decisions"] == 0


def old_row(seq: int, d: Decision) -> dict[str, object]:
    fields = ("step", "verdict", "left_name", "right_name", "score", "reason", "left_entity", "right_entity")
    return {"seq": seq, "left_node": d.left, "right_node": d.right, **{f: getattr(d, f) for f in fields}}


def test_the_digest_covers_every_stored_field() -> None:
    d = decision(1)
    changed = [
        replace(d, **{field: value})
        for field, value in [
            ("step", "equal names"),
            ("verdict", "merged"),
            ("left", "x"),
            ("left_name", "x"),
            ("right", "x"),
            ("right_name", "x"),
            ("reason", "x"),
            ("score", 0.51),
            ("left_entity", None),
            ("right_entity", "e1"),
        ]
    ]
    assert len({digest(x) for x in (d, *changed)}) == 11
    assert digest(replace(d, left_name="".join(["A", "1"]))) == digest(d)  # by value, not by object
