"""event witnesses: two dated events each event told in passing passed, kept

The events step keeps, for each event mention of an event told in passing that two
dated events pass, a mention of each of them: while neither is merged again, a refresh
need not merge the aside again (graph/events_region.py, store/witnesses.py). The table
starts empty and its rows count only once the step writes them: an old store's next
refresh takes asides in as before, and keeps the witnesses.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "event_witnesses",
        sa.Column("mention", sa.String(length=40), nullable=False),
        sa.Column("first", sa.String(length=40), nullable=False),
        sa.Column("second", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("mention"),
    )


def downgrade() -> None:
    op.drop_table("event_witnesses")
