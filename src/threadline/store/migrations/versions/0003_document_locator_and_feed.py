"""document locator and feed

A document's full source (a file's path, or "FEED#ID" for a JSONL record), which its id
now hashes, and a JSONL record's file. Rows written before stay null: their ids hashed
the bare source, and the next ingest of the same input replaces them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("locator", sa.Text(), nullable=True))
        batch.add_column(sa.Column("feed", sa.Text(), nullable=True))
        batch.create_index(batch.f("ix_documents_feed"), ["feed"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index(batch.f("ix_documents_feed"))
        batch.drop_column("feed")
        batch.drop_column("locator")
