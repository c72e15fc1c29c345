"""the stored graph: events, responsibilities and facts

The global steps after places now write their output: merged events, claims of
responsibility by entity and event, and relations grouped by entity. A store that
already holds stories is marked behind its claims, so the next command that reads it
(or `threadline rebuild`, or the next ingest) fills the new tables.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def graph_columns() -> list[sa.Column]:
    return [
        sa.Column("modality", sa.String(length=20), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("independent_sources", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("date_value", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("date_expression", sa.Text(), nullable=True),
        sa.Column("location", sa.String(length=40), nullable=True),
        sa.Column("participants", sa.JSON(), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("mentions", sa.JSON(), nullable=False),
        sa.Column("disputed_by", sa.JSON(), nullable=False),
        *graph_columns(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "responsibilities",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("claimant", sa.String(length=40), nullable=False),
        sa.Column("event", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        *graph_columns(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_responsibilities_event"), "responsibilities", ["event"], unique=False)
    op.create_table(
        "facts",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=40), nullable=False),
        sa.Column("predicate", sa.String(length=40), nullable=False),
        sa.Column("object", sa.String(length=40), nullable=False),
        sa.Column("standing", sa.String(length=12), nullable=False),
        sa.Column("disputed_by", sa.JSON(), nullable=False),
        *graph_columns(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_facts_subject"), "facts", ["subject"], unique=False)
    op.create_index(op.f("ix_facts_object"), "facts", ["object"], unique=False)
    # stories stored before: their events and facts are computed by the next reader
    op.execute("DELETE FROM meta WHERE key = 'derived_stale' AND EXISTS (SELECT 1 FROM stories)")
    op.execute(
        "INSERT INTO meta (key, value) SELECT 'derived_stale', '1' WHERE EXISTS (SELECT 1 FROM stories)"
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_facts_object"), table_name="facts")
    op.drop_index(op.f("ix_facts_subject"), table_name="facts")
    op.drop_table("facts")
    op.drop_index(op.f("ix_responsibilities_event"), table_name="responsibilities")
    op.drop_table("responsibilities")
    op.drop_table("events")
