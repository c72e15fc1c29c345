"""place tallies: each location entity's count of its stories' countries, kept

The places step pins a location entity in the countries its mentions' stories are
about, counted over every mention; a refresh adds the new mentions' stories to the
kept tally instead of reading every story of an entity named everywhere again
(graph/places_region.py). The table starts empty: an old store's next refresh counts
each entity it pins again from its stories, and keeps the tally.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "place_tallies",
        sa.Column("entity_id", sa.String(length=40), nullable=False),
        sa.Column("tally", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("entity_id"),
    )


def downgrade() -> None:
    op.drop_table("place_tallies")
