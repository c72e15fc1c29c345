"""What route functions share: the store, the settings, and the bounds on paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from threadline.settings import Settings
from threadline.store import Store
from threadline.web.config import DEFAULT_PAGE, MAX_PAGE, WebConfig


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_config(request: Request) -> WebConfig:
    config: WebConfig = request.app.state.config
    return config


def get_settings(request: Request) -> Settings:
    return get_config(request).settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"rows per page, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="rows to skip")]
DEFAULT_LIMIT = DEFAULT_PAGE
