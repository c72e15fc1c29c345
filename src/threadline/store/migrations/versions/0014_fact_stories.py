"""fact stories: the stories each stored fact cites, by story

A refresh after an ingest regroups the facts a changed story reaches: those citing a
story written or removed since (graph/facts_region.py). Finding them by story instead
of reading every fact's evidence needs each fact's cited stories as rows, kept with
the facts by every write (store/fact_links.py). An old store's facts are linked here,
from their stored evidence, so its next refresh can go by region at once.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = sa.table(
    "facts", sa.column("id", sa.String), sa.column("evidence", sa.JSON), sa.column("disputed_by", sa.JSON)
)
LINKS = sa.table("fact_stories", sa.column("story_id", sa.String), sa.column("fact_id", sa.String))
BATCH = 10_000


def upgrade() -> None:
    op.create_table(
        "fact_stories",
        sa.Column("story_id", sa.String(length=40), nullable=False),
        sa.Column("fact_id", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("story_id", "fact_id"),
    )
    op.create_index(op.f("ix_fact_stories_fact_id"), "fact_stories", ["fact_id"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.select(FACTS.c.id, FACTS.c.evidence, FACTS.c.disputed_by).order_by(FACTS.c.id))
    while batch := rows.fetchmany(BATCH):
        links = [
            {"story_id": story, "fact_id": fact}
            for fact, evidence, disputed in batch
            for story in sorted({item["story"] for item in (*evidence, *disputed)})
        ]
        if links:
            conn.execute(sa.insert(LINKS), links)


def downgrade() -> None:
    op.drop_index(op.f("ix_fact_stories_fact_id"), table_name="fact_stories")
    op.drop_table("fact_stories")
