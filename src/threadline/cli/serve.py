"""`threadline serve`: the HTTP API and the web UI together, with uvicorn.

Imported only when `serve` runs (cli/main.py registers it lazily), so no other command
pays for FastAPI. Binds 127.0.0.1 unless told otherwise; on an address other machines can
reach it refuses to start without an access token, unless it is read-only.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from threadline.cli.common import DbOption, err, open_store_to_read, reports_errors


@reports_errors
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            help="Access token every write must carry [default: $THREADLINE_TOKEN]", show_default=False
        ),
    ] = None,
    read_only: Annotated[bool, typer.Option("--read-only", help="Take no judgements at all")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="A name clients reach the server by (the Host they send), besides the address "
            "it listens on and localhost; repeat it, or * for any [default: $THREADLINE_ALLOWED_HOSTS]",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Serve the API (/api, OpenAPI at /api/openapi.json) and the web UI on one port."""
    import uvicorn

    from threadline.web import WebConfig, create_app
    from threadline.web.config import LOOPBACK_NAMES, check_exposure
    from threadline.web.vendor import missing_files

    token = token or os.environ.get("THREADLINE_TOKEN") or None
    check_exposure(host, token, read_only)
    settings, store = open_store_to_read(db)  # derived rows brought up to date first
    if missing := missing_files():
        err.print(f"warning: front-end files missing ({', '.join(missing)}); run `make setup`", markup=False)
    named = allow_host or [h for h in os.environ.get("THREADLINE_ALLOWED_HOSTS", "").split(",") if h.strip()]
    hosts = (*LOOPBACK_NAMES, host, *(h.strip() for h in named))
    app = create_app(WebConfig(settings, token=token, read_only=read_only, allowed_hosts=hosts), store)
    shown = f"[{host}]" if ":" in host else host
    writes = "read-only" if read_only else "writes need the token" if token else "writable"
    err.print(f"threadline: open http://{shown}:{port}/ ({writes}); Ctrl-C stops it", markup=False)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
