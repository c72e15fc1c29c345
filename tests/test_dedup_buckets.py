"""The compact paragraph buckets (dedup/buckets.py) find what datasketch's MinHashLSH
finds: the same partial overlaps, on signatures made to share some bands and not others,
with broken signatures stopping a story where MinHashLSH would."""

import random
from collections import defaultdict

import numpy as np
from datasketch import MinHashLSH

from threadline.dedup.minhash import NUM_PERM, PARAGRAPH_THRESHOLD, find_partial_overlaps, from_bytes
from threadline.errors import Failures
from threadline.records import Duplicate, Story


def by_minhash_lsh(stories: list[Story], signatures: dict, copies: set[str], failures: Failures) -> list:
    """The count as it was made with datasketch's index (the reference)."""
    lsh = MinHashLSH(threshold=PARAGRAPH_THRESHOLD, num_perm=NUM_PERM)
    by_story: dict[str, list] = defaultdict(list)
    for (story_id, part), blob in sorted(signatures.items()):
        by_story[story_id].append((part, blob))
    found: list[Duplicate] = []

    def one(story: Story) -> list[Duplicate]:
        parts = [(part, from_bytes(blob)) for part, blob in by_story.get(story.id, [])]
        shared: dict[str, int] = defaultdict(int)
        if story.id not in copies:
            for _, minhash in parts:
                for earlier in {key.split("#")[0] for key in lsh.query(minhash)}:
                    shared[earlier] += 1
        for part, minhash in parts:
            lsh.insert(f"{story.id}#{part}", minhash)
        return [
            Duplicate(story.id, e, round(c / len(parts), 3), kind="partial")
            for e, c in sorted(shared.items())
        ]

    ordered = sorted(stories, key=lambda s: (s.published is None, s.published or "", s.source, s.index))
    for story in ordered:
        found += failures.run("duplicates", story.id, lambda story=story: one(story)) or []
    return sorted(found, key=lambda d: (d.story_id, d.duplicate_of))


def corpus(seed: int) -> tuple[list[Story], dict]:
    """Stories whose paragraph signatures copy whole bands of earlier ones at random
    (a band's 13 values copied, or all but one of them), some broken."""
    rng = random.Random(seed)
    stories, signatures, made = [], {}, []
    for n in range(40):
        day = f"2024-01-{rng.randint(1, 28):02d}" if rng.random() < 0.8 else None
        story = Story(
            document_id=f"d{n}", source=f"s{n % 7}", index=n, text=f"story {n}", blocks=(), published=day
        )
        stories.append(story)
        for part in range(1, rng.randint(0, 5) + 1):
            values = np.array([rng.randrange(2**32) for _ in range(NUM_PERM)], dtype=np.uint32)
            for band in range(9):
                if made and rng.random() < 0.2:
                    values[band * 13 : band * 13 + 13] = rng.choice(made)[band * 13 : band * 13 + 13]
                    if rng.random() < 0.3:
                        values[band * 13 + rng.randrange(13)] ^= 1  # all but one value: another bucket
            made.append(values.copy())
            signatures[(story.id, part)] = values.tobytes()
        if rng.random() < 0.08 and signatures:
            broken = rng.choice([b"\x01\x02\x03", b"\x00" * 8])
            signatures[(story.id, rng.randint(1, 6))] = broken
    return stories, signatures


def test_the_compact_buckets_find_what_minhash_lsh_finds():
    for seed in range(30):
        stories, signatures = corpus(seed)
        copies = {s.id for s in stories if random.Random(seed * 7 + s.index).random() < 0.2}
        ours, theirs = Failures(), Failures()
        found = find_partial_overlaps(stories, signatures, copies, ours)
        assert found == by_minhash_lsh(stories, signatures, copies, theirs), seed
        assert [f.subject.split()[-2] for f in ours.items] == [f.subject for f in theirs.items]


def test_shared_paragraphs_are_found_at_all():
    stories, signatures = corpus(3)
    assert any(d.kind == "partial" for d in find_partial_overlaps(stories, signatures, (), Failures()))


def test_a_store_whose_only_signature_is_broken_records_that_story():
    story = Story(document_id="d", source="only.txt", index=0, text="x", blocks=(), published=None)
    failures = Failures()
    assert find_partial_overlaps([story], {(story.id, 1): b"\x01"}, (), failures) == []
    assert [f.subject for f in failures.items] == [f"comparing the paragraphs of story {story.id} (only.txt)"]
