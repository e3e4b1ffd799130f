"""The heavy read routes' answers, computed once per query and kept until the data changes.

A dyad's series, stage or agenda takes the analytics from a fraction of a second to many
seconds on a large store; a dashboard with a few users asks for the same ones again and again,
often at the same moment.  :class:`QueryCache` keeps each answer as its JSON bytes, keyed by the
route, its parameters and the event store's *data version* (the size and modification time of
the store file and its write-ahead log, so an ingest into the store makes new answers), and
computes an answer only once when several requests ask for it together.  At most
``max_computing`` answers are computed at a time (the analytics hold Python's lock most of the
time: more at once only makes each slower), so the answers already kept stay fast under load.
"""
from __future__ import annotations

import json
import threading
from collections import OrderedDict
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Hashable, Iterator, Optional

from fastapi import Request
from fastapi.responses import Response

from ..analysis import jsonable
from ..store import EventStore
from . import deps


def data_version(db_path: Path) -> Optional[tuple]:
    """What changes whenever the store's data does; None when there is no store file."""
    parts = []
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            if path == db_path:
                return None
            continue
        parts.append((st.st_mtime_ns, st.st_size))
    return tuple(parts)


def json_bytes(obj: Any) -> bytes:
    """A route's answer as the bytes the response sends (values already JSON-safe)."""
    return json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


class QueryCache:
    """Least recently used answers, at most ``max_entries`` of them and ``max_bytes`` in all."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 256_000_000, max_computing: int = 2) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._computing = threading.BoundedSemaphore(max_computing)
        self._done: OrderedDict[Hashable, bytes] = OrderedDict()
        self._running: dict[Hashable, Future] = {}
        self._size = 0
        self._lock = threading.Lock()
        self.computed = 0          # answers computed (not served from the cache): for tests

    def get(self, key: Hashable, compute: Callable[[], bytes]) -> bytes:
        """The answer for ``key``: kept, being computed by another request (wait for it), or
        computed now.  A failed computation is not kept; every request waiting for it fails
        the same way."""
        with self._lock:
            if key in self._done:
                self._done.move_to_end(key)
                return self._done[key]
            running = self._running.get(key)
            if running is None:
                mine: Future = Future()
                self._running[key] = mine
        if running is not None:
            return running.result()
        try:
            with self._computing:
                body = compute()
        except BaseException as exc:
            with self._lock:
                del self._running[key]
            mine.set_exception(exc)
            raise
        with self._lock:
            del self._running[key]
            self.computed += 1
            self._keep(key, body)
        mine.set_result(body)
        return body

    def _keep(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes:
            return
        self._done[key] = body
        self._size += len(body)
        while len(self._done) > self.max_entries or self._size > self.max_bytes:
            _, old = self._done.popitem(last=False)
            self._size -= len(old)


@contextmanager
def _store(request: Request) -> Iterator[EventStore]:
    yield from deps.store(request)


def cached(request: Request, compute: Callable[[EventStore], Any]) -> Response:
    """The route's answer: computed with the store once per path, query and data version.
    The whole query is in the key, so the filters every route reads (``min_confidence``)
    make their own answers."""
    def answer() -> bytes:
        with _store(request) as store:
            return json_bytes(jsonable(compute(store)))

    version = data_version(request.app.state.db_path)
    if version is None:                 # no store file: the store dependency says why (503)
        return Response(answer(), media_type="application/json")
    key = (request.url.path, tuple(sorted(request.query_params.multi_items())), version)
    return Response(request.app.state.cache.get(key, answer), media_type="application/json")
