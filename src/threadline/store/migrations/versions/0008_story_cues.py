"""story cues: what resolution read in each story's text, kept per story

A refresh reads them back instead of reading every story's text again for the
resolution step (resolve/story_text.py). The table starts empty: an old store's next
refresh reads each story's text once and fills it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "story_cues",
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("cues", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"]),
        sa.PrimaryKeyConstraint("story_id"),
    )


def downgrade() -> None:
    op.drop_table("story_cues")
