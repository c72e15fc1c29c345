from threadline.dedup.minhash import (
    find_duplicates,
    find_partial_overlaps,
    from_bytes,
    signature,
    story_signatures,
    to_bytes,
)
from threadline.errors import Failures
from threadline.records import Block, Story

BASE = (
    "Border guards in the northern province said on Tuesday that a convoy of fuel trucks had been "
    "stopped at the crossing after inspectors found forged permits hidden under the cargo. The drivers "
    "were questioned for several hours and later released, according to a statement from the ministry, "
    "which promised a wider review of the permits issued at the crossing over the past year."
)
OTHER = (
    "A farmers' union in the south said the harvest of dates had fallen by a third because of the "
    "drought, and asked the provincial council for help with irrigation pumps and seed for next year."
)


def story(source: str, text: str, published: str | None = None) -> Story:
    """A story whose paragraphs (split on blank lines) are body blocks."""
    blocks, start = [], 0
    for paragraph in text.split("\n\n"):
        blocks.append(Block(start, start + len(paragraph), "body"))
        start += len(paragraph) + 2
    return Story(
        document_id=f"d-{source}",
        source=source,
        index=0,
        text=text,
        blocks=tuple(blocks),
        published=published,
    )


def signed(*stories: Story) -> dict:
    return {key: blob for s in stories for key, blob in story_signatures(s).items()}


def dups(*stories: Story) -> dict[str, str]:
    return {d.story_id: d.duplicate_of for d in find_duplicates(stories, signed(*stories))}


def test_signature_survives_storage():
    minhash = signature(BASE)
    assert from_bytes(to_bytes(minhash)).jaccard(minhash) == 1.0


def test_republished_copy_points_at_the_earliest_copy():
    original = story("b.txt", BASE, "2024-03-01")
    copy = story("a.txt", BASE + " Subscribe for alerts.", "2024-03-02")
    assert dups(original, copy) == {copy.id: original.id}


def test_three_copies_form_one_group_rooted_at_the_first():
    first, second, third = story("x1", BASE, "2024-01-01"), story("x2", BASE), story("x3", BASE, "2024-01-05")
    assert dups(third, second, first) == {second.id: first.id, third.id: first.id}


def test_unrelated_stories_are_not_copies():
    assert dups(story("a", BASE), story("b", OTHER)) == {}


def test_a_story_quoting_an_earlier_paragraph_is_a_partial_overlap():
    earlier = story("wire.txt", BASE + "\n\n" + OTHER, "2024-03-01")
    quoting = story(
        "analysis.txt",
        "An analyst said the case showed how weak the permit system had become.\n\n"
        + BASE
        + "\n\nOfficials in the capital have promised reforms before, and little has changed since then.",
        "2024-03-03",
    )
    paragraph_hashes = {k: v for k, v in signed(earlier, quoting).items() if k[1] > 0}
    assert dups(earlier, quoting) == {}
    [overlap] = find_partial_overlaps([earlier, quoting], paragraph_hashes)
    assert (overlap.story_id, overlap.duplicate_of, overlap.kind) == (quoting.id, earlier.id, "partial")
    assert 0 < overlap.similarity < 1


def test_a_story_with_a_broken_signature_is_recorded_and_the_rest_compared():
    original, copy = story("o", BASE, "2024-03-01"), story("c", BASE, "2024-03-02")
    broken = story("broken.txt", OTHER, "2024-02-01")
    signatures = {**signed(original, copy), (broken.id, 0): b"\x01\x02\x03", (broken.id, 1): b"\x01"}
    failures = Failures()
    found = find_duplicates([broken, original, copy], signatures, failures=failures)
    assert (
        {d.story_id: d.duplicate_of for d in find_duplicates([original, copy], signatures)}
        == {d.story_id: d.duplicate_of for d in found}
        == {copy.id: original.id}
    )
    paragraphs = {k: v for k, v in signatures.items() if k[1] > 0}
    assert find_partial_overlaps([broken, original, copy], paragraphs, (copy.id,), failures) == []
    assert [(f.step, f.subject) for f in failures.items] == [
        ("duplicates", f"comparing story {broken.id} (broken.txt)"),
        ("duplicates", f"comparing the paragraphs of story {broken.id} (broken.txt)"),
    ]
