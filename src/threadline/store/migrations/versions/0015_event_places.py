"""event places: the stored events by type and place

A region of the events step (graph/events_region.py) merges again only the events a
change reaches and leaves the others as stored, unread; what it still asks of them is
which stored events share a content key (type, participants, place, month) with one it
makes or dissolves. Those are among the events of the same type, place and month,
found from this index alone (it holds their ids and dates: store/event_scope.py),
instead of reading every stored event.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_events_type_location", "events", ["type", "location", "date_value", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_events_type_location", table_name="events")
