"""How every bench script prints a figure: `name = value` lines, and peak RSS."""

from __future__ import annotations

import resource


def report(name: str, value: float | int | str) -> None:
    print(f"{name} = {value:.3f}" if isinstance(value, float) else f"{name} = {value}", flush=True)


def peak_rss_mb() -> float:
    """This process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
