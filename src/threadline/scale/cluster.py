"""Which Dask cluster an ingest runs on: one named by address, or a local one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from threadline.errors import ThreadlineError

if TYPE_CHECKING:
    from distributed import Client

# A worker samples its own call stacks every 10 ms for the dashboard's profile; spaCy's
# stacks are deep, and on a worker per core that sampling is CPU taken from the parse.
# Set for the local cluster (its workers copy the driver's Dask settings); a cluster
# started elsewhere takes the same key in its own configuration (docs/scaling.md).
QUIET_WORKERS = {"distributed.worker.profile.enabled": False}


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
