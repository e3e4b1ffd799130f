"""Corpus-scale ingest: read stories, skip unchanged ones, code the rest, store per batch.

Behind ``detente ingest PATHS --db X [--workers N] [--scheduler ADDR] [--no-prefilter]``.

* Incremental: a story whose (id, content_hash) is already stored is skipped.
* Crash-safe: every batch is written in one transaction; a killed run keeps the finished
  batches and a re-run resumes (finished stories are then "unchanged" and skipped).
* Parallel: with ``workers > 1`` or a ``scheduler`` address, batches of stories are Dask
  tasks; each worker process builds its coder ONCE (module-level cache) and results stream
  back with ``as_completed``; only this (driver) process writes to DuckDB.  Workers also
  compute each story's MinHash signature, so the writer only looks near-duplicates up.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from ..schema import CodedStory, Story
from .db import AddStats, EventStore

# ----------------------------------------------------------------------------- worker side
_CODER_CACHE: dict[Any, Any] = {}


def _cache_key(prefilter: bool, coder_options: Optional[dict], factory: Optional[Callable]) -> Any:
    opts = tuple(sorted((coder_options or {}).items(), key=lambda kv: kv[0]))
    try:
        hash(opts)
    except TypeError:
        opts = repr(opts)
    return (factory, prefilter, opts)


def get_coder(prefilter: bool = False, coder_options: Optional[dict] = None,
              coder_factory: Optional[Callable[..., Any]] = None) -> Any:
    """The process's coder for these options, built on first use (spaCy loads once per process)."""
    key = _cache_key(prefilter, coder_options, coder_factory)
    coder = _CODER_CACHE.get(key)
    if coder is None:
        if coder_factory is None:
            from ..coding.coder import Coder

            coder_factory = Coder
        coder = coder_factory(prefilter=prefilter, **(coder_options or {}))
        _CODER_CACHE[key] = coder
    return coder


def code_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
               coder_factory: Optional[Callable[..., Any]] = None) -> list[CodedStory]:
    """Code one batch of stories (runs in a Dask worker or in-process)."""
    coder = get_coder(prefilter, coder_options, coder_factory)
    return list(coder.code_stories(stories))


def code_and_sign_batch(stories: list[Story], prefilter: bool = False, coder_options: Optional[dict] = None,
                        coder_factory: Optional[Callable[..., Any]] = None
                        ) -> tuple[list[CodedStory], dict[str, Optional[bytes]]]:
    """:func:`code_batch` plus each story's MinHash signature, so that a worker, not the single
    writer, pays for the shingling and hashing (about 1 ms a story)."""
    from .dedup import signature, story_signature_text

    signatures: dict[str, Optional[bytes]] = {}
    for s in stories:
        sig = signature(story_signature_text(s.title, s.text))
        signatures[s.id] = sig.tobytes() if sig is not None else None
    return code_batch(stories, prefilter, coder_options, coder_factory), signatures


# ----------------------------------------------------------------------------- driver side
@dataclass
class IngestSummary:
    stories_read: int = 0
    stories_new: int = 0             # coded and written (new or changed content)
    stories_changed: int = 0         # of which replaced an older version
    stories_skipped: int = 0         # unchanged since the last run
    events: int = 0
    mentions: int = 0
    near_duplicates: int = 0         # coded stories linked to an earlier near-duplicate
    batches: int = 0
    seconds: float = 0.0
    problems: Counter = field(default_factory=Counter)         # code -> count
    problem_examples: dict = field(default_factory=dict)       # code -> first reason

    @property
    def stories_per_second(self) -> float:
        return self.stories_new / self.seconds if self.seconds > 0 else 0.0

    def lines(self) -> list[str]:
        out = [f"{self.stories_read} stories read: {self.stories_new} coded "
               f"({self.stories_changed} changed), {self.stories_skipped} unchanged and skipped",
               f"{self.events} events written in {self.batches} batches, {self.seconds:.1f} s "
               f"({self.stories_per_second:.1f} stories/s)"]
        if self.near_duplicates:
            out.append(f"{self.near_duplicates} stories are near-duplicates of others "
                       "(stories.duplicate_of; unique_events counts their events once)")
        for code, n in sorted(self.problems.items()):
            out.append(f"  {n} x [{code}] e.g. {self.problem_examples.get(code, '')}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _chunks(it: Iterable[Story], n: int) -> Iterator[list[Story]]:
    batch: list[Story] = []
    for s in it:
        batch.append(s)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _stories(inputs: Any, problems: list) -> Iterator[Story]:
    """Stories from paths (via detente.ingest.read_stories) or an iterable of Story objects."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if isinstance(inputs, (list, tuple)) and inputs and all(isinstance(x, Story) for x in inputs):
        yield from inputs
        return
    if not isinstance(inputs, (list, tuple)):
        # an iterator/generator: Story objects are passed through, paths are read
        for x in inputs:
            if isinstance(x, Story):
                yield x
            else:
                yield from _stories([x], problems)
        return
    from ..ingest import read_stories

    yield from read_stories(list(inputs), problems=problems)


def _progress(enabled: bool, total: Optional[int]):
    if not enabled:
        return None
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn)

    cols = [TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn() if total else TextColumn("{task.completed} stories"),
            TextColumn("{task.fields[rate]:.1f} stories/s"), TextColumn("{task.fields[events]} events"),
            TimeElapsedColumn()]
    return Progress(*cols, transient=False)


def ingest(inputs: Any, db: str | Path | EventStore, *, workers: int = 1, scheduler: str | None = None,
           batch_size: int = 256, prefilter: bool = False, progress: bool = True,
           problems: list | None = None, coder_options: dict | None = None,
           coder_factory: Callable[..., Any] | None = None, max_in_flight: int | None = None) -> IngestSummary:
    """Code a corpus into an event store; see the module docstring.

    ``inputs``: paths for :func:`detente.ingest.read_stories`, or Story objects.
    ``coder_factory``: a picklable callable ``(prefilter=..., **coder_options) -> coder`` with
    ``code_stories``; default :class:`detente.coding.Coder`.
    """
    problems = problems if problems is not None else []
    n_problems_before = len(problems)
    own_store = not isinstance(db, EventStore)
    store = EventStore(db) if own_store else db
    summary = IngestSummary()
    t0 = time.perf_counter()
    total = len(inputs) if isinstance(inputs, (list, tuple)) and inputs and all(isinstance(x, Story) for x in inputs) else None
    bar = _progress(progress, total)
    task = None
    done_stories = 0

    def new_batches() -> Iterator[list[Story]]:
        """Batches of stories that need coding (unchanged ones counted and dropped)."""
        for batch in _chunks(_stories(inputs, problems), batch_size):
            summary.stories_read += len(batch)
            known = store.known_story_hashes(s.id for s in batch)
            todo = []
            for s in batch:
                if known.get(s.id) == s.content_hash:
                    summary.stories_skipped += 1
                else:
                    todo.append(s)
            if todo:
                yield todo

    def write(coded: list[CodedStory], signatures: Optional[dict[str, Optional[bytes]]] = None) -> None:
        nonlocal done_stories
        st: AddStats = store.add_coded(coded, signatures=signatures)
        summary.batches += 1
        summary.stories_new += st.stories
        summary.stories_changed += st.replaced
        summary.events += st.events
        summary.mentions += st.mentions
        summary.near_duplicates += st.near_duplicates
        done_stories += len(coded)
        if bar is not None and task is not None:
            el = time.perf_counter() - t0
            bar.update(task, completed=done_stories + summary.stories_skipped,
                       rate=done_stories / el if el else 0.0, events=summary.events)

    try:
        if bar is not None:
            bar.start()
            task = bar.add_task("ingest", total=total, rate=0.0, events=0)
        if workers <= 1 and scheduler is None:
            for batch in new_batches():
                write(code_batch(batch, prefilter, coder_options, coder_factory))
        else:
            _run_distributed(new_batches(), write, workers=workers, scheduler=scheduler,
                             prefilter=prefilter, coder_options=coder_options,
                             coder_factory=coder_factory, max_in_flight=max_in_flight)
        if bar is not None and task is not None:
            bar.update(task, completed=done_stories + summary.stories_skipped)
    finally:
        if bar is not None:
            bar.stop()
        summary.seconds = time.perf_counter() - t0
        for p in problems[n_problems_before:]:
            code = getattr(p, "code", "?")
            summary.problems[code] += 1
            summary.problem_examples.setdefault(code, str(p))
        if own_store:
            store.close()
    return summary


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


def _run_distributed(batches: Iterator[list[Story]], write: Callable[..., None], *,
                     workers: int, scheduler: str | None, prefilter: bool, coder_options: dict | None,
                     coder_factory: Callable | None, max_in_flight: int | None) -> None:
    from distributed import Client, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    try:
        n_workers = len(client.scheduler_info().get("workers", {})) or max(1, workers)
        window = max_in_flight or 2 * n_workers + 1   # bounded: the corpus never sits in memory
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
