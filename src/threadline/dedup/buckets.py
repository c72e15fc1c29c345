"""Every stored paragraph's LSH buckets, held compactly, for the whole-store count of
shared paragraphs (dedup.find_partial_overlaps).

datasketch's MinHashLSH keeps, per paragraph, a key string, nine band byte strings and
a set per bucket: about 3.9 KB each, 3 GB for the 800,000 paragraphs of a
100,000-story store, though nearly every bucket ever holds one paragraph and so can
never offer a candidate. Here a first pass hashes each band of every signature into
one 64-bit number (a numpy array, 72 bytes a paragraph) and marks the bands whose
number occurs more than once; only those bands' exact values are indexed, keyed by
their bytes, holding the stories with a paragraph there. A band whose number is
unique has unique values, so leaving it out loses no candidate; numbers that collide
only send exact values to the dictionary, where unequal ones stay apart. Two
signatures share a bucket here exactly when they share one in MinHashLSH with the same
bands (dedup.band_ranges), so the rows found are the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

BLOB_BYTES = 4 * 128  # a stored signature: NUM_PERM uint32 values
_WEIGHTS = np.random.default_rng(1).integers(1, 2**63, size=64, dtype=np.uint64) | np.uint64(1)
_CHUNK = 8192  # signatures hashed per numpy call


class SignatureError(ValueError):
    """A stored signature that cannot be read as one of NUM_PERM values."""


class Buckets:
    """The bucket index over paragraphs inserted story by story (`shared` then `insert`)."""

    def __init__(self, blobs: Sequence[bytes], bands: Sequence[tuple[int, int]]) -> None:
        self.bands = tuple(bands)
        self.shared_band = _shared_bands(blobs, self.bands)  # row -> which bands may be shared
        self.stories: dict[bytes, str | list[str]] = {}  # band tag + values -> stories there

    def _keys(self, row: int, blob: bytes) -> list[bytes]:
        marks = self.shared_band[row]
        return [
            bytes((band,)) + blob[start * 4 : end * 4]
            for band, (start, end) in enumerate(self.bands)
            if marks[band]
        ]

    def shared(self, row: int, blob: bytes) -> set[str]:
        """The stories inserted so far with a paragraph in a bucket of this one."""
        found: set[str] = set()
        for key in self._keys(row, blob):
            there = self.stories.get(key)
            if isinstance(there, str):
                found.add(there)
            elif there is not None:
                found.update(there)
        return found

    def insert(self, row: int, blob: bytes, story_id: str) -> None:
        for key in self._keys(row, blob):
            there = self.stories.get(key)
            if there is None:
                self.stories[key] = story_id
            elif isinstance(there, str):
                if there != story_id:
                    self.stories[key] = [there, story_id]
            elif there[-1] != story_id:  # a story's paragraphs are inserted together
                there.append(story_id)


def check(blob: bytes) -> None:
    """A signature that is not NUM_PERM uint32 values (dedup.from_bytes refuses it too)."""
    if len(blob) != BLOB_BYTES:
        raise SignatureError(f"a paragraph signature of {len(blob)} bytes, not {BLOB_BYTES}")


def _shared_bands(blobs: Sequence[bytes], bands: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Row -> per band, whether its values' number occurs in another row's same band."""
    numbers = np.zeros((len(blobs), len(bands)), dtype=np.uint64)
    readable = np.zeros(len(blobs), dtype=bool)
    for first in range(0, len(blobs), _CHUNK):
        chunk = blobs[first : first + _CHUNK]
        good = [i for i, blob in enumerate(chunk) if len(blob) == BLOB_BYTES]
        if not good:
            continue
        values = np.frombuffer(b"".join(chunk[i] for i in good), dtype=np.uint32).reshape(len(good), -1)
        rows = np.asarray(good, dtype=np.int64) + first
        readable[rows] = True
        for band, (start, end) in enumerate(bands):
            with np.errstate(over="ignore"):  # wrapping arithmetic is the hash
                numbers[rows, band] = (values[:, start:end].astype(np.uint64) * _WEIGHTS[: end - start]).sum(
                    axis=1, dtype=np.uint64
                )
    shared = np.zeros(numbers.shape, dtype=bool)
    for band in range(len(bands)):
        column = numbers[readable, band]
        _, where, counts = np.unique(column, return_inverse=True, return_counts=True)
        shared[readable, band] = counts[where] > 1
    return shared


def rows_by_story(signatures: Mapping[tuple[str, int], bytes]) -> tuple[list[bytes], dict[str, range]]:
    """The signatures in (story, part) order, and each story's rows among them."""
    ordered = sorted(signatures)
    blobs = [signatures[key] for key in ordered]
    rows: dict[str, range] = {}
    first = 0
    for i in range(1, len(ordered) + 1):
        if i == len(ordered) or ordered[i][0] != ordered[first][0]:
            rows[ordered[first][0]] = range(first, i)
            first = i
    return blobs, rows
