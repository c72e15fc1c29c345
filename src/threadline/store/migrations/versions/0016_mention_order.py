"""mention order: an index on mentions (story_id, zone, start)

A refresh reads every stored mention in the order resolution takes them: by story,
then zone, then start (store/mention_rows.py). With only the story's index SQLite
sorted each story's mentions on the way (a temporary b-tree for the rest of the
order); with this index it hands them over in order. On a 30,000-story store (594,446
mentions) the ordered read took 0.26 s less CPU of about 1.45 (docs/performance.md,
"Places and mention reads (seventh sitting)"). An old store builds the index here.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # a store stamped back to an older revision over the current schema has it already
    op.create_index(
        "ix_mentions_story_zone_start",
        "mentions",
        ["story_id", "zone", "start"],
        unique=False,
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("ix_mentions_story_zone_start", table_name="mentions", if_exists=True)
