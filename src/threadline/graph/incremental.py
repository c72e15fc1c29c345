"""The duplicates step redone for what changed, equal to running it over every story.

Whether a story is a copy, and of which earlier story, is decided by the stories that
share an LSH bucket with it, and by theirs in turn: so the stories linked to a changed
one through shared whole-story buckets (its `closure`) are decided again together, in
the same order as a full run, and the others keep their rows. A story influences
another's rows only through a row naming it (a copy of it, or a paragraph shared with
it), so the stories whose rows name a changed or removed story are redone too. Shared
paragraphs depend only on a story's own copy status and on the earlier stories whose
paragraphs share a bucket with its own: they are recounted for the stories redone and
for the paragraph neighbours of the changed ones.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from threadline.dedup import find_duplicates, find_partial_overlaps
from threadline.dedup.minhash import PARAGRAPH_THRESHOLD, THRESHOLD, band_ranges
from threadline.errors import Failures
from threadline.records import Duplicate
from threadline.store import Store, changes


def duplicates_after_changes(
    store: Store, conn: Connection, changed: set[str], previous: Sequence[Duplicate], failures: Failures
) -> list[Duplicate]:
    """Every duplicate row, given those stored before and the stories changed since."""
    stored = changes.present(conn, changed)
    gone = changed - stored
    named = {d.story_id for d in previous if d.duplicate_of in changed} - gone
    component = changes.closure(conn, stored | named)
    copies = find_duplicates(
        store.stories(component), changes.signatures_of(conn, component, paragraphs=False), failures=failures
    )
    kept_copies = [d for d in previous if d.kind == "story" and d.story_id not in component | gone]
    copy_ids = {d.story_id for d in (*kept_copies, *copies)}
    recount = component | changes.neighbours(conn, stored, paragraphs=True)
    pool = changes.neighbours(conn, recount, paragraphs=True)
    overlaps = find_partial_overlaps(
        store.stories(pool), changes.signatures_of(conn, pool, paragraphs=True), copy_ids, failures
    )
    kept_overlaps = [d for d in previous if d.kind == "partial" and d.story_id not in recount | gone]
    return [
        *sorted((*kept_copies, *copies), key=lambda d: d.story_id),
        *sorted(
            (*kept_overlaps, *(d for d in overlaps if d.story_id in recount)),
            key=lambda d: (d.story_id, d.duplicate_of),
        ),
    ]


def stored_buckets_agree() -> bool:
    """Whether the buckets the store keeps are the duplicate index's own, for whole
    stories and paragraphs alike (else the step indexes every signature again)."""
    return band_ranges(THRESHOLD) == band_ranges(PARAGRAPH_THRESHOLD) == changes.BAND_RANGES
