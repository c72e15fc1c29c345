"""resolution decisions: every merge, refusal and ambiguity, with score and reason

The entities step now writes the decisions it took (resolve/decisions.py), so
`threadline entity NAME --why` shows what was refused as well as what was merged. A
store that already holds stories is marked behind its claims, so the next command
that reads it (or `threadline rebuild`, or the next ingest) fills the new table.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("verdict", sa.String(length=10), nullable=False),
        sa.Column("left_node", sa.Text(), nullable=False),
        sa.Column("left_name", sa.Text(), nullable=False),
        sa.Column("right_node", sa.Text(), nullable=False),
        sa.Column("right_name", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("left_entity", sa.String(length=40), nullable=True),
        sa.Column("right_entity", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_index(op.f("ix_decisions_left_entity"), "decisions", ["left_entity"], unique=False)
    op.create_index(op.f("ix_decisions_right_entity"), "decisions", ["right_entity"], unique=False)
    # stories stored before: their decisions are computed by the next reader
    op.execute("DELETE FROM meta WHERE key = 'derived_stale' AND EXISTS (SELECT 1 FROM stories)")
    op.execute(
        "INSERT INTO meta (key, value) SELECT 'derived_stale', '1' WHERE EXISTS (SELECT 1 FROM stories)"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_decisions_right_entity"), table_name="decisions")
    op.drop_index(op.f("ix_decisions_left_entity"), table_name="decisions")
    op.drop_table("decisions")
