"""Analyst commands on entities: look one up, merge, split, rename, add reference entities.

Each wraps a function of the query layer (threadline.query), which the HTTP API calls
too. Judgements are stored with who made them and when, and applied on every later
ingest; the automatic resolver never overrides them. A judgement is checked before it
is recorded: no merge of an entity with itself, none that changes a person into a
place (or any type into another) without --force, no blank name, no split that would
leave the alias where it is.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from threadline.cli.common import (
    DbOption,
    err,
    open_store,
    open_store_to_read,
    out,
    report_derived_failures,
    reports_errors,
)
from threadline.cli.render import FormatOption, check_format
from threadline.errors import StepFailure

if TYPE_CHECKING:
    from threadline.query.records import EntityDetail, EntityMatch, Why
    from threadline.settings import Settings
    from threadline.store import Store

kb_app = typer.Typer(help="Reference entities: knowledge files and followthemoney entity files.")


def refresh_derived(store: Store, settings: Settings) -> list[StepFailure]:
    """The workflow's recomputation, looked up when a judgement is made (a test may stop it)."""
    from threadline.refresh import refresh_derived as recompute

    return recompute(store, settings)


def _refresh(store: Store, settings: Settings) -> Sequence[object]:
    return refresh_derived(store, settings)


def pick_entity(store: Store, name: str) -> EntityMatch | None:
    """The entity `name` means; with several equally good, the short choice list on
    stdout and None (the caller exits 1)."""
    from threadline.query import AmbiguousName, one_entity

    try:
        return one_entity(store, name)
    except AmbiguousName as many:
        out.print(
            f"{name!r} names {len(many.choices)} entities; run again with one of these ids:", markup=False
        )
        for m in many.choices:
            also = f"  (as {m.matched!r})" if m.matched != m.name else ""
            out.print(f"  {m.id}  {m.type:<12} {m.name}{also}", markup=False)
        return None


@reports_errors
def entity(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias, whole or in part")],
    why: Annotated[
        bool, typer.Option("--why", help="Why its names joined or were kept apart, grouped by story")
    ] = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Show an entity: type, aliases, roles, relations and events with dates, places,
    independent sources, hedging, contested flags and quotes; first and last seen."""
    from threadline.query import entity_detail
    from threadline.query import why as why_of

    check_format(fmt)
    _, store = open_store_to_read(db)
    found = pick_entity(store, name)
    if found is None:
        raise typer.Exit(1)
    detail = entity_detail(store, found.id)
    reasons = why_of(store, found.id) if why else None
    if fmt != "table":
        record = detail.to_dict() | ({"why": reasons.to_dict()} if reasons else {})
        if fmt == "json":
            out.print(json.dumps(record, ensure_ascii=False, indent=2), markup=False, highlight=False)
        else:
            from threadline.cli.render import emit
            from threadline.cli.workbench import relation_rows

            emit("csv", record, relation_rows(detail), RELATION_COLUMNS)
        return
    print_detail(detail)
    if reasons is not None:
        print_why(reasons)


RELATION_COLUMNS = (
    "fact",
    "subject",
    "predicate",
    "object",
    "standing",
    "hedging",
    "independent",
    "contested",
    "verdict",
    "first_seen",
    "last_seen",
    "quote",
    "story",
)


def print_detail(d: EntityDetail) -> None:
    say = _say
    say(f"{d.id}  {d.type}  {d.name}" + (f"  [{d.kb_id}]" if d.kb_id else ""))
    if d.aliases:
        say("  aliases: " + ", ".join(d.aliases))
    if d.roles:
        say("  roles: " + ", ".join(d.roles))
    if d.place:
        say(f"  place: {d.place.name} ({d.place.lat:.3f}, {d.place.lon:.3f}), precision {d.place.precision}")
    say(
        f"  seen: {d.first_seen or '?'} to {d.last_seen or '?'} in {d.stories} stories ({d.mentions} mentions); {d.review_status}"
    )
    if d.relations:
        say(f"  relations ({len(d.relations)}):")
    for r in d.relations:
        other = r.object if r.direction == "out" else r.subject
        arrow = (
            f"{r.predicate} -> {other.name}" if r.direction == "out" else f"<- {r.predicate} of {other.name}"
        )
        flags = _flags(r.modality, r.independent_sources, r.contested, r.verdict, r.standing)
        say(f"    {arrow}  [{flags}]  {r.first_seen or 'undated'}")
        for q in r.quotes[:2]:
            say(f"      \u201c{q.quote}\u201d \u2014 {_source(q.story_title, q.outlet, q.published)}")
        for q in r.disputed_by[:1]:
            say(
                f"      disputed: \u201c{q.quote}\u201d \u2014 {_source(q.story_title, q.outlet, q.published)}"
            )
    if d.events:
        say(f"  events ({len(d.events)}):")
    for e in d.events:
        where = f" in {e.location.name}" if e.location else ""
        role = next(
            (p.role for p in e.participants if p.entity.id == d.id),
            "location" if e.location and e.location.id == d.id else "",
        )
        flags = _flags(e.modality, e.independent_sources, e.contested, e.verdict, "fact")
        say(f"    {e.date or 'undated'}  {e.type}{where}  ({role})  [{flags}]")
        for q in e.quotes[:1]:
            say(f"      \u201c{q.quote}\u201d \u2014 {_source(q.story_title, q.outlet, q.published)}")


def _flags(modality: str, independent: int, contested: bool, verdict: str | None, standing: str) -> str:
    parts = [modality, f"{independent} independent source{'s' if independent != 1 else ''}"]
    if standing != "fact":
        parts.append(standing)
    if contested:
        parts.append("CONTESTED")
    if verdict:
        parts.append(f"analyst: {verdict}ed")
    return ", ".join(parts)


def _source(title: str | None, outlet: str | None, published: str | None) -> str:
    return ", ".join(p for p in (title, outlet, published) if p) or "unknown story"


def print_why(w: Why) -> None:
    """Reasons by story (title, date, outlet), then resolution's decisions."""
    for group in w.stories:
        _say(
            f"  in \u201c{group.title}\u201d ({', '.join(p for p in (group.published, group.outlet) if p) or 'undated'}):"
        )
        for reason in group.reasons:
            _say(f"  - {reason}")
    if w.general:
        _say("  across stories:")
    for reason in w.general:
        _say(f"  - {reason}")
    for verdict, title in (("merged", "merged"), ("refused", "kept apart"), ("ambiguous", "left ambiguous")):
        chosen = [d for d in w.decisions if d.verdict == verdict]
        if chosen:
            _say(f"  {title}:")
        for d in chosen:
            score = "" if d.score is None else f", score {d.score:.2f}"
            where = f"  [in {' and '.join(d.stories)}]" if d.stories else ""
            _say(f"    '{d.left_name}' / '{d.right_name}' ({d.step}{score}): {d.reason}{where}")


def _say(line: str) -> None:
    out.print(line, markup=False, highlight=False)


def _print_judging(done: object) -> None:
    from threadline.query.review import Judging

    assert isinstance(done, Judging)
    for failure in done.failures:
        err.print(f"error: {failure}", markup=False)
    out.print(done.description, markup=False)
    if done.failures:
        err.print(
            f"{len(done.failures)} units of the derived steps failed and were left out (listed above); everything else was written",
            markup=False,
        )
        raise typer.Exit(1)


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
    from threadline.query import merge_entities

    settings, store = open_store(db, existing=True)
    _print_judging(merge_entities(store, settings, first, second, note=note, force=force, refresh=_refresh))


@reports_errors
def split(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    alias: Annotated[str, typer.Option("--name", help="The alias that names someone else")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    db: DbOption = None,
) -> None:
    """Record that an alias of an entity names a different entity."""
    from threadline.query import split_entity

    settings, store = open_store(db, existing=True)
    _print_judging(split_entity(store, settings, entity_name, alias, note=note, refresh=_refresh))


@reports_errors
def rename(
    entity_name: Annotated[str, typer.Argument(metavar="ENTITY", help="Entity id or name")],
    new_name: Annotated[str, typer.Argument(metavar="NAME", help="The name to show")],
    db: DbOption = None,
) -> None:
    """Record the name an entity should be shown under."""
    from threadline.errors import ThreadlineError
    from threadline.query import rename_entity

    if not " ".join(new_name.split()):  # before opening the store, as before
        raise ThreadlineError(f"rename {entity_name}: the new name is blank; give the name to show")
    settings, store = open_store(db, existing=True)
    _print_judging(rename_entity(store, settings, entity_name, new_name, refresh=_refresh))


@kb_app.command("add")
@reports_errors
def kb_add(
    path: Annotated[Path, typer.Argument(help="A knowledge YAML file or a followthemoney JSON-lines file")],
    db: DbOption = None,
) -> None:
    """Load reference entities; known entities are linked on every later ingest."""
    from threadline.knowledge import read_reference_file

    settings, store = open_store(db)
    entities = read_reference_file(path)
    store.replace_reference_entities(str(path.resolve()), entities)
    failed = report_derived_failures(refresh_derived(store, settings))
    out.print(f"{len(entities)} reference entities loaded from {path}")
    if failed:
        raise typer.Exit(1)
