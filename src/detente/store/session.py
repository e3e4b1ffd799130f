"""A writer that takes turns with readers: the corpus driver's way into the store.

``detente ingest`` spends most of its time coding, not writing.  A :class:`WriteSession` holds
the store's writer lock for the whole run (a second writer gets E302 at once) but has the DuckDB
file open only while nobody else wants it: when a reader (a dashboard request, ``detente stage``)
is waiting, the session closes the file as soon as its current step is done -- or at once,
from a watcher thread, when it is between steps -- and opens it again for its next step after
the waiting readers are in.  With no reader about, the file stays open and nothing is paid.

Each step is one of the store's own transactions (``add_coded``, a lookup), so a run killed at
any moment leaves whole batches, and a re-run resumes (:mod:`detente.batch`).
"""
from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path
from typing import Iterator, Optional

from . import locks
from .db import Closable, EventStore
from .dedup import NearDuplicateIndex

# How often the watcher looks for waiting readers while the session is between steps, and how
# long a session must have been between steps before it pauses: steps that follow one another
# at once (a batch written, the next one's stories looked up) share one opening (s).
WATCH_INTERVAL = 0.02
IDLE_BEFORE_PAUSE = 0.05
# ... but with readers waiting, a session that has had the file this long pauses after the step
# it is in, however soon the next one follows: readers wait at most about this plus one step.
LONGEST_TURN = 0.25


class WriteSession(Closable):
    """Write to the store at ``path`` in steps, letting readers in between them::

        with WriteSession("relations.duckdb") as session:
            with session.store() as store:        # one step: the store is open inside
                store.add_coded(batch)

    ``wait``: how long a step waits for readers to finish before it fails with E302.
    """

    def __init__(self, path: str | Path, *, wait: float = locks.SESSION_WAIT) -> None:
        self.path = str(path)
        self.wait = wait
        self.pauses = 0                           # how often the file was closed for readers
        self._writer = locks.writer_session(self.path)     # E302 now if another process writes
        self._store: Optional[EventStore] = None
        self._dups: Optional[NearDuplicateIndex] = None  # kept while the file is closed: no one else writes
        self._mutex = threading.Lock()
        self._last_step = self._opened_at = time.monotonic()
        self._closing = threading.Event()
        self._watcher: Optional[threading.Thread] = None
        if locks.lock_folder(self.path) is not None:
            self._watcher = threading.Thread(target=self._watch, name="detente-write-session", daemon=True)
            self._watcher.start()

    @contextlib.contextmanager
    def store(self) -> Iterator[EventStore]:
        """One step: the store, open for writing, for the length of the ``with`` block."""
        with self._mutex:
            if self._store is None:
                self._store = EventStore(self.path, wait=self.wait, migrate=self.pauses == 0)
                self._store._dups = self._dups
                self._opened_at = time.monotonic()
            try:
                yield self._store
            finally:
                self._last_step = time.monotonic()
                if self._last_step - self._opened_at >= LONGEST_TURN and locks.readers_waiting(self.path):
                    self._pause()

    def _pause(self) -> None:
        """Close the file (the mutex is held): readers get their turn."""
        if self._store is not None:
            self._dups = self._store._dups
            self._store.close()
            self._store = None
            self.pauses += 1

    def _watch(self) -> None:
        while not self._closing.wait(WATCH_INTERVAL):
            if (self._store is None or time.monotonic() - self._last_step < IDLE_BEFORE_PAUSE
                    or not locks.readers_waiting(self.path)):
                continue
            if self._mutex.acquire(blocking=False):     # between steps: pause now
                try:
                    self._pause()
                finally:
                    self._mutex.release()

    def close(self) -> None:
        self._closing.set()
        if self._watcher is not None:
            self._watcher.join()
        with self._mutex:
            if self._store is not None:
                self._store.close()
                self._store = None
        self._writer.release()

    def __repr__(self) -> str:
        return f"WriteSession({self.path!r})"
