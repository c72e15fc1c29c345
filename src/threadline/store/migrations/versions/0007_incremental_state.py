"""incremental state: the LSH buckets of stored signatures, and the stories changed
since the derived rows last followed them

A refresh now looks up only a changed story's neighbours in the duplicate index
(dedup/incremental.py) instead of indexing every stored signature again. The buckets
of the signatures already stored are filled here; the changes table starts empty and
`meta.incremental` unset, so an old store's next refresh takes the full path once.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from threadline.store.changes import band_rows

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bands = op.create_table(
        "signature_bands",
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("part", sa.Integer(), nullable=False),
        sa.Column("band", sa.Integer(), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["story_id"], ["stories.id"]),
    )
    op.create_index("ix_signature_bands_bucket", "signature_bands", ["band", "key"], unique=False)
    op.create_index(op.f("ix_signature_bands_story_id"), "signature_bands", ["story_id"], unique=False)
    op.create_table(
        "story_changes",
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
    )
    op.create_index(op.f("ix_story_changes_story_id"), "story_changes", ["story_id"], unique=False)
    conn = op.get_bind()
    stored = conn.execute(sa.text("SELECT story_id, part, minhash FROM signatures"))
    rows = band_rows({(story, part): bytes(blob) for story, part, blob in stored})
    if rows:
        op.bulk_insert(bands, rows)


def downgrade() -> None:
    op.drop_index(op.f("ix_story_changes_story_id"), table_name="story_changes")
    op.drop_table("story_changes")
    op.drop_index(op.f("ix_signature_bands_story_id"), table_name="signature_bands")
    op.drop_index("ix_signature_bands_bucket", table_name="signature_bands")
    op.drop_table("signature_bands")
