"""The coding worker: ``POST /api/code`` codes stories in a child process, never in the server.

A story that makes the coder run away (a megabyte of text, a pathological sentence) could
otherwise pin a CPU and grow without bound, and a thread cannot be stopped from outside.  A
child process can: :class:`CodingWorker` keeps one, holding one loaded coder, sends it one
story at a time and kills it (SIGKILL) when the story's time budget runs out, when the client
goes away or when the server shuts down.  The next request starts a fresh child.

The child is started with the ``spawn`` method (the server has threads: forking them is
unsafe), ignores SIGINT (the server decides when it ends) and exits on its own when the
server process disappears, even when the server was killed.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from typing import Any, Awaitable, Callable, Optional

from ..errors import DetenteError
from ..schema import Story

# how often the server looks at the child's pipe, and at the client, while a story is coded
POLL_SECONDS = 0.02
CLIENT_CHECK_SECONDS = 0.2
# how long a fresh child may take to load the coder (spaCy and the actor tables)
LOAD_TIMEOUT_SECONDS = 300.0


class ClientGone(Exception):
    """The client closed the connection before its story was coded: nobody is waiting."""


class _Expired(Exception):
    """The story's time budget ran out (the child has been killed)."""


def default_coder() -> Any:
    """The coder the dashboard uses unless another factory is given: detente's full Coder."""
    from ..coding import Coder

    return Coder()


def _watch_parent(parent_pid: int) -> None:
    # a child whose server is gone (even SIGKILLed) must not keep coding for nobody
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(1)


def _child(conn: Any, factory: Callable[[], Any], parent_pid: int) -> None:
    """The child's loop: load the coder once, then code each story received; send back JSON."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    try:
        coder = factory()
    except Exception as exc:  # reported to the server, which answers 503 with the reason
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    from ..analysis import jsonable

    while True:
        try:
            story = conn.recv()
        except (EOFError, OSError):
            return
        try:
            coded = coder.code_story(story)
            conn.send(("ok", {"events": [e.to_json() for e in coded.events], "n_sentences": coded.n_sentences,
                              "country_mentions": jsonable(coded.country_mentions)}))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


class CodingWorker:
    """One child process holding one coder; :meth:`code` sends it a story under a time budget.

    ``factory``: a picklable callable returning an object with ``code_story(Story)`` (the
    child calls it once); by default detente's :class:`~detente.coding.Coder`.
    Stories are coded one at a time: a request waits for the one before it, up to its budget.
    """

    def __init__(self, factory: Optional[Callable[[], Any]] = None, *,
                 load_timeout: float = LOAD_TIMEOUT_SECONDS) -> None:
        self.factory = factory or default_coder
        self.load_timeout = load_timeout
        self._process: Optional[multiprocessing.process.BaseProcess] = None
        self._conn: Any = None
        self._ready = False
        self._lock: Optional[asyncio.Lock] = None
        self.closed = False

    @property
    def pid(self) -> Optional[int]:
        """The child's process id while one is running (for tests and the health route)."""
        return self._process.pid if self._process is not None and self._process.is_alive() else None

    @property
    def loaded(self) -> bool:
        """Whether a child is running with its coder loaded."""
        return self._ready and self.pid is not None

    async def code(self, story: Story, *, timeout: float,
                   client_gone: Callable[[], Awaitable[bool]]) -> dict:
        """The coded story as JSON (``events``, ``n_sentences``, ``country_mentions``).

        Raises E510 when coding takes longer than ``timeout`` seconds (the child is killed),
        E511 when another story holds the coder longer than that, E512 when the coder cannot
        start or its process dies, and :class:`ClientGone` when ``client_gone()`` turns true
        (the child is killed if it was coding)."""
        if self.closed:
            raise DetenteError("E512", detail="the server is shutting down")
        if self._lock is None:
            self._lock = asyncio.Lock()
        try:
            await asyncio.wait_for(self._lock.acquire(), timeout)
        except asyncio.TimeoutError:
            raise DetenteError("E511", limit=timeout) from None
        try:
            if await client_gone():
                raise ClientGone()
            await self._start(client_gone)
            self._conn.send(story)
            return await self._result(timeout, client_gone)
        finally:
            self._lock.release()

    async def _start(self, client_gone: Callable[[], Awaitable[bool]]) -> None:
        if self._process is not None and self._process.is_alive() and self._ready:
            return
        if self._process is None or not self._process.is_alive():
            self.kill()
            ctx = multiprocessing.get_context("spawn")
            parent, child = ctx.Pipe()
            self._process = ctx.Process(target=_child, args=(child, self.factory, os.getpid()),
                                        name="detente-coder", daemon=True)
            self._process.start()
            child.close()
            self._conn = parent
        deadline = time.monotonic() + self.load_timeout
        # a client that leaves during the load leaves the child loading for the next request
        kind, detail = await self._receive(deadline, client_gone, kill_if_gone=False)
        if kind != "ready":
            self.kill()
            raise DetenteError("E512", detail=f"loading the coder failed ({detail})")
        self._ready = True

    async def _result(self, timeout: float, client_gone: Callable[[], Awaitable[bool]]) -> dict:
        try:
            kind, payload = await self._receive(time.monotonic() + timeout, client_gone, kill_if_gone=True)
        except _Expired:
            raise DetenteError("E510", limit=timeout) from None
        if kind == "error":
            raise DetenteError("E599", kind=payload)
        return payload

    async def _receive(self, deadline: float, client_gone: Callable[[], Awaitable[bool]],
                       kill_if_gone: bool) -> tuple[str, Any]:
        """The child's next message; kills the child on timeout, on a lost client (when
        ``kill_if_gone``), on cancellation (server shutdown) and when it dies."""
        next_check = time.monotonic() + CLIENT_CHECK_SECONDS
        try:
            while True:
                if self._conn.poll():
                    try:
                        return self._conn.recv()
                    except (EOFError, OSError):
                        pass  # the pipe broke: the child is dying; reported below
                if not self._process.is_alive() or self._conn.closed:
                    code = self._process.exitcode
                    self.kill()
                    raise DetenteError("E512", detail=f"the coding process stopped (exit code {code})")
                now = time.monotonic()
                if now >= deadline:
                    self.kill()
                    if not kill_if_gone:
                        raise DetenteError("E512", detail=f"the coder did not load in {self.load_timeout:g} s")
                    raise _Expired()
                if now >= next_check:
                    next_check = now + CLIENT_CHECK_SECONDS
                    if await client_gone():
                        if kill_if_gone:
                            self.kill()
                        raise ClientGone()
                await asyncio.sleep(POLL_SECONDS)
        except asyncio.CancelledError:
            self.kill()  # the server is stopping this request (shutdown): stop the work too
            raise

    def kill(self) -> None:
        """Stop the child now (SIGKILL), if there is one; the next story starts a fresh one."""
        proc, conn = self._process, self._conn
        self._process, self._conn, self._ready = None, None, False
        if conn is not None:
            conn.close()
        if proc is not None:
            if proc.is_alive():
                proc.kill()
            proc.join(timeout=5)
            if proc.exitcode is not None:
                proc.close()

    def close(self) -> None:
        """Stop the child and refuse further stories (server shutdown)."""
        self.closed = True
        self.kill()
