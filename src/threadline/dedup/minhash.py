"""Near-duplicate and syndicated stories with MinHash LSH (datasketch).

Two levels. A story's signature is a MinHash of its word shingles: above the
story threshold it is a copy, and points at the earliest copy (by publication
date, then by source name). Each paragraph has a signature too, so a story that
quotes paragraphs of an earlier one is recorded as a partial overlap even when
the stories as a whole differ.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache, partial
from typing import TypeVar

import numpy as np
from datasketch import MinHash, MinHashLSH

from threadline.dedup.buckets import Buckets, check, rows_by_story
from threadline.errors import Failures
from threadline.records import Duplicate, Story

STEP = "duplicates"
NUM_PERM = 128
SHINGLE = 5  # words per shingle
THRESHOLD = 0.8  # estimated Jaccard above which two stories are copies
PARAGRAPH_THRESHOLD = 0.8  # the same for two paragraphs
MIN_PARAGRAPH_WORDS = 12  # shorter paragraphs (captions, sign-offs) say too little to match
SCHEME = "affine32"  # datasketch 2 permutation scheme; stored signatures are uint32
WORD = re.compile(r"\w+", re.UNICODE)

T = TypeVar("T")
Signatures = Mapping[tuple[str, int], bytes]  # (story id, part) -> MinHash bytes; part 0 = whole story


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Made once: building them is most of the cost of a new MinHash."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations())
    minhash.update_batch([s.encode("utf-8") for s in shingles(text)])
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashvalues=values, permutations=_permutations())


def paragraphs(story: Story) -> list[str]:
    """Body paragraphs long enough to identify a shared passage."""
    texts = [story.text[b.start : b.end] for b in story.blocks if b.zone == "body"]
    return [t for t in texts if len(WORD.findall(t)) >= MIN_PARAGRAPH_WORDS]


def story_signatures(story: Story) -> dict[tuple[str, int], bytes]:
    """What the store keeps for one story: part 0 the whole text, 1.. each paragraph."""
    signed = {(story.id, 0): to_bytes(signature(story.text))}
    for n, text in enumerate(paragraphs(story), start=1):
        signed[(story.id, n)] = to_bytes(signature(text))
    return signed


def first_seen_order(story: Story) -> tuple:
    """Earliest copy first: dated before undated, then by source and place in it."""
    return (story.published is None, story.published or "", story.source, story.index)


def find_duplicates(
    stories: Sequence[Story],
    minhashes: Signatures,
    threshold: float = THRESHOLD,
    failures: Failures | None = None,
) -> list[Duplicate]:
    """Each story that repeats an earlier one, linked to the earliest copy of its group.
    With `failures`, a story that cannot be compared is recorded and counts as no copy."""
    lsh = lsh_index(threshold)
    originals: dict[str, MinHash] = {}
    found: list[Duplicate] = []
    for story in sorted(stories, key=first_seen_order):
        blob = minhashes.get((story.id, 0))
        if blob is not None:
            call = partial(_copy_of_earlier, story.id, blob, lsh, originals, threshold)
            copy = _attempt(failures, f"comparing story {story.id} ({story.source})", call)
            found += [copy] if copy else []
    return sorted(found, key=lambda d: d.story_id)


def _copy_of_earlier(
    story_id: str, blob: bytes, lsh: MinHashLSH, originals: dict[str, MinHash], threshold: float
) -> Duplicate | None:
    """The earlier story this one copies, or None (and it is indexed as an original)."""
    minhash = from_bytes(blob)
    scored = [(originals[c].jaccard(minhash), c) for c in lsh.query(minhash)]
    scored = [(score, c) for score, c in scored if score >= threshold]
    if scored:
        score, original = max(scored)
        return Duplicate(story_id, original, round(score, 3))
    lsh.insert(story_id, minhash)
    originals[story_id] = minhash
    return None


def find_partial_overlaps(
    stories: Sequence[Story],
    paragraph_hashes: Signatures,
    copies: Iterable[str] = (),
    failures: Failures | None = None,
) -> list[Duplicate]:
    """Stories sharing paragraphs with an earlier, different story (not a whole copy):
    an earlier story with a paragraph in an LSH bucket of one of its paragraphs. The
    buckets are held compactly (dedup/buckets.py): every stored paragraph is indexed.

    similarity = the share of this story's paragraphs found in the earlier one. With
    `failures`, a story whose paragraphs cannot be compared is recorded and skipped.
    """
    skip = set(copies)
    blobs, rows = rows_by_story(paragraph_hashes)
    index = Buckets(blobs, band_ranges(PARAGRAPH_THRESHOLD))
    found: list[Duplicate] = []
    for story in sorted(stories, key=first_seen_order):
        mine = [(row, blobs[row]) for row in rows.get(story.id, ())]
        call = partial(_paragraphs_shared, story.id, mine, index, story.id not in skip)
        found += (
            _attempt(failures, f"comparing the paragraphs of story {story.id} ({story.source})", call) or []
        )
    return sorted(found, key=lambda d: (d.story_id, d.duplicate_of))


def _paragraphs_shared(
    story_id: str, parts: list[tuple[int, bytes]], index: Buckets, compare: bool
) -> list[Duplicate]:
    """The earlier stories sharing this story's paragraphs; then its paragraphs are
    indexed. A paragraph that cannot be read as a signature stops the story before
    anything is counted or indexed, as reading it into a MinHash did."""
    for _, blob in parts:
        check(blob)
    found = _shared_with_earlier(story_id, parts, index) if compare else []
    for row, blob in parts:
        index.insert(row, blob, story_id)
    return found


def _shared_with_earlier(story_id: str, parts: list[tuple[int, bytes]], index: Buckets) -> list[Duplicate]:
    shared: dict[str, int] = defaultdict(int)
    for row, blob in parts:
        for earlier in index.shared(row, blob):
            shared[earlier] += 1
    return [
        Duplicate(story_id, earlier, round(count / len(parts), 3), kind="partial")
        for earlier, count in sorted(shared.items())
    ]


def _attempt(failures: Failures | None, subject: str, call: Callable[[], T]) -> T | None:
    """call(); with `failures`, what it raises is recorded as a failure of this step."""
    return call() if failures is None else failures.run(STEP, subject, call)


def lsh_index(threshold: float) -> MinHashLSH:
    """An empty LSH index for this threshold, with the bands datasketch finds optimal
    for it (found once: datasketch integrates for them each time it is asked, a tenth
    of a second, and the incremental duplicates step makes an index per refresh)."""
    return MinHashLSH(threshold=threshold, num_perm=NUM_PERM, params=_bands(threshold))


@lru_cache(maxsize=2)
def _bands(threshold: float) -> tuple[int, int]:
    optimal = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return optimal.b, optimal.r


@lru_cache(maxsize=2)
def band_ranges(threshold: float) -> tuple[tuple[int, int], ...]:
    """The slices of a signature the LSH index buckets on at this threshold: two
    signatures share a bucket exactly when the index offers one for the other."""
    return tuple((int(a), int(b)) for a, b in lsh_index(threshold).hashranges)
