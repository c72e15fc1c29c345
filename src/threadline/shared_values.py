"""One object for each equal small value a refresh holds many times over.

The global steps hold every mention of the store at once, and resolution the cues
each story's text gives around them (resolve/story_text.py). sqlite3 and json make a
fresh int object for every number they read (CPython shares only -5 to 256 itself),
so two mentions' offsets, equal or not, cost 32 bytes each: most of a mention's
memory after its strings were interned (store/layout.py). Offsets into a story's
text are few distinct values however many stories there are, so one object each is
shared here; the values are what they were, only fewer copies are held.
"""

from __future__ import annotations

# Offsets beyond this are rare (a story of more than 64 K characters): they are left as
# read, so that the table stays small (at most this many entries, about 5 MB).
SHARED_BELOW = 1 << 16
_INTS: dict[int, int] = {}


def shared_int(value: int) -> int:
    """`value`, as the one object this process holds for it when it is a small offset."""
    if 0 <= value < SHARED_BELOW:
        return _INTS.setdefault(value, value)
    return value
