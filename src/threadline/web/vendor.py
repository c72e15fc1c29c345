"""The front-end packages' files the UI uses, served from the npm install under assets/.

Only the files listed here are served, each under a fixed name: a request never names a
path on disk, so no `..` or absolute path can reach anything else.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from threadline.web.errors import NotFound

NODE_MODULES = Path(__file__).resolve().parent / "assets" / "node_modules"

# URL name under /vendor/ -> file under node_modules (package-lock pins the versions)
FILES: dict[str, str] = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "layout-base.js": "layout-base/layout-base.js",
    "cose-base.js": "cose-base/cose-base.js",
    "cytoscape-fcose.js": "cytoscape-fcose/cytoscape-fcose.js",
    "leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet.css": "leaflet/dist/leaflet.css",
    # vis-timeline's "peer" build: the standalone one injects its CSS as <style> elements,
    # which the CSP refuses; this one takes moment and vis-data from the page and its CSS
    # from the file below
    "moment.min.js": "moment/min/moment.min.js",
    "vis-data.min.js": "vis-data/standalone/umd/vis-data.min.js",
    "vis-timeline-graph2d.min.js": "vis-timeline/peer/umd/vis-timeline-graph2d.min.js",
    "vis-timeline-graph2d.min.css": "vis-timeline/styles/vis-timeline-graph2d.min.css",
    "topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "countries-110m.json": "world-atlas/countries-110m.json",
}
MEDIA = {".js": "text/javascript", ".css": "text/css", ".json": "application/json"}

router = APIRouter(include_in_schema=False)


def missing_files() -> list[str]:
    """Listed files the install lacks (`make setup` runs npm ci): the UI would be blank."""
    return [name for name, path in FILES.items() if not (NODE_MODULES / path).is_file()]


@router.get("/vendor/{name}")
def vendor_file(name: str) -> FileResponse:
    relative = FILES.get(name)
    if relative is None:
        raise NotFound(f"/vendor/{name}: not a file the UI serves")
    path = NODE_MODULES / relative
    if not path.is_file():
        raise NotFound(f"/vendor/{name}: not installed; run `make setup` (npm ci) first")
    headers = {"Cache-Control": "public, max-age=3600"}
    return FileResponse(path, media_type=MEDIA[path.suffix], headers=headers)
