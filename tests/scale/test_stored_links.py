"""The stored mention links held as what differs from resolution's (store/baseline.py
`StoredLinks`): read like the whole map of stored links, and the write's comparison
gives what the whole map gives; a store missing a link outside the changed stories is
held whole instead."""

from __future__ import annotations

import random

from threadline.store.baseline import StoredLinks, links_against, moved_links


def stored_and_now(seed: int) -> tuple[dict[str, str], dict[str, str], set[str]]:
    """Stored links, resolution's new ones (some moved, some gone, new stories' added),
    and the new stories' mentions."""
    draw = random.Random(seed)
    stored = {f"m{i}": f"e{draw.randrange(40)}" for i in range(300)}
    now = {m: (f"e{draw.randrange(40)}" if draw.random() < 0.1 else e) for m, e in stored.items()}
    for gone in draw.sample(sorted(now), 15):
        del now[gone]  # a removed story's mentions
    new = {f"n{i}" for i in range(20)}
    now.update({m: f"e{draw.randrange(45)}" for m in sorted(new)})
    return stored, now, new | {"m5"}  # a candidate that is stored too


def chunked(stored: dict[str, str]) -> list[list[tuple[str, str]]]:
    """The stored links as the store streams them: in chunks (here of 7)."""
    pairs = list(stored.items())
    return [pairs[i : i + 7] for i in range(0, len(pairs), 7)]


def unlinked(stored: dict[str, str], new: set[str]) -> set[str]:
    """The new stories' mentions with no stored link (as the store finds them)."""
    return new - stored.keys()


def test_the_held_links_read_as_the_stored_map() -> None:
    for seed in range(20):
        stored, now, new = stored_and_now(seed)
        held = links_against(chunked(stored), now, unlinked(stored, new))
        assert isinstance(held, StoredLinks)
        assert dict(held) == stored
        assert len(held) == len(stored)
        assert {m: held.get(m) for m in [*now, *stored, "absent"]} == {
            m: stored.get(m) for m in [*now, *stored, "absent"]
        }
        assert "n1" not in held and "m1" in held


def test_what_moved_is_what_the_whole_maps_give() -> None:
    for seed in range(20):
        stored, now, new = stored_and_now(seed)
        held = links_against(chunked(stored), now, unlinked(stored, new))
        assert held is not None
        whole_moved = {m for m, e in now.items() if stored.get(m) != e} | (stored.keys() - now.keys())
        assert held.moved() == whole_moved
        gone, written = moved_links(held, now)
        whole_gone, whole_written = moved_links(stored, now)
        assert sorted(gone) == sorted(whole_gone)
        assert sorted(written) == sorted(whole_written)


def test_a_link_missing_outside_the_new_stories_holds_them_whole() -> None:
    stored, now, new = stored_and_now(3)
    missing = next(m for m in sorted(stored) if m in now)
    del stored[missing]  # a mention of an unchanged story with no stored link
    assert links_against(chunked(stored), now, unlinked(stored, new)) is None
    assert links_against(chunked(stored), now, unlinked(stored, new | {missing})) is not None


def test_nothing_moved_holds_nothing() -> None:
    stored = {f"m{i}": "e1" for i in range(50)}
    held = links_against(chunked(stored), dict(stored), unlinked(stored, set()))
    assert held is not None
    assert held.differ == {} and held.absent == frozenset() and held.moved() == set()
