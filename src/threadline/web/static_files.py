"""The UI's own scripts and style sheet (web/static/), served under /static/ by name.

The names are read once, from the folder as installed: a request picks one of them and
never names a path, so nothing outside the folder can be asked for.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from threadline.web.errors import NotFound

STATIC = Path(__file__).resolve().parent / "static"
MEDIA = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
FILES = {p.name: p for p in STATIC.iterdir() if p.suffix in MEDIA} if STATIC.is_dir() else {}

router = APIRouter(include_in_schema=False)


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    path = FILES.get(name)
    if path is None:
        raise NotFound(f"/static/{name}: not a file the UI serves")
    return FileResponse(path, media_type=MEDIA[path.suffix], headers={"Cache-Control": "no-cache"})
