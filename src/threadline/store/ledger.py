"""The decisions ledger written as what differs.

The ledger is one global order (resolve/decisions.py), and a new story's decisions fall
all along it. Numbered 0, 1, 2, ... every decision after the first new one would move,
so a refresh after an ingest of 100 stories rewrote the whole ledger (1.65 M rows at
100,000 stories). Instead each row's `seq` is a position key with room between keys
(`GAP`): a stored decision keeps its key while the decisions around it come and go,
and a new one takes a key between its neighbours'. Read in `seq` order, the ledger is
the order resolution took its decisions, as before; only the numbers differ.

The write matches the new ledger with the stored one by a digest of each decision's
content (`digest`, stored beside it) and its ordinal among identical ones, keeps the
longest run of matched rows that is still in order, and deletes and inserts only the
rest. The stored ledger is read as (key, digest) pairs only. A row stored without a
digest (a store from before revision 0012) matches nothing: the first write after the
upgrade rewrites the ledger whole, once.
"""

from __future__ import annotations

import hashlib
import marshal
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, select

from threadline.records import Decision
from threadline.store import schema as t

GAP = 1 << 20  # room left between the keys of decisions written next to each other
_READ_CHUNK = 100_000


def digest(d: Decision) -> int:
    """A signed 64-bit digest of everything stored about the decision, the same in every
    process (marshal's version 2 writes no back-references, so equal values give equal
    bytes however the strings are shared)."""
    content = (d.step, d.verdict, d.left, d.left_name, d.right, d.right_name, d.score, d.reason)
    packed = marshal.dumps((*content, d.left_entity, d.right_entity), 2)
    return int.from_bytes(hashlib.blake2b(packed, digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True, slots=True)
class Placement:
    """Where each new decision goes: its key (`seq`, in ledger order), which of them
    are written (new, changed or moved: indices into the ledger), and the stored keys
    whose rows go."""

    seq: np.ndarray
    written: np.ndarray
    gone: np.ndarray


def place(stored_seq: np.ndarray, stored_digest: np.ndarray, new_digest: np.ndarray) -> Placement:
    """Keys for the ledger whose digests are `new_digest` (in order), given the stored
    rows' keys (ascending) and digests (rows stored without a digest are left out by
    the caller: they match nothing and go). Kept rows keep their keys."""
    matched = _matches(stored_digest, new_digest)
    kept = _in_order(matched)
    seq = np.zeros(len(new_digest), dtype=np.int64)
    seq[kept] = stored_seq[matched[kept]]
    _fill_gaps(seq, kept)
    stays = kept.copy()  # rows kept that the gap filling did not move
    stays[kept] = seq[kept] == stored_seq[matched[kept]]
    used = np.zeros(len(stored_seq), dtype=bool)
    used[matched[stays]] = True
    return Placement(seq, np.flatnonzero(~stays), stored_seq[~used])


def _matches(stored: np.ndarray, new: np.ndarray) -> np.ndarray:
    """For each new digest, the index of the stored row it matches, else -1: the k-th
    occurrence of a digest in the new ledger matches its k-th in the stored one."""
    order = np.argsort(stored, kind="stable")
    by_digest = stored[order]
    new_order = np.argsort(new, kind="stable")
    new_sorted = new[new_order]
    ordinal = np.empty(len(new), dtype=np.int64)
    ordinal[new_order] = np.arange(len(new)) - np.searchsorted(new_sorted, new_sorted, side="left")
    at = np.searchsorted(by_digest, new, side="left") + ordinal
    found = at < len(by_digest)
    found[found] = by_digest[at[found]] == new[found]
    matched = np.full(len(new), -1, dtype=np.int64)
    matched[found] = order[at[found]]
    return matched


def _in_order(matched: np.ndarray) -> np.ndarray:
    """Which matched rows keep their keys: all of them where their stored order is
    still the new order (the usual case), else the longest run in order."""
    kept = matched >= 0
    positions = matched[kept]
    if np.all(positions[1:] > positions[:-1]):
        return kept
    keep = _settled(positions)
    for start, end in _runs(~keep):
        longest = _longest_increasing(positions[start:end].tolist())
        keep[start + np.array(longest, dtype=np.int64)] = True
    kept[np.flatnonzero(kept)[~keep]] = False
    return kept


def _settled(positions: np.ndarray) -> np.ndarray:
    """The rows above every row before them and below every row after: each is in a
    longest run in order whatever the others do, and no run in order joins rows on
    both sides of it out of order, so the search for one needs only the stretches
    between them (a decision moved moves only those it passed)."""
    before = np.maximum.accumulate(np.concatenate([[-1], positions[:-1]]))
    after = np.minimum.accumulate(np.concatenate([positions[1:], [np.iinfo(np.int64).max]])[::-1])[::-1]
    return (positions > before) & (positions < after)


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each stretch of True in `mask`."""
    edges = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), np.flatnonzero(edges == -1).tolist(), strict=True))


def _longest_increasing(values: Sequence[int]) -> list[int]:
    """Indices of a longest strictly increasing subsequence of `values` (patience sort)."""
    tails: list[int] = []  # the smallest last value of an increasing run of each length
    tail_at: list[int] = []
    before = [-1] * len(values)
    for i, v in enumerate(values):
        k = bisect_left(tails, v)
        before[i] = tail_at[k - 1] if k else -1
        if k == len(tails):
            tails.append(v)
            tail_at.append(i)
        else:
            tails[k], tail_at[k] = v, i
    out, i = [], tail_at[-1] if tail_at else -1
    while i >= 0:
        out.append(i)
        i = before[i]
    return out[::-1]


def _fill_gaps(seq: np.ndarray, kept: np.ndarray) -> None:
    """Keys for the rows not kept, each run between two kept neighbours spread evenly
    between their keys. Where a run has no room, it takes in rows around it (which then
    move too) until it has: a run widens by twice as many rows each time."""
    n = len(seq)
    free = np.flatnonzero(~kept)
    done = -1  # rows up to here hold their final keys
    for start in free.tolist():
        if start <= done:
            continue
        low, high = start - 1, start
        while high < n and not kept[high]:
            high += 1
        width = 1
        while not _room(seq, low, high):
            low, high = max(-1, low - width), min(n, high + width)
            while high < n and not kept[high]:
                high += 1
            width *= 2
        _spread(seq, low, high)
        done = high


def _room(seq: np.ndarray, low: int, high: int) -> bool:
    if low < 0 or high >= len(seq):
        return True
    return int(seq[high]) - int(seq[low]) > high - low - 1


def _spread(seq: np.ndarray, low: int, high: int) -> None:
    """Keys for the rows strictly between `low` and `high` (-1, len: the ledger's ends)."""
    count = high - low - 1
    if low < 0 and high >= len(seq):
        keys = [GAP * (k + 1) for k in range(count)]
    elif low < 0:
        keys = [int(seq[high]) - GAP * (count - k) for k in range(count)]
    elif high >= len(seq):
        keys = [int(seq[low]) + GAP * (k + 1) for k in range(count)]
    else:
        first, span = int(seq[low]), int(seq[high]) - int(seq[low])
        keys = [first + span * (k + 1) // (count + 1) for k in range(count)]
    seq[low + 1 : high] = keys


def stored_keys(conn: Connection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The stored ledger's keys (ascending), digests, and which rows have one."""
    seqs, digests = [], []
    cursor = conn.connection.cursor()  # the driver's, in this transaction: rows as plain tuples
    try:
        cursor.execute("SELECT seq, digest FROM decisions ORDER BY seq")
        while rows := cursor.fetchmany(_READ_CHUNK):
            seqs.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
            digests.append(np.array([r[1] for r in rows], dtype=object))
    finally:
        cursor.close()
    if not seqs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool)
    held = np.concatenate(digests)
    has = held != None  # noqa: E711 (elementwise)
    values = np.zeros(len(held), dtype=np.int64)
    values[has] = held[has].astype(np.int64)
    return np.concatenate(seqs), values, has


def ledger_rows(conn: Connection) -> list[dict[str, Any]]:
    """The stored ledger in its order, each row with its place in it (0, 1, ...) for a
    key: what two stores holding the same ledger agree on, whatever their history
    (their keys differ with the order decisions were added in)."""
    table = t.decisions
    rows = conn.execute(select(table).order_by(table.c.seq)).mappings()
    return [{**row, "seq": place} for place, row in enumerate(rows)]
