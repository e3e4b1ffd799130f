"""Taking turns on one store file: one writer and any number of readers, across processes.

DuckDB lets one process open a file for writing, and while it has the file open no other
process may open it at all, not even read-only (and a reader keeps a writer out the same way).
So that ``detente ingest`` and ``detente serve`` can share a store, detente processes take turns
through advisory ``flock`` locks on the files of a folder beside the store, ``<store>.lock/``:

``writer``
    held exclusively for a whole writing session (``detente ingest``, ``detente import``, an
    ``EventStore`` opened for writing): a second writer is refused at once with E302.  The
    holder's process id is written into it, so the refusal can name it.
``data``
    held exclusively while a writer has the DuckDB file open, shared while a reader has it open.
``gate``
    a writer holds it from the moment it wants ``data`` until it lets go of ``data``; a reader
    passes through it before taking ``data``.  Without it a stream of overlapping readers (a
    busy dashboard) could keep ``data`` shared for ever and the writer would never get in.
``waiting``
    readers hold it, shared, while they wait; a writer that finds it taken closes the file at its
    next pause (:class:`~detente.store.session.WriteSession`), and lets the waiting readers in
    before it takes its next turn.

``flock`` locks belong to an open file, are released by the kernel when the process dies
(SIGKILL included: no stale lock survives a crash) and are independent for each ``open``, so
threads of one process (the dashboard's requests) take their turns separately.  Where there is
no ``fcntl`` (Windows) or the folder cannot be made (a read-only directory), nothing is
coordinated and a conflicting open fails at once with DuckDB's own lock error (E302).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Optional

try:
    import fcntl
except ImportError:                         # pragma: no cover - Windows
    fcntl = None                            # type: ignore[assignment]

from ..errors import Unavailable

# How long an open waits for its turn by default: a reader waits for the batch being written,
# a writer for the requests being answered (seconds).
DEFAULT_WAIT = 30.0
# How long a writer that paused for waiting readers gives them to get in before it queues again.
READER_GRACE = 0.5
FOLLOW_ON = 0.03
_POLL_FIRST, _POLL_MAX = 0.002, 0.01
# A writer that has waited this long for readers says so (once) on the detente.store logger.
SAY_WAITING = 5.0
# How long a writing session (detente ingest) waits for readers at each turn: a slow request or
# a long analysis is waited for, a reader that never closes (a notebook) ends the run with E302.
SESSION_WAIT = 600.0

log = logging.getLogger("detente.store")

_registry_lock = threading.Lock()
_process_holds: dict[tuple[str, str], tuple["_Hold", int]] = {}   # (folder, lock) -> (hold, users) in this process
_thread_holds = threading.local()                     # .reads: folder -> read turns held by this thread


def lock_folder(store_path: str | Path) -> Optional[Path]:
    """The folder of a store's lock files (made if missing), or None where locks cannot be used."""
    if fcntl is None or str(store_path) == ":memory:":
        return None
    folder = Path(os.path.abspath(store_path) + ".lock")
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


class _Flock:
    """One ``flock`` on one file of the lock folder, through its own open file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: Optional[int] = None

    def try_take(self, exclusive: bool) -> bool:
        if self.fd is None:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(self.fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def take(self, exclusive: bool, deadline: float) -> bool:
        """Poll until taken (True) or ``deadline`` (``time.monotonic()``) passes (False)."""
        pause = _POLL_FIRST
        while not self.try_take(exclusive):
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, _POLL_MAX)
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)                 # closing the file releases its flock
            self.fd = None


class _Hold:
    """Locks held together; :meth:`release` lets them all go (once, however often called)."""

    def __init__(self, locks: list[_Flock]) -> None:
        self.locks = locks

    def release(self) -> None:
        for lock in reversed(self.locks):
            lock.release()
        self.locks = []


class _Free(_Hold):
    """What an open without coordination holds: nothing."""

    def __init__(self) -> None:
        super().__init__([])


class _ProcessUse(_Hold):
    """One user's share of a hold this process has once (a writer session, a write turn): the
    locks go when the last user releases."""

    def __init__(self, key: tuple[str, str]) -> None:
        super().__init__([])
        self.key = key

    def release(self) -> None:
        with _registry_lock:
            if self.key is None:
                return
            shared, users = _process_holds[self.key]
            if users > 1:
                _process_holds[self.key] = (shared, users - 1)
            else:
                del _process_holds[self.key]
                shared.release()
            self.key = None


def _held_already(store_path: str | Path, name: str) -> tuple[Path, Optional[_Hold]]:
    """The store's lock folder, and what to hold instead of taking ``name``: nothing where locks
    cannot be used; a share of this process's hold where it has one (a process that writes to a
    store may open it for writing again: DuckDB shares one database within a process); else
    None."""
    folder = lock_folder(store_path)
    if folder is None:
        return Path(), _Free()
    key = (str(folder), name)
    with _registry_lock:
        if key not in _process_holds:
            return folder, None
        shared, users = _process_holds[key]
        _process_holds[key] = (shared, users + 1)
        return folder, _ProcessUse(key)


def _register(folder: Path, name: str, hold: _Hold) -> _Hold:
    """``hold`` as this process's, shared by later opens of the same store; the first share."""
    key = (str(folder), name)
    with _registry_lock:
        _process_holds[key] = (hold, 1)
    return _ProcessUse(key)


def holds_write_turn(store_path: str | Path) -> bool:
    """Whether this process has the store open for writing right now."""
    folder = lock_folder(store_path)
    return folder is not None and (str(folder), "data") in _process_holds


def writer_session(store_path: str | Path) -> _Hold:
    """The store's writer lock for a whole writing session; E302 at once if another process has it."""
    folder, held = _held_already(store_path, "writer")
    if held is not None:
        return held
    lock = _Flock(folder / "writer")
    if not lock.try_take(exclusive=True):
        holder = _holder(folder / "writer")
        lock.release()
        raise Unavailable("E302", path=str(store_path),
                          reason=f"another detente process{holder} is writing to it (`detente ingest` or "
                                 "`detente import`), and a store takes one writer at a time")
    os.ftruncate(lock.fd, 0)
    os.write(lock.fd, str(os.getpid()).encode())
    return _register(folder, "writer", _Hold([lock]))


def _holder(path: Path) -> str:
    try:
        pid = path.read_text().strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def readers_waiting(store_path: str | Path) -> bool:
    """Whether a reader is waiting for its turn on the store."""
    folder = lock_folder(store_path)
    if folder is None:
        return False
    probe = _Flock(folder / "waiting")
    try:
        return not probe.try_take(exclusive=True)
    finally:
        probe.release()


def write_turn(store_path: str | Path, wait: float = DEFAULT_WAIT) -> _Hold:
    """The store to oneself, for writing: readers that are in finish, new ones wait.  E302 when
    readers keep it longer than ``wait`` seconds."""
    folder, held = _held_already(store_path, "data")
    if held is not None:
        return held
    deadline = time.monotonic() + wait
    gate, data = _Flock(folder / "gate"), _Flock(folder / "data")
    # readers that wait go first: until none waits any more, or (with readers still arriving)
    # until the first is in and the others polling have had FOLLOW_ON to follow it, for at most
    # READER_GRACE -- then the gate closes behind those that made it
    grace = min(deadline, time.monotonic() + READER_GRACE)
    while readers_waiting(store_path) and time.monotonic() < grace:
        if not data.try_take(exclusive=True):                      # a reader is in
            grace = min(grace, time.monotonic() + FOLLOW_ON)
        else:
            data.release()
        time.sleep(_POLL_FIRST)
    if gate.take(True, deadline):
        got = data.take(True, min(deadline, time.monotonic() + SAY_WAITING))
        if not got:
            log.warning("waiting for the readers of %s to close it (a dashboard request, an analysis, "
                        "a notebook's detente.open); giving up in %.0f s", store_path,
                        max(0.0, deadline - time.monotonic()))
            got = data.take(True, deadline)
        if got:
            return _register(folder, "data", _Hold([gate, data]))
    gate.release()
    data.release()
    raise Unavailable("E302", path=str(store_path),
                      reason=f"readers kept it open for more than {wait:g} s (a writer waits for them to close it)")


def read_turn(store_path: str | Path, wait: float = DEFAULT_WAIT) -> _Hold:
    """A reader's turn on the store: waits while a writer has it (E302 after ``wait`` seconds)."""
    folder = lock_folder(store_path)
    if folder is None or holds_write_turn(store_path):
        # this process writes to the store itself: DuckDB decides (it refuses a second,
        # read-only configuration of an open database)
        return _Free()
    reads = getattr(_thread_holds, "reads", None)
    if reads is None:
        reads = _thread_holds.reads = {}
    key = str(folder)
    if key in reads:
        # a read inside a read on the same thread: the outer turn covers it (queueing at the
        # gate behind a writer that waits for the outer read would never end)
        reads[key][0] += 1
        return _ThreadRead(reads, key)
    deadline = time.monotonic() + wait
    waiting, gate, data = _Flock(folder / "waiting"), _Flock(folder / "gate"), _Flock(folder / "data")
    try:
        if not (waiting.take(False, deadline) and gate.take(False, deadline) and data.take(False, deadline)):
            data.release()
            raise Unavailable("E302", path=str(store_path),
                              reason=f"a writer kept it for more than {wait:g} s (an import, or a program "
                                     "that has it open for writing)")
    finally:
        gate.release()
        waiting.release()
    reads[key] = [1, data]
    return _ThreadRead(reads, key)


class _ThreadRead(_Hold):
    """One of a thread's read turns on a store; the shared ``data`` lock goes when the last does."""

    def __init__(self, reads: dict, key: str) -> None:
        super().__init__([])
        self.reads, self.folder, self.done = reads, key, False

    def release(self) -> None:
        if self.done:
            return
        self.done = True
        entry = self.reads[self.folder]
        entry[0] -= 1
        if entry[0] == 0:
            del self.reads[self.folder]
            entry[1].release()
