"""Store-size figures on filled stores (bench/clones.py), SQLite and PostgreSQL.

For each size: the fill (cloned documents written through `Store.replace_documents`,
no NLP), the store's first refresh (every global step over the whole store, as the
ingest before the new stories would have left it; each step's seconds from its
recorded run), then 100 new generated stories ingested with real NLP on top (timed,
with the steps of the refresh that ends it), then `threadline export` in every format
run as the command runs, in a child process whose own peak RSS is reported.

Sizes given as `unrefreshed` are only filled and exported as filled, without the
global steps (stories and mentions, with no entities, events or facts): what writing
and exporting that many stories costs where the refresh does not finish in time.
Every name says `filled`; the NLP cost inside the ingest figures is real.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from clones import fill
from figures import peak_rss_mb, report
from sqlalchemy import create_engine, text

from threadline.refresh import refresh_derived
from threadline.settings import Settings
from threadline.store import Store
from threadline.workflow import Analysed, ingest

EXPORTS = (  # every format: format, figure name
    ("json", "json"),
    ("csv-events", "csv"),
    ("csv-links", "csv_links"),
    ("ftm", "ftm"),
    ("stix", "stix"),
    ("gexf", "gexf"),
    ("graphml", "graphml"),
)


def sqlite_urls(folder: Path) -> Callable[[int], str]:
    return lambda size: f"sqlite:///{folder}/filled-{size}.db"


def postgres_urls(server: str) -> Callable[[int], str]:
    """A fresh database per size on the server `server` names (its own database is
    only used to create and drop them)."""

    def url(size: int) -> str:
        name = f"threadline_bench_filled_{size}"
        with create_engine(server, isolation_level="AUTOCOMMIT").connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
            conn.execute(text(f"CREATE DATABASE {name}"))
        return server.rsplit("/", 1)[0] + f"/{name}"

    return url


def bench_filled(
    label: str,
    url_of: Callable[[int], str],
    templates: list[Analysed],
    fresh: Path,
    sizes: list[int],
    new: int,
) -> None:
    """The figures of each size, then the ratio of the largest size's ingest to the smallest's."""
    settings = Settings()
    timings = {}
    for size in sizes:
        name = f"{label}_{size}"
        store = Store(url_of(size))
        seconds = fill(store, templates, size)
        report(f"{name}.fill_seconds", seconds)
        report(f"{name}.fill_stories_per_second", size / seconds)
        started = time.perf_counter()
        refresh_derived(store, settings)
        report(f"{name}.first_refresh_seconds", time.perf_counter() - started)
        report_steps(f"{name}.first_refresh", store)
        started = time.perf_counter()
        ingest([str(fresh)], store, settings)
        timings[size] = time.perf_counter() - started
        report(f"{name}.ingest_{new}_new_seconds", timings[size])
        report_steps(f"{name}.ingest_{new}_new.refresh", store)
        report(f"{name}.peak_rss_mb", peak_rss_mb())
        for fmt, suffix in EXPORTS:
            exported(f"{name}.export_{suffix}", store.url, fmt, command=True)
        store.close()
    small, large = min(sizes), max(sizes)
    if small != large:
        report(f"{label}.ratio_ingest_{large}_to_{small}", timings[large] / timings[small])


def bench_unrefreshed(label: str, url_of: Callable[[int], str], templates: list[Analysed], size: int) -> None:
    name = f"{label}_{size}_unrefreshed"
    store = Store(url_of(size))
    seconds = fill(store, templates, size)
    report(f"{name}.fill_seconds", seconds)
    report(f"{name}.fill_stories_per_second", size / seconds)
    report(f"{name}.fill_peak_rss_mb", peak_rss_mb())
    for fmt, suffix in EXPORTS:
        exported(f"{name}.export_{suffix}", store.url, fmt, command=False)
    store.close()


# The child notes its own high-water RSS (VmHWM, counted from its exec: the rusage of a
# forked child starts from its parent's size) in the file named by BENCH_HWM_FILE.
_NOTE_PEAK = """
import atexit, os, re
def _note():
    status = open("/proc/self/status").read()
    open(os.environ["BENCH_HWM_FILE"], "w").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
atexit.register(_note)
"""
_EXPORT_COMMAND = _NOTE_PEAK + "from threadline.cli.main import app; app()"
_EXPORT_AS_FILLED = (
    _NOTE_PEAK
    + """
import sys
from threadline.export import export
from threadline.store import Store
with open(sys.argv[3], "w", encoding="utf-8") as stream:
    export(Store(sys.argv[1]), sys.argv[2], stream)
"""
)


def exported(name: str, url: str, fmt: str, command: bool) -> None:
    """The export in a child process: `threadline export` (command), or the export
    function alone on a store left unrefreshed (the command would refresh it first)."""
    target = Path(tempfile.gettempdir()) / f"bench-export-{os.getpid()}.out"
    peak = target.with_suffix(".hwm")
    if command:
        argv = [
            sys.executable,
            "-c",
            _EXPORT_COMMAND,
            "export",
            "--db",
            url,
            "--format",
            fmt,
            "-o",
            str(target),
        ]
    else:
        argv = [sys.executable, "-c", _EXPORT_AS_FILLED, url, fmt, str(target)]
    started, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(argv, check=True, env={**os.environ, "BENCH_HWM_FILE": str(peak)})
    report(f"{name}_seconds", time.perf_counter() - started)
    report(f"{name}_cpu_seconds", _children_cpu() - cpu)  # steadier than wall time on a shared box
    report(f"{name}_mb", target.stat().st_size / 2**20)
    report(f"{name}_peak_rss_mb", int(peak.read_text()) / 1024)
    target.unlink()
    peak.unlink()


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def report_steps(prefix: str, store: Store) -> None:
    """Seconds of each global step's latest run, from the store's own records."""
    for run in store.last_step_runs():
        took = datetime.fromisoformat(run.finished) - datetime.fromisoformat(run.started)
        report(f"{prefix}.step_{run.step}_seconds", took.total_seconds())
