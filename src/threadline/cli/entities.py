"""Analyst commands on entities: look one up, merge, split, rename, add reference entities.

Judgements are stored with who made them and when, and applied on every later
ingest; the automatic resolver never overrides them.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from threadline.cli.common import (
    DbOption,
    open_store,
    open_store_to_read,
    out,
    report_derived_failures,
    reports_errors,
)
from threadline.errors import ThreadlineError
from threadline.knowledge import read_reference_file
from threadline.records import Entity
from threadline.resolve.judgements import Judgement
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import refresh_derived

kb_app = typer.Typer(help="Reference entities: knowledge files and followthemoney entity files.")


def find_entities(store: Store, name: str) -> list[Entity]:
    """Entities whose id, name or an alias is `name` (case-insensitive)."""
    wanted = name.casefold()
    return [
        e for e in store.entities() if e.id == name or wanted in {n.casefold() for n in (e.name, *e.aliases)}
    ]


def one_entity(store: Store, name: str) -> Entity:
    found = find_entities(store, name)
    if not found:
        raise ThreadlineError(f"no entity is named {name!r}; try `threadline export` to list them")
    if len(found) > 1:
        listing = "; ".join(f"{e.id} ({e.type}: {e.name})" for e in found)
        raise ThreadlineError(f"{name!r} names several entities: {listing}. Use an entity id.")
    return found[0]


def judge(store: Store, settings: Settings, judgement: Judgement) -> None:
    store.add_judgement(judgement)
    failed = report_derived_failures(refresh_derived(store, settings))
    out.print(judgement.describe())
    if failed:
        raise typer.Exit(1)


def _author() -> str:
    return os.environ.get("THREADLINE_USER") or getpass.getuser()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@reports_errors
def entity(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias")],
    why: Annotated[
        bool, typer.Option("--why", help="Show which aliases joined and on what evidence")
    ] = False,
    db: DbOption = None,
) -> None:
    """Show an entity: its type, name and aliases (and with --why, the resolver's reasons)."""
    _, store = open_store_to_read(db)
    with store.snapshot():
        for found in find_entities(store, name) or [one_entity(store, name)]:
            out.print(
                f"{found.id}  {found.type}  {found.name}" + (f"  [{found.kb_id}]" if found.kb_id else "")
            )
            if found.aliases:
                out.print("  aliases: " + ", ".join(found.aliases))
            if why:
                for reason in store.entity_reasons().get(found.id, []):
                    out.print(f"  - {reason}")


@reports_errors
def merge(
    first: Annotated[str, typer.Argument(help="Entity id or name")],
    second: Annotated[str, typer.Argument(help="Entity id or name")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    db: DbOption = None,
) -> None:
    """Record that two entities are one."""
    settings, store = open_store(db)
    subjects = (one_entity(store, first).id, one_entity(store, second).id)
    judge(store, settings, Judgement("merge", subjects, _author(), _now(), note=note))


@reports_errors
def split(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    alias: Annotated[str, typer.Option("--name", help="The alias that names someone else")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    db: DbOption = None,
) -> None:
    """Record that an alias of an entity names a different entity."""
    settings, store = open_store(db)
    found = one_entity(store, entity_name)
    if alias.casefold() not in {a.casefold() for a in found.aliases}:
        raise ThreadlineError(f"{alias!r} is not an alias of {found.name} ({found.id})")
    judge(store, settings, Judgement("split", (found.name, alias), _author(), _now(), note=note))


@reports_errors
def rename(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    new_name: Annotated[str, typer.Argument(metavar="NAME", help="The name to show")],
    db: DbOption = None,
) -> None:
    """Record the name an entity should be shown under."""
    settings, store = open_store(db)
    found = one_entity(store, entity_name)
    judge(store, settings, Judgement("rename", (found.id,), _author(), _now(), name=new_name))


@kb_app.command("add")
@reports_errors
def kb_add(
    path: Annotated[Path, typer.Argument(help="A knowledge YAML file or a followthemoney JSON-lines file")],
    db: DbOption = None,
) -> None:
    """Load reference entities; known entities are linked on every later ingest."""
    settings, store = open_store(db)
    entities = read_reference_file(path)
    store.replace_reference_entities(str(path.resolve()), entities)
    failed = report_derived_failures(refresh_derived(store, settings))
    out.print(f"{len(entities)} reference entities loaded from {path}")
    if failed:
        raise typer.Exit(1)
