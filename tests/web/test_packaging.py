"""An installed threadline (not only a source checkout) carries what the web UI serves."""

from __future__ import annotations

import tomllib
from pathlib import Path

from threadline.web.vendor import FILES

ROOT = Path(__file__).resolve().parents[2]


def package_data() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return project["tool"]["setuptools"]["package-data"]["threadline"]


def test_every_vendor_file_the_ui_serves_is_package_data() -> None:
    listed = set(package_data())
    assert {f"web/assets/node_modules/{path}" for path in FILES.values()} <= listed


def test_templates_and_static_files_are_package_data() -> None:
    listed = package_data()
    web = ROOT / "src" / "threadline" / "web"
    for pattern in ("web/templates/*.html", "web/static/*.js", "web/static/*.css"):
        assert pattern in listed
        assert list(web.glob(pattern.removeprefix("web/")))  # the pattern finds files
