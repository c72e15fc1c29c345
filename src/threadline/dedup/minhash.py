"""Near-duplicate and syndicated stories with MinHash LSH (datasketch).

A story's signature is a MinHash of its word shingles; the LSH index finds
candidates above a Jaccard threshold, and each story found to repeat an earlier
one points at the earliest copy (by publication date, then by source name).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from threadline.records import Duplicate, Story

NUM_PERM = 128
SHINGLE = 5  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard above which two stories are copies
SCHEME = "affine32"  # datasketch 2 permutation scheme; stored signatures are uint32
WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=np.frombuffer(blob, dtype=np.uint32))


def first_seen_order(story: Story) -> tuple:
    """Earliest copy first: dated before undated, then by source and place in it."""
    return (story.published is None, story.published or "", story.source, story.index)


def find_duplicates(
    stories: Sequence[Story], minhashes: Mapping[str, bytes], threshold: float = THRESHOLD
) -> list[Duplicate]:
    """Each story that repeats an earlier one, linked to the earliest copy of its group."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    found: list[Duplicate] = []
    for story in sorted(stories, key=first_seen_order):
        blob = minhashes.get(story.id)
        if blob is None:
            continue
        minhash = from_bytes(blob)
        best = _best_match(lsh, minhash, minhashes, threshold)
        if best is not None:
            found.append(Duplicate(story.id, best[0], round(best[1], 3)))
        else:
            lsh.insert(story.id, minhash)
    return sorted(found, key=lambda d: d.story_id)


def _best_match(
    lsh: MinHashLSH, minhash: MinHash, minhashes: Mapping[str, bytes], threshold: float
) -> tuple[str, float] | None:
    scored = [(from_bytes(minhashes[c]).jaccard(minhash), c) for c in lsh.query(minhash)]
    scored = [(score, c) for score, c in scored if score >= threshold]
    if not scored:
        return None
    score, candidate = max(scored, key=lambda sc: (sc[0], sc[1]))
    return candidate, score
