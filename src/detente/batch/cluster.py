"""Running batches on Dask: a local cluster tuned for coding, or any scheduler's workers."""
from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterator, Optional

from ..schema import Story
from .workers import BatchResult, CoderFactory, StoryFailure, code_and_sign_batch


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


def run_on_cluster(batches: Iterator[list[Story]], write: Callable[[BatchResult], None], *,
                   workers: int, scheduler: Optional[str], prefilter: bool, coder_options: Optional[dict],
                   coder_factory: Optional[CoderFactory], max_in_flight: Optional[int]) -> None:
    """Code ``batches`` on Dask workers and hand each :class:`BatchResult` to ``write`` in this
    process, as it completes.  At most ``max_in_flight`` batches (default 2 per worker plus one)
    are submitted at a time, so the corpus never sits in memory.  A batch whose task fails as a
    whole (its worker process died: a story that exhausts memory or crashes the parser) is run
    again one story a task, one such task at a time (Dask blames every task a dying worker
    holds, so a story run beside the culprit could be blamed too), and only the story that fails
    alone is lost (E213); any other failure
    of a task, or of ``write`` (the store), cancels the rest and is raised here."""
    from distributed import Client, KilledWorker, as_completed

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
        stories_of: dict[Any, list[Story]] = {}      # future -> its stories
        alone: set[Any] = set()                     # futures of a story run by itself
        to_run_alone: deque[Story] = deque()        # stories of killed batches, to run one by one

        def submit(stories: list[Story], by_itself: bool = False) -> None:
            fut = client.submit(code_and_sign_batch, stories, prefilter, coder_options, coder_factory, pure=False)
            stories_of[fut] = stories
            if by_itself:
                alone.add(fut)
            ac.add(fut)

        def top_up() -> None:
            if to_run_alone and not alone:
                submit([to_run_alone.popleft()], by_itself=True)
            while len(stories_of) < window:
                batch = next(it, None)
                if batch is None:
                    return
                submit(batch)

        top_up()
        try:
            while stories_of:
                fut = next(ac)
                stories = stories_of.pop(fut)
                by_itself = fut in alone
                alone.discard(fut)
                if fut.status == "finished":
                    write(fut.result())
                elif not isinstance(fut.exception(), KilledWorker):
                    # stories the coder fails on come back as failures, so a task that raises
                    # failed before any story (the coder cannot be built, ...): the run cannot go on
                    fut.result()
                elif by_itself:
                    write(BatchResult([], [StoryFailure.of(stories[0], fut.exception(), "E213")]))
                else:
                    to_run_alone.extend(stories)
                fut.release()
                top_up()
        except BaseException:
            for f in list(stories_of):
                f.cancel()
            raise
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
