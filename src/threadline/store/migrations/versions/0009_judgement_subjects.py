"""judgement subjects: what each judgement is about, folded and indexed

An entity page read every judgement to find the verdicts on its facts and events and
the merges, splits and renames naming it. Each judgement's subjects are now kept in
`judgement_subjects` (store/judged.py), indexed, and filled here from the payloads of the
judgements an old store holds, so its pages show what they showed before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    subjects = op.create_table(
        "judgement_subjects",
        sa.Column("judgement_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["judgement_id"], ["judgements.id"]),
    )
    op.create_index(op.f("ix_judgement_subjects_subject"), "judgement_subjects", ["subject"], unique=False)
    stored = op.get_bind().execute(sa.text("SELECT id, payload FROM judgements"))
    rows = [r for ident, payload in stored for r in subject_rows(ident, _loaded(payload))]
    if rows:
        op.bulk_insert(subjects, rows)


def subject_rows(judgement_id: int, payload: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows store/judged.py wrote when this revision was made, frozen here: a later
    change there must not change what an upgrade writes."""
    subjects = dict.fromkeys(str(s).casefold() for s in payload.get("subjects", ()))
    return [{"judgement_id": judgement_id, "subject": s} for s in subjects]


def _loaded(payload: Any) -> dict[str, Any]:
    """A JSON column read through plain SQL: text on SQLite, already parsed on PostgreSQL."""
    return dict(json.loads(payload) if isinstance(payload, str | bytes) else payload)


def downgrade() -> None:
    op.drop_index(op.f("ix_judgement_subjects_subject"), table_name="judgement_subjects")
    op.drop_table("judgement_subjects")
