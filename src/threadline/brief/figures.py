"""The brief's figures as inline SVG, drawn here (no script, no request): the network
around the entity, a timeline of its events, and a map of the places involved. Every
label is escaped: names come from article text."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from threadline.brief.atlas import Ring, country_rings
from threadline.query.records import EventRecord, Network, PlaceRef

Box = tuple[float, float, float, float]  # west, south, east, north
Project = Callable[[float, float], tuple[float, float]]  # (lon, lat) -> (x, y)
COLOURS = {"person": "#1f77b4", "organization": "#d62728", "location": "#2ca02c"}
OTHER = "#7f7f7f"


def _svg(width: int, height: int, body: Sequence[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(label)}" font-family="sans-serif">' + "".join(body) + "</svg>"
    )


def network_svg(graph: Network, width: int = 760, height: int | None = None) -> str:
    """The centre in the middle, its neighbours on a ring, the second hop on an outer one."""
    height = height or (300 if len(graph.nodes) <= 5 else 520)  # a small network, a small figure
    cx, cy = width / 2, height / 2
    rings: dict[int, list[str]] = {}
    for node in graph.nodes:
        rings.setdefault(node.depth, []).append(node.id)
    at: dict[str, tuple[float, float]] = {}
    for depth, ids in rings.items():
        outer = 0.45 if 2 in rings else 0.75  # one ring only: use the room
        radius = 0 if depth == 0 else min(cx, cy) * (outer if depth == 1 else 0.85)
        for i, node_id in enumerate(ids):
            angle = 2 * math.pi * i / max(len(ids), 1) + depth * 0.3
            at[node_id] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    body = ['<rect width="100%" height="100%" fill="#ffffff"/>']
    for edge in graph.edges:
        (x1, y1), (x2, y2) = at[edge.source], at[edge.target]
        dash = ' stroke-dasharray="4 3"' if edge.contested else ""
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#999"{dash}/>')
        body.append(
            f'<text x="{(x1 + x2) / 2:.1f}" y="{(y1 + y2) / 2:.1f}" font-size="9" fill="#555" '
            f'text-anchor="middle">{escape(edge.predicate)}</text>'
        )
    for node in graph.nodes:
        x, y = at[node.id]
        r = 10 if node.depth == 0 else 7
        fill = COLOURS.get(node.type, OTHER)
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="{fill}"><title>{escape(node.type)}</title></circle>'
        )
        weight = ' font-weight="bold"' if node.depth == 0 else ""
        body.append(
            f'<text x="{x:.1f}" y="{y + r + 11:.1f}" font-size="11" text-anchor="middle"{weight}>{escape(node.label)}</text>'
        )
    return _svg(width, height, body, f"network of {len(graph.nodes)} entities")


def timeline_svg(events: Sequence[EventRecord], width: int = 760) -> str:
    """Dated events on one axis, a row each so labels never overlap; undated ones are
    listed in the text, not placed."""
    dated = sorted((e for e in events if e.date), key=lambda e: (e.date or "", e.id))
    height = 50 + 22 * max(len(dated), 1)
    if not dated:
        return _svg(width, 60, ['<text x="10" y="30" font-size="12">No dated events.</text>'], "timeline")
    days = [_day(e.date or "") for e in dated]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    left, right = 90, width - 250

    def x_of(d: date) -> float:
        return left + (right - left) * (d - first).days / span

    body = [f'<line x1="{left}" y1="30" x2="{right}" y2="30" stroke="#333"/>']
    for d in (first, last):
        body.append(
            f'<text x="{x_of(d):.1f}" y="20" font-size="10" text-anchor="middle">{d.isoformat()}</text>'
        )
    for row, (event, d) in enumerate(zip(dated, days, strict=True)):
        x, y = x_of(d), 50 + 22 * row
        fill = "#d62728" if event.contested else "#1f77b4"
        body.append(f'<line x1="{x:.1f}" y1="30" x2="{x:.1f}" y2="{y:.1f}" stroke="#ccc"/>')
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}"/>')
        where = f" in {event.location.name}" if event.location else ""
        label = f"{event.date} {event.type}{where}"
        body.append(f'<text x="{x + 9:.1f}" y="{y + 4:.1f}" font-size="11">{escape(label)}</text>')
    return _svg(width, height, body, f"timeline of {len(dated)} events")


def _day(value: str) -> date:
    """A date of any precision, at its first day ("2025-03" is 1 March)."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        return date(parts[0], parts[1] or 1, parts[2] or 1)
    except ValueError:
        return date(parts[0], 1, 1)


def map_svg(places: Sequence[tuple[PlaceRef, str]], width: int = 760, height: int = 480) -> str:
    """The places (with a label each) on country outlines where the atlas is installed,
    else on a plain graticule; the view fits the points."""
    if not places:
        return _svg(width, 60, ['<text x="10" y="30" font-size="12">No place on the map.</text>'], "map")
    lons = [p.lon for p, _ in places]
    lats = [p.lat for p, _ in places]
    half_lon = max((max(lons) - min(lons)) / 2 + 1.5, 4.0)  # a lone point still shows its region
    half_lat = max((max(lats) - min(lats)) / 2 + 1.5, 2.5)
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    west, east = mid_lon - half_lon, mid_lon + half_lon
    south, north = mid_lat - half_lat, mid_lat + half_lat
    squash = math.cos(math.radians((north + south) / 2))
    scale = min(width / max((east - west) * squash, 1e-6), height / max(north - south, 1e-6))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) * squash * scale, (north - lat) * scale)

    body = ['<rect width="100%" height="100%" fill="#eef4fa"/>']
    body += _outlines(xy, (west, south, east, north)) or _graticule(xy, (west, south, east, north))
    for place, label in places:
        x, y = xy(place.lon, place.lat)
        r = {1: 4, 2: 6}.get(place.precision, 9)  # less exact: a wider mark
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r}" fill="#d62728" fill-opacity="0.7" stroke="#fff"/>'
        )
        body.append(f'<text x="{x + r + 3:.1f}" y="{y + 4:.1f}" font-size="11">{escape(label)}</text>')
    return _svg(width, height, body, f"map of {len(places)} places")


def _outlines(xy: Project, box: Box) -> list[str]:
    countries = country_rings()
    if countries is None:
        return []
    paths: list[str] = []
    labels: list[str] = []
    for name, rings in countries:
        parts = []
        for ring in rings:
            if not _overlaps(ring, box):
                continue
            points = [xy(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
        if parts:
            paths.append(
                f'<path d="{"".join(parts)}" fill="#fbfbf8" stroke="#9a9a9a" stroke-width="0.7">'
                f"<title>{escape(name)}</title></path>"
            )
            labels.append(_country_label(name, rings, box, xy))
    return paths + labels


def _country_label(name: str, rings: tuple[Ring, ...], box: Box, xy: Project) -> str:
    """The name at the middle of the country's largest ring, kept inside the view."""
    west, south, east, north = box
    ring = max(rings, key=len)
    lon = min(max(sum(p[0] for p in ring) / len(ring), west + 0.5), east - 0.5)
    lat = min(max(sum(p[1] for p in ring) / len(ring), south + 0.3), north - 0.3)
    x, y = xy(lon, lat)
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" fill="#8a8a8a" text-anchor="middle">{escape(name)}</text>'


def _overlaps(ring: Ring, box: Box) -> bool:
    west, south, east, north = box
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return (
        bool(ring) and min(lons) <= east and max(lons) >= west and min(lats) <= north and max(lats) >= south
    )


def _graticule(xy: Project, box: Box) -> list[str]:
    west, south, east, north = box
    lines = []
    for lon in range(math.ceil(west), math.floor(east) + 1):
        (x1, y1), (x2, y2) = xy(lon, north), xy(lon, south)
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#d0d8e0"/>')
    for lat in range(math.ceil(south), math.floor(north) + 1):
        (x1, y1), (x2, y2) = xy(west, lat), xy(east, lat)
        lines.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#d0d8e0"/>')
    return lines
