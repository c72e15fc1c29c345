"""The atheris target: readers, encoding, HTML, cleaning and splitting, coverage-guided.

    python -m tests.fuzz.atheris_target RUNS

threadline's modules are instrumented as they are imported. The fuzzer starts from a
corpus of generated inputs (tests/fuzz/cases.py); an input's first byte picks its format.
Nothing is raised to libFuzzer: crashes and hangs are counted, and the counts printed
as `name = value` lines once RUNS inputs have been tried.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import atheris
from hypothesis import HealthCheck, Phase, given, settings

with atheris.instrument_imports(include=["threadline"]):
    import threadline.ingest.html
    import threadline.ingest.readers
    import threadline.ingest.stories  # noqa: F401

from tests.fuzz.cases import FORMATS, Case, cases, fixed_cases
from tests.fuzz.harness import Tally, check_read

SEEDS = 300
TALLY = Tally()
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
CORPUS = Path(tempfile.mkdtemp(prefix="threadline-fuzz-"))


def _seed_corpus(folder: Path) -> None:
    """Generated inputs, and the issue's fixed ones, as libFuzzer's starting corpus."""
    found: list[Case] = list(fixed_cases())

    @settings(
        max_examples=SEEDS,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(cases())
    def keep(case: Case) -> None:
        found.append(case)

    keep()
    for n, case in enumerate(found):
        (folder / f"seed-{n:04d}").write_bytes(bytes([FORMATS.index(case.format)]) + case.data)


def one_input(data: bytes) -> None:
    case = Case(FORMATS[data[0] % len(FORMATS)] if data else "txt", data[1:], "atheris")
    check_read(case, TALLY)
    if TALLY.inputs >= RUNS:  # libFuzzer would go on; the counts are what we came for
        _print_counts()
        shutil.rmtree(CORPUS, ignore_errors=True)
        os._exit(0)


def _print_counts() -> None:
    for key in ("inputs", "crashes", "hangs"):
        print(f"fuzz.read.{key} = {getattr(TALLY, key)}", flush=True)
    for example in TALLY.examples:
        print(f"  {example}", flush=True)


def main() -> None:
    _seed_corpus(CORPUS)
    atheris.Setup([sys.argv[0], "-max_len=400000", "-rss_limit_mb=4096", str(CORPUS)], one_input)
    atheris.Fuzz()
    _print_counts()  # libFuzzer stopped first (it found its own crash or ran out of time)


if __name__ == "__main__":
    main()
