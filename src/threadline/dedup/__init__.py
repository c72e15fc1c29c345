"""dedup stage: which stories are copies of which, and which share paragraphs."""

from threadline.dedup.minhash import find_duplicates, find_partial_overlaps, story_signatures

__all__ = ["find_duplicates", "find_partial_overlaps", "story_signatures"]
