"""Which Dask cluster an ingest runs on: one named by address, or a local one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from threadline.errors import ThreadlineError

if TYPE_CHECKING:
    from distributed import Client

# What a worker does beside the task, on the task's cores. spaCy's work holds the GIL,
# so each wake-up of the worker's event loop takes the GIL from the parse:
# - its statistical profiler samples the call stacks every 10 ms for the dashboard
#   (spaCy's stacks are deep);
# - its event-loop health check ticks every 20 ms, its memory monitor every 100 ms
#   and its system monitor every 500 ms; on cores the workers keep busy, a thread
#   woken that often may wait for a core before it hands the GIL back
#   (docs/performance.md, "Dask on two cores", says what it measured to).
# Set for the local cluster (its workers copy the driver's Dask settings); a cluster
# started elsewhere takes the same keys in its own configuration (docs/scaling.md).
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client | None]:
    """A client of the scheduler at `scheduler`; else of a local cluster of `workers`
    processes on 127.0.0.1 (default: one per core), one thread each, because spaCy's
    work holds the GIL; `workers=0` means no cluster: Dask's synchronous scheduler."""
    if workers == 0 and scheduler is None:
        yield None
        return
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise ThreadlineError(
                f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({exc})"
            ) from None
        with client:
            yield client
        return
    count = workers if workers is not None else os.cpu_count() or 1
    with (
        dask.config.set(QUIET_WORKERS),
        LocalCluster(
            n_workers=count, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
