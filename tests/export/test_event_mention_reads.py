"""Every event mention read by position (store/regions.py `every_event_mention`, what
`Store.event_mentions` and the events step read) gives the records a read by column
name gives, claims, roles and attributions included."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from threadline.records import Claim, EventMention
from threadline.store import Store, layout, regions
from threadline.store import schema as t


def read_by_name(store: Store) -> list[EventMention]:
    """The reference: each row as a mapping, through the layout's readers."""
    with store.snapshot() as conn:
        claims: dict[str, list[Claim]] = {}
        for r in conn.execute(select(t.claims).order_by(t.claims.c.id)):
            claims.setdefault(r.event, []).append(layout.claim(r._mapping))
        rows = conn.execute(select(t.event_mentions).order_by(t.event_mentions.c.id))
        return [layout.event_mention(r._mapping, tuple(claims.get(r.id, ()))) for r in rows]


def test_reading_by_position_gives_what_reading_by_name_gives(examples_db: Path) -> None:
    store = Store(f"sqlite:///{examples_db}")
    try:
        expected = read_by_name(store)
        with store.snapshot() as conn:
            found = regions.every_event_mention(conn)
        assert found == expected
        assert found == store.event_mentions()
        # the examples hold what the JSON columns carry: claims, roles, attributions
        assert any(m.claims for m in found)
        assert any(m.roles for m in found)
        assert any(m.attribution.kind != "outlet" for m in found)
        assert len({m.participants for m in found}) > 1
    finally:
        store.close()
