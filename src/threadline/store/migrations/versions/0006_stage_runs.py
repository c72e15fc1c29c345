"""stage runs: each run of a global step, with its version and the rows it wrote

The global steps are registered by name with a version (graph/steps.py); every run
that writes the derived layer now records, per step, the claims generation it
followed, the rows it left in each of its tables and when it started and finished,
so `threadline steps` can say what produced the stored graph. Nothing existing
changes: an old store gains the empty table and fills it on its next refresh.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stage_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("step", sa.String(length=80), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False),
        sa.Column("row_counts", sa.JSON(), nullable=False),
        sa.Column("started", sa.String(length=32), nullable=False),
        sa.Column("finished", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_stage_runs_step"), "stage_runs", ["step"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_stage_runs_step"), table_name="stage_runs")
    op.drop_table("stage_runs")
