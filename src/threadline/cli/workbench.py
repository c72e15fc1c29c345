"""The analyst's workbench in the terminal: search, events, network, brief and review.
Each command wraps one function of the query layer (threadline.query)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from threadline.cli.common import DbOption, open_store, open_store_to_read, out, reports_errors, writable_file
from threadline.cli.render import FormatOption, check_format, emit, highlighted, spans_cell

if TYPE_CHECKING:
    from threadline.query.records import EntityDetail

LimitOption = Annotated[int, typer.Option("--limit", min=1, max=500, help="How many to show")]
OffsetOption = Annotated[int, typer.Option("--offset", min=0, help="How many to skip (the next page)")]


@contextmanager
def choices_on_ambiguity() -> Iterator[None]:
    """A name that fits several entities: the short choice list on stdout, exit status 1."""
    from threadline.query import AmbiguousName

    try:
        yield
    except AmbiguousName as many:
        out.print(str(many), markup=False, highlight=False)
        raise typer.Exit(1) from many


@reports_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to find in stories, quotes and entity names")],
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Full-text search over stories, quotes and entity names, best first, with snippets."""
    from threadline.query import search as run_search

    check_format(fmt)
    _, store = open_store_to_read(db)
    page = run_search(store, query, limit, offset)
    rows = [{**h.to_dict(), "matches": spans_cell(h.matches)} for h in page.hits]
    columns: tuple[str, ...] = ("kind", "id", "title", "snippet", "matches")
    if fmt == "table":  # the matched words styled, not bracketed: an article's brackets are its own
        rows = [
            {**row, "snippet": highlighted(h.snippet, h.matches)}
            for row, h in zip(rows, page.hits, strict=True)
        ]
        columns = columns[:-1]
    emit(fmt, page.to_dict(), rows, columns, title=f"{len(rows)} hits for {query!r}")


EVENT_COLUMNS = (
    "id",
    "date",
    "type",
    "place",
    "participants",
    "hedging",
    "independent",
    "contested",
    "verdict",
    "quote",
)


@reports_errors
def events(
    type_: Annotated[str | None, typer.Option("--type", help="Event type, e.g. attack, arrest")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="From this date (YYYY-MM-DD or YYYY-MM)")
    ] = None,
    until: Annotated[str | None, typer.Option("--until", help="Up to this date (inclusive)")] = None,
    actor: Annotated[str | None, typer.Option("--actor", help="An entity taking part (name or id)")] = None,
    place: Annotated[str | None, typer.Option("--place", help="Where it happened (name or id)")] = None,
    near: Annotated[str | None, typer.Option("--near", help="Within --km of this place")] = None,
    km: Annotated[float | None, typer.Option("--km", min=0, help="Radius for --near [default: 25]")] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Events, earliest first, filtered by type, dates, actor, place or distance."""
    from threadline.errors import ThreadlineError
    from threadline.query import list_events

    check_format(fmt)
    for option, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_date(value):
            raise ThreadlineError(f"{option} {value}: not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    if km is not None and near is None:
        raise ThreadlineError("--km needs --near PLACE")
    _, store = open_store_to_read(db)
    with choices_on_ambiguity():
        page = list_events(store, type_, since, until, actor, place, near, km, limit, offset)
    rows = [
        {
            "id": e.id,
            "date": e.date or "",
            "type": e.type,
            "place": e.location.name if e.location else "",
            "participants": [f"{p.entity.name} ({p.role})" for p in e.participants],
            "hedging": e.modality,
            "independent": e.independent_sources,
            "contested": "yes" if e.contested else "",
            "verdict": e.verdict or "",
            "quote": e.quotes[0].quote if e.quotes else "",
        }
        for e in page.events
    ]
    emit(fmt, page.to_dict(), rows, EVENT_COLUMNS, title=f"{len(rows)} of {page.total} events")


def _is_date(value: str) -> bool:
    import re

    return re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value) is not None


@reports_errors
def network(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias")],
    depth: Annotated[int, typer.Option("--depth", min=1, max=2, help="1 or 2 hops")] = 1,
    predicate: Annotated[str | None, typer.Option("--predicate", help="Only this relation")] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """An entity's network: the entities its facts join it to, one or two hops out."""
    from threadline.query import network as run_network
    from threadline.query import one_entity

    check_format(fmt)
    _, store = open_store_to_read(db)
    with choices_on_ambiguity():
        centre = one_entity(store, name)
    graph = run_network(store, centre.id, depth, predicate)
    labels = {n.id: n.label for n in graph.nodes}
    rows = [
        {
            "source": labels.get(e.source, e.source),
            "predicate": e.predicate,
            "target": labels.get(e.target, e.target),
            "independent": e.independent_sources,
            "dates": e.dates,
            "fact": e.id,
        }
        for e in graph.edges
    ]
    more = " (bounded: more exist)" if graph.truncated else ""
    emit(
        fmt,
        graph.to_dict(),
        rows,
        ("source", "predicate", "target", "independent", "dates", "fact"),
        title=f"{centre.name}: {len(graph.nodes)} entities, {len(graph.edges)} relations{more}",
    )


@reports_errors
def brief(
    name: Annotated[str, typer.Argument(help="An entity id, name or alias")],
    output: Annotated[Path, typer.Option("-o", "--output", help="FILE.html or FILE.pdf")],
    db: DbOption = None,
) -> None:
    """An evidence brief on one entity: summary, network, timeline, map, and every fact
    with its quotes and sources; HTML, or PDF printed from it by headless Chromium."""
    from threadline.errors import ThreadlineError
    from threadline.query import one_entity

    suffix = output.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise ThreadlineError(f"-o {output}: name a .html or .pdf file")
    target = writable_file(output, "-o")
    _, store = open_store_to_read(db)
    with choices_on_ambiguity():
        centre = one_entity(store, name)
    from threadline.brief import write_brief

    write_brief(store, centre.id, target)
    out.print(f"brief on {centre.name} written to {target}", markup=False)


@reports_errors
def review(
    target_kind: Annotated[str, typer.Argument(metavar="KIND", help="fact or event")],
    target_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's or event's id")],
    verdict: Annotated[str, typer.Argument(metavar="VERDICT", help="accept or reject")],
    note: Annotated[str, typer.Option(help="Why, for the record")] = "",
    db: DbOption = None,
) -> None:
    """Accept or reject a fact or an event; kept across re-ingests."""
    from threadline.query import review as record

    settings, store = open_store(db, existing=True)
    made = record(store, settings, target_kind, target_id, verdict, note=note)
    out.print(
        f"{made.target_kind} {made.target_id} {made.verdict}ed by {made.author} on {made.created}",
        markup=False,
    )


def relation_rows(detail: EntityDetail) -> list[dict[str, Any]]:
    """An entity's facts as flat rows (CSV)."""
    return [
        {
            "fact": r.id,
            "subject": r.subject.name,
            "predicate": r.predicate,
            "object": r.object.name,
            "standing": r.standing,
            "hedging": r.modality,
            "independent": r.independent_sources,
            "contested": "yes" if r.contested else "",
            "verdict": r.verdict or "",
            "first_seen": r.first_seen or "",
            "last_seen": r.last_seen or "",
            "quote": r.quotes[0].quote if r.quotes else "",
            "story": r.quotes[0].story_title if r.quotes else "",
        }
        for r in detail.relations
    ]


def register(app: typer.Typer) -> None:
    app.command()(search)
    app.command()(events)
    app.command()(network)
    app.command()(brief)
    app.command()(review)
