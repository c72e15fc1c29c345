"""mention zone and story dateline

Mentions in a story's headline (zone "title", offsets into the title) beside those in
its text; a story's wire dateline span.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("mentions", sa.Column("zone", sa.String(length=10), server_default="text", nullable=False))
    op.add_column("stories", sa.Column("dateline", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("dateline")
    with op.batch_alter_table("mentions") as batch:
        batch.drop_column("zone")
