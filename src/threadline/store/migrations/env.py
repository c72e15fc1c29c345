"""Alembic environment: threadline runs migrations itself, on the connection the Store opened."""

from __future__ import annotations

from alembic import context

from threadline.store.schema import metadata


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """The query layer's index tables (tl_*, query/index.py) are rebuilt from the derived
    rows and created on demand: no part of the schema, never dropped by an autogenerate."""
    return not (type_ == "table" and (name or "").startswith("tl_"))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    include_name=include_name,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
)
with context.begin_transaction():
    context.run_migrations()
