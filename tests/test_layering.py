"""The store imports no stage: the records it reads and writes, the cross-stage types
(Place, Judgement, Decision, KnownEntity, StepRun) included, live in records.py."""

from __future__ import annotations

import ast
from pathlib import Path

import threadline

STORE = Path(threadline.__file__).parent / "store"
ALLOWED = ("threadline.records", "threadline.errors", "threadline.store")


def imported(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
        elif isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
    return {m for m in modules if m.startswith("threadline")}


def test_the_store_imports_no_stage() -> None:
    files = sorted(STORE.rglob("*.py"))
    assert len(files) > 5
    stray = {
        f"{path.relative_to(STORE)}: {module}"
        for path in files
        for module in imported(path)
        if not module.startswith(ALLOWED)
    }
    assert not stray
