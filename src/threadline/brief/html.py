"""The evidence brief on one entity as one self-contained HTML page: a summary, the
network, a timeline and a map (inline SVG), then every fact and event with its quotes
and sources. Article text is untrusted: every string is escaped, and the page's
Content-Security-Policy allows no script and no request at all."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from threadline.brief.figures import map_svg, network_svg, timeline_svg
from threadline.query.records import EntityDetail, EventRecord, Network, PlaceRef, Quote, Relation

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
STYLE = """
body { font-family: Georgia, serif; max-width: 50em; margin: 2em auto; color: #222; line-height: 1.4; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; }
.meta { color: #555; } .flags { font-family: sans-serif; font-size: 0.85em; color: #444; }
.contested { color: #b00; font-weight: bold; } .rejected { text-decoration: line-through; color: #888; }
blockquote { margin: 0.4em 0 0.4em 1em; padding-left: 0.8em; border-left: 3px solid #bbb; }
cite { display: block; font-size: 0.85em; color: #555; font-style: normal; }
figure { margin: 1em 0; page-break-inside: avoid; } figcaption { font-size: 0.85em; color: #555; }
li.fact, li.event { margin-bottom: 1em; page-break-inside: avoid; }
"""


def e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def render_brief(detail: EntityDetail, graph: Network, generated: str) -> str:
    places = _places(detail)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>Evidence brief: {e(detail.name)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{e(detail.name)}</h1>",
        f'<p class="meta">{e(detail.type)} · {e(detail.id)} · brief generated {e(generated)}</p>',
        _summary(detail),
        "<h2>Network</h2>",
        f"<figure>{network_svg(graph)}<figcaption>Entities joined to {e(detail.name)} by stored facts "
        f"({len(graph.nodes)} entities, {len(graph.edges)} relations; dashed: contested).</figcaption></figure>",
        "<h2>Timeline</h2>",
        f"<figure>{timeline_svg(detail.events)}<figcaption>Events {e(detail.name)} takes part in "
        "(red: contested).</figcaption></figure>",
        "<h2>Map</h2>",
        f"<figure>{map_svg(places)}<figcaption>Places of its events; a wider mark is a less exact "
        "place (precision 1 town, 2 near or part of one, 3 region or country).</figcaption></figure>",
        f"<h2>Facts ({len(detail.relations)})</h2>",
        "<ol>" + "".join(_fact(detail, r) for r in detail.relations) + "</ol>",
        f"<h2>Events ({len(detail.events)})</h2>",
        "<ol>" + "".join(_event(ev) for ev in detail.events) + "</ol>",
        "<h2>Sources</h2>",
        _sources(
            [
                *(q for r in detail.relations for q in r.quotes),
                *(q for ev in detail.events for q in ev.quotes),
            ]
        ),
        "</body></html>",
    ]
    return "\n".join(parts)


def _summary(d: EntityDetail) -> str:
    facts = [r for r in d.relations if r.standing == "fact" and r.verdict != "reject"]
    contested = sum(r.contested for r in d.relations) + sum(ev.contested for ev in d.events)
    outlets = sorted({q.outlet for r in d.relations for q in r.quotes if q.outlet})
    items = [
        f"<li>Also known as: {e(', '.join(d.aliases))}</li>" if d.aliases else "",
        f"<li>Roles: {e(', '.join(d.roles))}</li>" if d.roles else "",
        f"<li>Seen from {e(d.first_seen or '?')} to {e(d.last_seen or '?')} in {d.stories} stories "
        f"({d.mentions} mentions).</li>",
        f"<li>{len(facts)} facts stated, {len(d.relations) - len(facts)} denied, hedged or rejected; "
        f"{len(d.events)} events; {contested} contested.</li>",
        f"<li>Outlets: {e(', '.join(outlets))}</li>" if outlets else "",
        f"<li>Review: {e(d.review_status)}</li>",
    ]
    return "<h2>Summary</h2><ul>" + "".join(items) + "</ul>"


def _flags(
    modality: str, independent: int, contested: bool, verdict: str | None, standing: str = "fact"
) -> str:
    bits = [e(modality), f"{independent} independent source{'s' if independent != 1 else ''}"]
    if standing != "fact":
        bits.append(e(standing))
    if contested:
        bits.append('<span class="contested">contested</span>')
    if verdict:
        bits.append(f"analyst: {e(verdict)}ed")
    return '<span class="flags">[' + ", ".join(bits) + "]</span>"


def _quote(q: Quote, label: str = "") -> str:
    cite = ", ".join(x for x in (q.story_title, q.outlet, q.published) if x) or q.story_id
    said = f" (attributed to {e(q.attributed_to)})" if q.attributed_to else ""
    return (
        f"<blockquote>{e(label)}\u201c{e(q.quote)}\u201d<cite>{e(cite)} · {e(q.modality)}{said} · "
        f"characters {q.start}\u2013{q.end} of story {e(q.story_id)}</cite></blockquote>"
    )


def _fact(d: EntityDetail, r: Relation) -> str:
    rejected = ' class="fact rejected"' if r.verdict == "reject" else ' class="fact"'
    head = f"<strong>{e(r.subject.name)}</strong> {e(r.predicate)} <strong>{e(r.object.name)}</strong>"
    seen = (
        f" · {e(r.first_seen)}" + (f" to {e(r.last_seen)}" if r.last_seen != r.first_seen else "")
        if r.first_seen
        else ""
    )
    quotes = "".join(_quote(q) for q in r.quotes) + "".join(_quote(q, "Disputed: ") for q in r.disputed_by)
    flags = _flags(r.modality, r.independent_sources, r.contested, r.verdict, r.standing)
    return f'<li{rejected} id="{e(r.id)}">{head} {flags}{seen}{quotes}</li>'


def _event(ev: EventRecord) -> str:
    rejected = ' class="event rejected"' if ev.verdict == "reject" else ' class="event"'
    where = f" in {e(ev.location.name)}" if ev.location else ""
    who = ", ".join(f"{e(p.entity.name)} ({e(p.role)})" for p in ev.participants)
    quotes = "".join(_quote(q) for q in ev.quotes) + "".join(_quote(q, "Denied: ") for q in ev.disputed_by)
    flags = _flags(ev.modality, ev.independent_sources, ev.contested, ev.verdict)
    return (
        f'<li{rejected} id="{e(ev.id)}"><strong>{e(ev.date or "undated")}</strong> {e(ev.type)}{where}'
        f"{' · ' + who if who else ''} {flags}{quotes}</li>"
    )


def _places(d: EntityDetail) -> list[tuple[PlaceRef, str]]:
    seen: dict[str, tuple[PlaceRef, str]] = {}
    if d.place:
        seen[d.place.entity_id] = (d.place, d.name)
    for ev in d.events:
        if ev.place and ev.place.entity_id not in seen:
            seen[ev.place.entity_id] = (ev.place, ev.location.name if ev.location else ev.place.name)
    return list(seen.values())


def _sources(quotes: Iterable[Quote]) -> str:
    stories: dict[str, Quote] = {}
    for q in quotes:
        stories.setdefault(q.story_id, q)
    rows = sorted(stories.values(), key=lambda q: (q.published or "", q.story_title or ""))
    items = "".join(
        f"<li>{e(q.story_title or q.story_id)} · {e(q.outlet or 'outlet unknown')} · {e(q.published or 'undated')}"
        f" · <code>{e(q.story_id)}</code></li>"
        for q in rows
    )
    return f"<ol>{items}</ol>"
