"""decisions ledger keys: `seq` a position key with room between keys, and a digest

The decisions ledger is written as what differs (store/ledger.py): each row keeps its
position key while decisions are added around it, and the write compares rows by a
digest of their content, stored beside them. Keys grow past 32 bits, so `seq` becomes
a BIGINT on PostgreSQL (SQLite's INTEGER already holds 64). Rows stored before have no
digest: they match nothing, and the next refresh rewrites the ledger whole, once, with
keys and digests.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("decisions", sa.Column("digest", sa.BigInteger(), nullable=True))
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("decisions", "seq", type_=sa.BigInteger(), existing_type=sa.Integer())


COLUMNS = (
    "step, verdict, left_node, left_name, right_node, right_name, score, reason, left_entity, right_entity"
)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":  # keys outgrow 32 bits: number the rows 0, 1, ... again
        op.execute(
            f"CREATE TEMPORARY TABLE ledger_copy AS SELECT row_number() OVER (ORDER BY seq) - 1 AS n, {COLUMNS}"
            " FROM decisions"
        )
        op.execute("DELETE FROM decisions")
        op.alter_column("decisions", "seq", type_=sa.Integer(), existing_type=sa.BigInteger())
        op.execute(f"INSERT INTO decisions (seq, {COLUMNS}) SELECT n, {COLUMNS} FROM ledger_copy")
        op.execute("DROP TABLE ledger_copy")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("digest")
