"""The generality harness: every dev corpus, one table (`make eval`).

    python evaluation/run.py [--corpus NAME ...] [--errors] [--json OUT] [--keep DIR]

Ingests each corpus of splits.toml and Re-DocRED dev into a fresh SQLite store with
the `threadline` command, exports, and scores the export with the shared scorer
(../shared/eval/score.py, redocred.py): the whole corpus, its dev part and its
held-out part, and beside them the raw spaCy model on the same story text (entity
scores and mention recall). `--errors` lists the scorer's misses for the dev parts
only: the held-out parts are for measuring, not for reading.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from evaluation.baseline import gold_spans, mention_recall, raw_export  # noqa: E402
from evaluation.negatives import hard_negatives, tempted_facts  # noqa: E402
from evaluation.subset import export_subset, gold_subset, held_out_files  # noqa: E402

Json = dict[str, Any]
ROWS = [
    "stories.segmentation_accuracy",
    "stories.cleaning_accuracy",
    "stories.title_accuracy",
    "stories.published_accuracy",
    "duplicates.f1",
    "entities.f1",
    "entities.precision",
    "entities.recall",
    "entities.type_accuracy",
    "entities.splits",
    "entities.merges",
    "relations.f1",
    "relations.precision",
    "relations.recall",
    "relations.corroboration_accuracy",
    "events.f1",
    "events.precision",
    "events.recall",
    "events.duplicates",
    "events.date_accuracy",
    "evidence.quote_accuracy",
    "mentions.offset_accuracy",
    "mentions.recall",
    "negatives.facts",
    "raw_model.entities.f1",
    "raw_model.mentions.recall",
    "ingest.failed",
]


def shared_folder() -> Path:
    return Path(os.environ.get("THREADLINE_SHARED", REPO.parent / "shared")).resolve()


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"{path}: cannot load")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Run:
    """One corpus ingested and exported."""

    name: str
    export: Json = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)


def threadline_bin() -> str:
    local = Path(sys.executable).parent / "threadline"
    return str(local) if local.exists() else "threadline"


def ingest_and_export(name: str, source: Path, workdir: Path) -> Run:
    (workdir / f"{name}.db").unlink(missing_ok=True)  # a kept store would make the ingest a no-op
    db = f"sqlite:///{workdir / name}.db"
    out = workdir / f"{name}.json"
    ingest = subprocess.run(
        [threadline_bin(), "ingest", str(source), "--db", db], capture_output=True, text=True, check=False
    )
    failed = [line for line in ingest.stderr.splitlines() if line.startswith("error:")]
    subprocess.run([threadline_bin(), "export", "--format", "json", "--db", db, "-o", str(out)], check=True)
    return Run(name, json.loads(out.read_text(encoding="utf-8")), failed)


def flatten(metrics: Json, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in metrics.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def raw_texts(source: Path) -> dict[str, str]:
    """Story file -> the raw text it came from (a JSONL record's title and text)."""
    texts: dict[str, str] = {}
    files = [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file())
    for path in files:
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    texts[str(record["id"])] = f"{record.get('title') or ''} {record.get('text') or ''}"
        else:
            texts[path.name] = path.read_text(encoding="utf-8", errors="replace")
    return texts


def score_corpus(scorer: ModuleType, run: Run, spec: Json, shared: Path) -> dict[str, dict[str, Any]]:
    """Columns for one corpus: all of it, and (when it has one) its dev and held-out parts."""
    gold = tomllib.loads((shared / spec["gold"]).read_text(encoding="utf-8"))
    held = held_out_files(gold, spec.get("held_out", ()), spec.get("held_out_every"))
    columns = {run.name: (gold, run.export)}
    if held:
        every = {s["file"] for s in gold["story"]}
        texts = raw_texts(shared / spec["input"])
        for part, files in (("dev", every - held), ("held", held)):
            columns[f"{run.name}:{part}"] = (
                gold_subset(gold, files, texts, scorer.norm_name),
                export_subset(run.export, files),
            )
    raw = raw_export(run.export, scorer.norm_name)
    negatives = hard_negatives(shared / spec["gold"])
    result: dict[str, dict[str, Any]] = {}
    for column, (g, e) in columns.items():
        metrics, errors = scorer.score(g, json.loads(json.dumps(e)))
        flat = flatten(metrics)
        if negatives:
            tempted = tempted_facts(g, e, negatives, scorer.align_entities)
            flat["negatives.facts"] = len(tempted)
            errors += [f"hard negative: {t}" for t in tempted]
        spans = gold_spans(e, g)
        flat["mentions.recall"] = mention_recall(spans, e.get("mentions", []))
        raw_part = export_subset(raw, {Path(s["source"]).name for s in e["stories"]})
        raw_metrics, _ = scorer.score(g, raw_part)
        flat["raw_model.entities.f1"] = raw_metrics["entities"]["f1"]
        flat["raw_model.mentions.recall"] = mention_recall(spans, raw_part["mentions"])
        flat["ingest.failed"] = len(run.failed) if column == run.name else ""
        flat["_errors"] = errors
        result[column] = flat
    return result


_PRF = re.compile(r"P ([\d.]+) R ([\d.]+) F1 ([\d.]+)")


def _redocred_metrics(module: ModuleType, export_path: Path) -> dict[str, Any]:
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        module.score(export_path)
    flat: dict[str, Any] = {}
    for line in printed.getvalue().splitlines():
        found = _PRF.search(line)
        if not found:
            continue
        first = line.split()[0].rstrip(":")
        key = first if first in ("entities", "relations") else f"relations.{first}"
        p, r, f = (float(x) for x in found.groups())
        flat.update({f"{key}.precision": p, f"{key}.recall": r, f"{key}.f1": f})
    return flat


def score_redocred(module: ModuleType, run: Run, held_from: int, workdir: Path) -> dict[str, dict[str, Any]]:
    """Re-DocRED scores for all documents, the dev part and the held-out part."""
    every = module.docs()
    result = {}
    parts = {
        "redocred": range(len(every)),
        "redocred:dev": range(held_from),
        "redocred:held": range(held_from, len(every)),
    }
    original = module.docs
    for column, indexes in parts.items():
        renumber = {f"redocred-dev-{i:03d}": f"redocred-dev-{k:03d}" for k, i in enumerate(indexes)}
        part = export_subset(run.export, set(renumber))
        for story in part["stories"]:
            story["source"] = renumber[Path(story["source"]).name]
        path = workdir / f"{column.replace(':', '-')}.json"
        path.write_text(json.dumps(part), encoding="utf-8")
        module.docs = lambda indexes=indexes: [every[i] for i in indexes]
        try:
            result[column] = _redocred_metrics(module, path)
        finally:
            module.docs = original
        result[column]["ingest.failed"] = len(run.failed) if column == "redocred" else ""
    return result


def print_table(columns: dict[str, dict[str, Any]], rows: list[str]) -> None:
    names = list(columns)
    widths = [max(6, len(n)) + 1 for n in names]
    print(f"{'metric':34s}" + "".join(f"{n:>{w}s}" for n, w in zip(names, widths, strict=True)))
    for row in rows:
        cells = [columns[n].get(row, "") for n in names]
        if all(c == "" for c in cells):
            continue
        text = [f"{c:.3f}" if isinstance(c, float) else str(c) for c in cells]
        print(f"{row:34s}" + "".join(f"{t:>{w}s}" for t, w in zip(text, widths, strict=True)))


def evaluate(
    shared: Path, workdir: Path, wanted: set[str] | None = None
) -> tuple[dict[str, dict[str, Any]], list[Run]]:
    """Ingest, export and score every corpus of splits.toml (and Re-DocRED) named in
    `wanted` (all by default): the table's columns, and the runs."""
    splits = tomllib.loads((HERE / "splits.toml").read_text(encoding="utf-8"))
    wanted = wanted or {*splits["corpus"], "redocred"}
    scorer = load_module(shared / "eval" / "score.py")
    redocred = load_module(shared / "eval" / "redocred.py")
    workdir.mkdir(parents=True, exist_ok=True)
    jobs = {name: shared / spec["input"] for name, spec in splits["corpus"].items() if name in wanted}
    if "redocred" in wanted:
        jobs["redocred"] = workdir / "redocred-input.jsonl"
        redocred.write_input(jobs["redocred"])
    with ThreadPoolExecutor(max_workers=int(os.environ.get("EVAL_JOBS", "2"))) as pool:
        futures = {name: pool.submit(ingest_and_export, name, path, workdir) for name, path in jobs.items()}
    runs = {name: future.result() for name, future in futures.items()}
    columns: dict[str, dict[str, Any]] = {}
    for name, run in runs.items():
        if name == "redocred":
            columns.update(score_redocred(redocred, run, splits["redocred"]["held_out_from"], workdir))
        else:
            columns.update(score_corpus(scorer, run, splits["corpus"][name], shared))
    return columns, list(runs.values())


def print_errors(columns: dict[str, dict[str, Any]], runs: list[Run]) -> None:
    """The scorer's misses, for the dev parts (and corpora with no held-out part) only."""
    for name, flat in columns.items():
        if ":" in name and not name.endswith(":dev"):
            continue
        if any(n.startswith(f"{name}:") for n in columns):
            continue  # the dev part lists them
        for line in flat.get("_errors", []):
            print(f"{name}: {line}")
    for run in runs:
        for line in run.failed:
            print(f"{run.name}: {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", action="append", help="only these corpora (redocred included by name)")
    parser.add_argument("--errors", action="store_true", help="list the scorer's misses for the dev parts")
    parser.add_argument("--json", type=Path, help="also write every column's metrics here")
    parser.add_argument("--keep", type=Path, help="keep stores and exports in this folder")
    args = parser.parse_args(argv)
    shared = shared_folder()
    if not (shared / "eval" / "score.py").is_file():
        print(f"{shared}/eval/score.py is absent: the harness needs the shared dev data", file=sys.stderr)
        return 2
    workdir = Path(args.keep or tempfile.mkdtemp(prefix="threadline-eval-"))
    columns, runs = evaluate(shared, workdir, set(args.corpus) if args.corpus else None)
    print_table(columns, ROWS)
    if any(name.startswith("redocred") for name in columns):
        print()
        rd_rows = sorted({k for c in columns.values() for k in c if k.startswith("relations.")})
        print_table({k: v for k, v in columns.items() if k.startswith("redocred")}, rd_rows)
    if args.errors:
        print_errors(columns, runs)
    if args.json:
        clean = {n: {k: v for k, v in c.items() if not k.startswith("_")} for n, c in columns.items()}
        args.json.write_text(json.dumps(clean, indent=1, sort_keys=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
