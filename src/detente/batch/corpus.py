"""Coding a corpus into a store: read stories, skip unchanged ones, code the rest, store per batch.

Behind ``detente ingest PATHS --db X [--workers N] [--scheduler ADDR] [--prefilter]``.

* Incremental: a story whose (id, content_hash) is already stored is skipped.
* Crash-safe: every batch is written in one transaction; a killed run keeps the finished
  batches and a re-run resumes (finished stories are then "unchanged" and skipped).
* No story ends the run: one the coder fails on (or whose worker process dies) is skipped
  with a catalogue code (E212, E213), its traceback appended to the run's log (by default
  ``<store>.errors.log``), and the batch goes on.
* Shares the store: the run writes through a :class:`~detente.store.WriteSession`, which
  closes the file whenever a reader (``detente serve``, an analysis command) waits, so both
  work at once; a second writer is refused with E302.
* Parallel: with ``workers > 1`` or a ``scheduler`` address, batches of stories are Dask
  tasks (:mod:`.cluster`); each worker process builds its coder ONCE (:mod:`.workers`) and
  results stream back as they complete; only this (driver) process writes to DuckDB.  Workers
  also compute each story's MinHash signature, so the writer only looks near-duplicates up.
"""
from __future__ import annotations

import contextlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, ContextManager, Iterator, Optional

from spacy.util import minibatch

from ..errors import DetenteError, problem
from ..ingest import read_stories
from ..schema import Story
from ..store import EventStore, WriteSession
from .cluster import run_on_cluster
from .workers import BatchResult, CoderFactory, StoryFailure, code_batch


@dataclass
class CorpusSummary:
    """What one :func:`code_corpus` run did."""

    stories_read: int = 0
    stories_new: int = 0             # coded and written (new or changed content)
    stories_changed: int = 0         # of which replaced an older version
    stories_skipped: int = 0         # unchanged since the last run
    stories_failed: int = 0          # the coder failed on them (E212, E213): skipped, see log
    events: int = 0
    mentions: int = 0
    near_duplicates: int = 0         # coded stories linked to an earlier near-duplicate
    batches: int = 0
    seconds: float = 0.0
    problems: Counter = field(default_factory=Counter)         # code -> count
    problem_examples: dict = field(default_factory=dict)       # code -> first reason
    log: Optional[Path] = None       # where failed stories' tracebacks went (when any failed)

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
        if self.stories_failed:
            out.append(f"{self.stories_failed} stories could not be coded and were skipped; "
                       f"tracebacks in {self.log}")
        for code, n in sorted(self.problems.items()):
            out.append(f"  {n} x [{code}] e.g. {self.problem_examples.get(code, '')}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _stories(inputs: Any, problems: list) -> Iterator[Story]:
    """Stories from paths (read by :func:`detente.ingest.read_stories`) or Story objects, given
    as a list or as any iterable mixing the two."""
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    if isinstance(inputs, (list, tuple)) and not all(isinstance(x, Story) for x in inputs):
        yield from read_stories(list(inputs), problems=problems)
        return
    for x in inputs:
        if isinstance(x, Story):
            yield x
        else:
            yield from read_stories([x], problems=problems)


def default_log(db: str | Path | EventStore) -> Path:
    """Where a run into ``db`` logs the stories it could not code: ``<store>.errors.log``."""
    path = db.path if isinstance(db, EventStore) else str(db)
    return Path("detente.errors.log" if path.startswith(("<", ":memory:")) else path + ".errors.log")


def code_corpus(inputs: Any, db: str | Path | EventStore, *, workers: int = 1, scheduler: str | None = None,
                batch_size: int = 256, prefilter: bool = False,
                progress: Optional[Callable[[int], None]] = None, problems: list | None = None,
                coder_options: dict | None = None, coder_factory: CoderFactory | None = None,
                max_in_flight: int | None = None, log: str | Path | None = None) -> CorpusSummary:
    """Code a corpus into an event store; see the module docstring.

    ``inputs``: paths for :func:`detente.ingest.read_stories`, or Story objects.  ``db``: a
    store file (written through a :class:`~detente.store.WriteSession`, so readers can use it
    meanwhile) or an open :class:`EventStore`.  ``progress(n)`` is called as each batch is done
    with the number of its stories (coded, failed or skipped as unchanged).  ``problems``
    receives a Problem for each bad input and each story that could not be coded; ``log``
    (default :func:`default_log`) the tracebacks of the latter.  ``coder_factory``: a
    picklable callable ``(prefilter=..., **coder_options) -> coder`` with ``code_stories``;
    default :class:`detente.coding.Coder`.
    """
    problems = problems if problems is not None else []
    n_problems_before = len(problems)
    log_path = Path(log) if log is not None else default_log(db)
    session = None if isinstance(db, EventStore) else WriteSession(db)   # E302 here if another writes

    def step() -> ContextManager[EventStore]:
        return session.store() if session is not None else contextlib.nullcontext(db)

    summary = CorpusSummary()
    t0 = time.perf_counter()

    def new_batches() -> Iterator[list[Story]]:
        """Batches of stories that need coding (unchanged ones counted and dropped)."""
        for batch in minibatch(_stories(inputs, problems), size=batch_size):
            summary.stories_read += len(batch)
            with step() as store:
                known = store.known_story_hashes(s.id for s in batch)
            todo = [s for s in batch if known.get(s.id) != s.content_hash]
            summary.stories_skipped += len(batch) - len(todo)
            if progress is not None and len(todo) < len(batch):
                progress(len(batch) - len(todo))
            if todo:
                yield todo

    def store_coded(coded: list, signatures: Optional[dict]) -> None:
        with step() as store:
            st = store.add_coded(coded, signatures=signatures)
        summary.stories_new += st.stories
        summary.stories_changed += st.replaced
        summary.events += st.events
        summary.mentions += st.mentions
        summary.near_duplicates += st.near_duplicates

    def write(result: BatchResult) -> None:
        failures = list(result.failures)
        if result.coded:
            try:
                store_coded(result.coded, result.signatures)
            except (DetenteError, OSError):
                raise                                   # the store's own trouble: the run stops
            except Exception as exc:
                failures += _store_one_by_one(result, store_coded, exc)
            summary.batches += 1
        if failures:
            _log_failures(log_path, failures)
            summary.stories_failed += len(failures)
            summary.log = log_path
            problems.extend(problem(f.where, f.code, error=f.error, log=log_path) for f in failures)
        if progress is not None:
            progress(len(result.coded) + len(result.failures))

    try:
        if workers <= 1 and scheduler is None:
            for batch in new_batches():
                write(code_batch(batch, prefilter, coder_options, coder_factory))
        else:
            run_on_cluster(new_batches(), write, workers=workers, scheduler=scheduler,
                           prefilter=prefilter, coder_options=coder_options,
                           coder_factory=coder_factory, max_in_flight=max_in_flight)
    finally:
        summary.seconds = time.perf_counter() - t0
        for p in problems[n_problems_before:]:
            summary.problems[p.code] += 1
            summary.problem_examples.setdefault(p.code, str(p))
        if session is not None:
            session.close()
    return summary


def _store_one_by_one(result: BatchResult, store_coded: Callable, batch_error: Exception) -> list[StoryFailure]:
    """A batch the store refused, written again one story per transaction: the stories it
    refuses alone are failures.  When it refuses every one, the fault is not a story's and
    the batch's error is raised."""
    failures = []
    for cs in result.coded:
        sig = {cs.story.id: result.signatures[cs.story.id]} if result.signatures else None
        try:
            store_coded([cs], sig)
        except (DetenteError, OSError):
            raise
        except Exception as exc:
            failures.append(StoryFailure.of(cs.story, exc))
    if len(failures) == len(result.coded):
        raise batch_error
    return failures


def _log_failures(path: Path, failures: list[StoryFailure]) -> None:
    """Append each failed story's traceback to the run's log."""
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        for f in failures:
            fh.write(f"--- {stamp} [{f.code}] {f.where}: {f.error}\n{f.details.rstrip()}\n\n")
