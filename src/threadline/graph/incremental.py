"""The duplicates step redone for what changed, equal to running it over every story.

Whether a story is a copy, and of which earlier story, is decided by the stories that
share an LSH bucket with it, and by theirs in turn: so the stories linked to a changed
one through shared whole-story buckets (its `closure`) are decided again together, in
the same order as a full run, and the others keep their rows. A story influences
another's rows only through a row naming it (a copy of it, or a paragraph shared with
it), so the stories whose rows name a changed or removed story are decided again too.

Shared paragraphs depend only on a story's own copy status and on the earlier stories
with a paragraph in one of its paragraphs' buckets (the index holds every earlier
story's paragraphs, copies' too): they are counted again, from the stored buckets, for
the stories decided again and for the later stories sharing a bucket with a changed one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from threadline.dedup import find_duplicates
from threadline.dedup.minhash import PARAGRAPH_THRESHOLD, THRESHOLD, band_ranges
from threadline.errors import Failures
from threadline.records import Duplicate
from threadline.store import Store, changes

# Bucket lookups for the changed stories' paragraphs past which they are all counted
# in memory instead (find_partial_overlaps over every story): the same rows, cheaper
# where paragraphs are boilerplate shared by much of the store. Counting in memory
# costs about a hundred times more per stored paragraph (its signature read, indexed
# and asked: ~0.35 ms) than a lookup costs per bucket row (~3 µs; measured on a 3,100-
# story store), so the bar grows with the store: LOOKUPS, or LOOKUPS_PER_PARAGRAPH
# per stored paragraph signature where that is more.
LOOKUPS = 50_000
LOOKUPS_PER_PARAGRAPH = 50
Overlaps = Callable[[set[str]], list[Duplicate]]  # every story's shared paragraphs, given the copies


@dataclass(frozen=True)
class Redone:
    """Every duplicate row, and the stories whose rows were decided again (None: every
    story's); the other stories' rows are those stored before."""

    rows: list[Duplicate]
    stories: frozenset[str] | None


def duplicates_after_changes(
    store: Store,
    conn: Connection,
    changed: set[str],
    previous: Sequence[Duplicate],
    failures: Failures,
    all_overlaps: Overlaps,
) -> Redone:
    """Every duplicate row, given those stored before and the stories changed since;
    `all_overlaps` counts shared paragraphs over the whole store where looking up
    those of the changed stories would cost more."""
    stored = changes.present(conn, changed)
    gone = changed - stored
    named = {d.story_id for d in previous if d.duplicate_of in changed} - gone
    component = changes.closure(conn, stored | named)
    copies = find_duplicates(
        store.stories(component), changes.signatures_of(conn, component, paragraphs=False), failures=failures
    )
    kept_copies = [d for d in previous if d.kind == "story" and d.story_id not in component | gone]
    copy_ids = {d.story_id for d in (*kept_copies, *copies)}
    found = sorted((*kept_copies, *copies), key=lambda d: d.story_id)
    recount = component | stored
    limit = lookup_limit(conn)
    if not changes.shares_widely(conn, recount, limit):
        recount |= _later_neighbours(conn, stored)
    if changes.shares_widely(conn, recount, limit):
        return Redone([*found, *all_overlaps(copy_ids)], None)
    overlaps = shared_with_earlier(conn, recount - copy_ids)
    kept_overlaps = [d for d in previous if d.kind == "partial" and d.story_id not in recount | gone]
    rows = [*found, *sorted((*kept_overlaps, *overlaps), key=lambda d: (d.story_id, d.duplicate_of))]
    return Redone(rows, frozenset(recount | gone))


def _later_neighbours(conn: Connection, stories: set[str]) -> set[str]:
    """Stories after one of these in the index's order with a paragraph in a bucket of
    one of its paragraphs: the ones whose shared paragraphs it may change."""
    shared = changes.shared_paragraphs(conn, stories)
    others = {o for parts in shared.values() for found in parts.values() for o in found}
    order = changes.first_seen_keys(conn, others | stories)
    return {
        o
        for story, parts in shared.items()
        for found in parts.values()
        for o in found
        if order[o] > order[story]
    }


def shared_with_earlier(conn: Connection, stories: set[str]) -> list[Duplicate]:
    """What `find_partial_overlaps` finds for these stories (none of them a copy): each
    earlier story sharing a bucket with some of its paragraphs, with the share of its
    paragraphs that do."""
    shared = changes.shared_paragraphs(conn, stories)
    counts = changes.paragraph_counts(conn, stories)
    others = {o for parts in shared.values() for found in parts.values() for o in found}
    order = changes.first_seen_keys(conn, others | stories)
    found = []
    for story, parts in shared.items():
        earlier: Counter[str] = Counter(
            o for in_bucket in parts.values() for o in in_bucket if order[o] < order[story]
        )
        found += [
            Duplicate(story, other, round(count / counts[story], 3), kind="partial")
            for other, count in earlier.items()
        ]
    return found


def stored_buckets_agree() -> bool:
    """Whether the buckets the store keeps are the duplicate index's own, for whole
    stories and paragraphs alike (else the step indexes every signature again)."""
    return band_ranges(THRESHOLD) == band_ranges(PARAGRAPH_THRESHOLD) == changes.BAND_RANGES


def lookup_limit(conn: Connection) -> int:
    """How many bucket rows looking up some stories' paragraphs may cost before counting
    every stored paragraph in memory is the cheaper way to the same rows."""
    return max(LOOKUPS, LOOKUPS_PER_PARAGRAPH * changes.paragraph_total(conn))
