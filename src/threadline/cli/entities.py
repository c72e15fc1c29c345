"""Analyst commands on entities: look one up, merge, split, rename, add reference entities.

Judgements are stored with who made them and when, and applied on every later
ingest; the automatic resolver never overrides them. A judgement is checked before it
is recorded: no merge of an entity with itself, none that changes a person into a
place (or any type into another) without --force, no blank name, no split that would
leave the alias where it is.
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
from threadline.errors import Failures, ThreadlineError
from threadline.knowledge import read_reference_file
from threadline.records import Decision, Entity
from threadline.resolve import resolve_entities
from threadline.resolve.judgements import Judgement
from threadline.resolve.lexicon import load_lexicon
from threadline.resolve.names import clean_surface
from threadline.settings import Settings
from threadline.store import Store
from threadline.vocab import load_knowledge
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
    """Record the judgement (the derived rows marked behind it in the same transaction),
    then recompute them: cut short, the next ingest or command finishes the job."""
    store.add_judgement(judgement)
    failed = report_derived_failures(refresh_derived(store, settings))
    out.print(judgement.describe(), markup=False)
    if failed:
        raise typer.Exit(1)


def check_merge(a: Entity, b: Entity, first: str, second: str, force: bool) -> None:
    if a.id == b.id:
        raise ThreadlineError(
            f"{first!r} and {second!r} are one entity already ({a.id}: {a.name}); nothing to merge"
        )
    if a.type != b.type and not force:
        raise ThreadlineError(
            f"{a.name} ({a.id}) is a {a.type} and {b.name} ({b.id}) a {b.type}: merging them would change "
            "what one of them is; if they really are one, run the merge again with --force"
        )


def split_takes_effect(store: Store, settings: Settings, entity: Entity, judgement: Judgement) -> bool:
    """Whether resolving with the split puts the alias's mentions apart from the mentions
    spelled as the entity's name (or, for a renamed entity, from its other mentions)."""
    alias = judgement.subjects[1].casefold()
    before = store.entity_of()
    members = [m for m in store.mentions() if before.get(m.id) == entity.id]
    spelled = {m.id: clean_surface(m.text).casefold() for m in members}
    apart = [m.id for m in members if spelled[m.id] == alias]
    named = [m.id for m in members if spelled[m.id] == entity.name.casefold()]
    named = named or [m.id for m in members if spelled[m.id] != alias]
    after = preview_resolution(store, settings, [*store.judgements(), judgement])
    return not {after.get(m) for m in apart} & {after.get(m) for m in named}


def preview_resolution(store: Store, settings: Settings, judgements: list[Judgement]) -> dict[str, str]:
    """Mention id -> entity id as resolution would give them under `judgements`; nothing written."""
    stories = store.stories()
    known = (*load_knowledge(settings.data_dir), *store.reference_entities())
    texts = {s.id: s.text for s in stories}
    lex = load_lexicon(settings.data_dir)
    return resolve_entities(store.mentions(), texts, known, judgements, lex, Failures()).entity_of


def _author() -> str:
    return os.environ.get("THREADLINE_USER") or getpass.getuser()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@reports_errors
def entity(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias")],
    why: Annotated[
        bool, typer.Option("--why", help="Show which names joined or were kept apart, and on what evidence")
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
                _print_decisions(store.decisions_about(found.id))


def _print_decisions(decisions: list[Decision]) -> None:
    """Resolution's decisions about the entity's names: merges, then refusals and ambiguities."""
    for verdict, title in (("merged", "merged"), ("refused", "kept apart"), ("ambiguous", "left ambiguous")):
        chosen = [d for d in decisions if d.verdict == verdict]
        if chosen:
            out.print(f"  {title}:")
        for d in chosen:
            score = "" if d.score is None else f", score {d.score:.2f}"
            out.print(f"    '{d.left_name}' / '{d.right_name}' ({d.step}{score}): {d.reason}")


@reports_errors
def merge(
    first: Annotated[str, typer.Argument(help="Entity id or name")],
    second: Annotated[str, typer.Argument(help="Entity id or name")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    force: Annotated[
        bool, typer.Option("--force", help="Merge even entities of two types (a person and a place)")
    ] = False,
    db: DbOption = None,
) -> None:
    """Record that two entities are one."""
    settings, store = open_store(db, existing=True)
    a, b = one_entity(store, first), one_entity(store, second)
    check_merge(a, b, first, second, force)
    judge(store, settings, Judgement("merge", (a.id, b.id), _author(), _now(), note=note))


@reports_errors
def split(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    alias: Annotated[str, typer.Option("--name", help="The alias that names someone else")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    db: DbOption = None,
) -> None:
    """Record that an alias of an entity names a different entity."""
    settings, store = open_store(db, existing=True)
    found = one_entity(store, entity_name)
    alias = alias.strip()
    if alias.casefold() not in {a.casefold() for a in found.aliases}:
        listing = ", ".join(repr(a) for a in found.aliases) or "none"
        raise ThreadlineError(
            f"{alias!r} is not an alias of {found.name} ({found.id}); its aliases: {listing}"
        )
    judgement = Judgement("split", (found.name, alias), _author(), _now(), note=note, entity_type=found.type)
    if not split_takes_effect(store, settings, found, judgement):
        raise ThreadlineError(
            f"splitting {alias!r} off {found.name} ({found.id}) would change nothing: the resolver reads "
            "them as one name, spelled two ways; nothing was recorded"
        )
    judge(store, settings, judgement)


@reports_errors
def rename(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    new_name: Annotated[str, typer.Argument(metavar="NAME", help="The name to show")],
    db: DbOption = None,
) -> None:
    """Record the name an entity should be shown under."""
    settings, store = open_store(db, existing=True)
    shown = " ".join(new_name.split())
    if not shown:
        raise ThreadlineError(f"rename {entity_name}: the new name is blank; give the name to show")
    found = one_entity(store, entity_name)
    judge(store, settings, Judgement("rename", (found.id,), _author(), _now(), name=shown))


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
