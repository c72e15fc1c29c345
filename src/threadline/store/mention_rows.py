"""Every stored mention, read at once: what a refresh's entities step resolves (every
mention of the store, two million at 100,000 stories).

The rows come as plain tuples through the driver's cursor, in chunks, in the order
`Store.mentions` has always given (story, zone, start: revision 0016's index hands them
over in that order, without a sort), and each becomes a `Mention` here. At that size
the per-row costs are what the read costs: a SQLAlchemy row per mention, and a function
call per value to share it, were more than a third of it. The records are those
`layout.mention_of_values` makes, value for value, with the same sharing: a store repeats
one story id in every mention of the story, one type, label and zone in most mentions,
one name in many stories and few distinct offsets, and the refresh holds every mention
at once (a fresh string or int per value was about two thirds of a mention's memory).
"""

from __future__ import annotations

from collections.abc import Sequence
from sys import intern
from typing import Any

from sqlalchemy import Connection

from threadline.records import Mention

COLUMNS = 'story_id, start, "end", text, type, label, kb_id, zone'  # layout.MENTION_COLUMNS
EVERY_MENTION = f"SELECT {COLUMNS} FROM mentions ORDER BY story_id, zone, start"
AT_ONCE = 5000  # rows fetched at a time: a call per row costs, all rows at once their memory


def every_mention(conn: Connection) -> list[Mention]:
    """Every stored mention, ordered by story, zone and start (`Store.mentions`)."""
    cursor = conn.connection.cursor()  # the driver's, in this transaction
    try:
        cursor.execute(EVERY_MENTION)
        made = _Made()
        while rows := cursor.fetchmany(AT_ONCE):
            made.add(rows)
        return made.mentions
    finally:
        cursor.close()


class _Made:
    """The mentions made so far, and what they share: one int object per offset value,
    and the last story id (rows come grouped by story)."""

    def __init__(self) -> None:
        self.mentions: list[Mention] = []
        self.offsets: dict[int, int] = {}
        self.story = ""

    def add(self, rows: Sequence[Any]) -> None:
        append, offset, story = self.mentions.append, self.offsets.setdefault, self.story
        named: Any = intern  # the type and zone columns hold EntityType's and MentionZone's names
        for story_id, start, end, text, kind, label, kb_id, zone in rows:
            if story_id != story:
                story = intern(story_id)
            append(
                Mention(
                    story,
                    offset(start, start),
                    offset(end, end),
                    intern(text),
                    named(kind),
                    intern(label),
                    kb_id if kb_id is None else intern(kb_id),
                    named(zone),
                )
            )
        self.story = story
