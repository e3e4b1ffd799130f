"""Running batches on Dask: a local cluster tuned for coding, or any scheduler's workers."""
from __future__ import annotations

from typing import Any, Callable, Iterator, Optional

from ..schema import Story
from .workers import CoderFactory, code_and_sign_batch


def local_cluster(workers: int):
    """A Dask ``LocalCluster`` of ``workers`` single-threaded worker processes for coding.

    Dask's nanny starts every worker with ``MALLOC_TRIM_THRESHOLD_=65536`` (config
    ``distributed.nanny.pre-spawn-environ``), so that freed memory goes back to the OS at once.
    Setting that variable also fixes glibc's mmap threshold at 128 KiB (it no longer adapts),
    so every large temporary array spaCy and thinc allocate per batch is a fresh ``mmap`` and
    its pages are faulted in and zeroed again: measured here, 3.2-3.8 s of system time per
    worker per 800 stories against 0.3-1.0 s without it (about 10 % of a worker's CPU).  The
    workers of this cluster therefore keep glibc's default, adaptive behaviour.  Workers of
    a cluster started elsewhere (``--scheduler``) keep whatever their operator configured.
    """
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}):
        return LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                            dashboard_address=None)


def run_on_cluster(batches: Iterator[list[Story]], write: Callable[..., None], *,
                   workers: int, scheduler: Optional[str], prefilter: bool, coder_options: Optional[dict],
                   coder_factory: Optional[CoderFactory], max_in_flight: Optional[int]) -> None:
    """Code ``batches`` on Dask workers and hand each result to ``write(coded, signatures)`` in
    this process, as it completes.  At most ``max_in_flight`` batches (default 2 per worker
    plus one) are submitted at a time, so the corpus never sits in memory; a worker's
    exception cancels the rest and is raised here."""
    from distributed import Client, as_completed

    cluster: Any = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or max(1, workers)
        window = max_in_flight or 2 * n_workers + 1
        it = iter(batches)
        ac = as_completed()
        in_flight = 0

        def submit_next() -> bool:
            nonlocal in_flight
            batch = next(it, None)
            if batch is None:
                return False
            ac.add(client.submit(code_and_sign_batch, batch, prefilter, coder_options, coder_factory, pure=False))
            in_flight += 1
            return True

        while in_flight < window and submit_next():
            pass
        while in_flight:
            fut = next(ac)
            in_flight -= 1
            try:
                coded, signatures = fut.result()        # re-raises a worker exception here
            except BaseException:
                for f in list(ac.futures):
                    f.cancel()
                raise
            write(coded, signatures)
            fut.release()
            while in_flight < window and submit_next():
                pass
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
