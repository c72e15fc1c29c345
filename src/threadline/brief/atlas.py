"""Country outlines for the brief's map, read from the world-atlas TopoJSON the web UI
installs (src/threadline/web/assets/node_modules/world-atlas). None when it is absent:
the map then draws a plain graticule under the points."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

Ring = list[tuple[float, float]]  # (lon, lat) points
ATLAS = Path(__file__).resolve().parent.parent / "web" / "assets" / "node_modules" / "world-atlas"
FILES = ("countries-50m.json", "countries-110m.json")  # finer first


def atlas_file() -> Path | None:
    return next((ATLAS / name for name in FILES if (ATLAS / name).is_file()), None)


@lru_cache(maxsize=1)
def country_rings() -> tuple[tuple[str, tuple[Ring, ...]], ...] | None:
    """(country name, its rings) for every country; None without the atlas."""
    path = atlas_file()
    if path is None:
        return None
    try:
        topology = json.loads(path.read_text(encoding="utf-8"))
        arcs = _decoded_arcs(topology)
        countries = []
        for geometry in topology["objects"]["countries"]["geometries"]:
            name = (geometry.get("properties") or {}).get("name", "")
            countries.append((name, tuple(_rings(geometry, arcs))))
        return tuple(countries)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None  # an atlas we cannot read is an atlas we do not have


def _decoded_arcs(topology: dict) -> list[Ring]:
    """Arcs in degrees: quantized arcs are delta-encoded, then scaled and translated."""
    transform = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        if transform is None:
            out.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    kind = geometry.get("type")
    polygons = [geometry["arcs"]] if kind == "Polygon" else geometry["arcs"] if kind == "MultiPolygon" else []
    return [_ring(ring, arcs) for polygon in polygons for ring in polygon]


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    """Arcs joined in order; a negative index (~i) is arc i reversed."""
    points: Ring = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points
