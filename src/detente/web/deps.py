"""What the routes share: the event store, opened read-only for each request."""
from __future__ import annotations

import math
from typing import Any, Iterator

from fastapi import Query, Request

from ..errors import DetenteError
from ..store import EventStore

# How long a request waits for its turn while `detente ingest` writes a batch to the store (s).
# A batch is one transaction and the ingest lets waiting readers in after it, so a request
# waits for at most one write; past this the store is taken for longer (an import, a writer
# that does not take turns) and the request gets E506.
STORE_WAIT = 30.0

# ?min_confidence= is read by :func:`store` for every route; a route declares it with this for
# its documentation and its validation
MIN_CONFIDENCE = Query(None, ge=0, le=1, description="Only events with at least this confidence, 0-1 "
                                                     "(a real-world event: its most confident report)")


def standing_filters(request: Request) -> dict[str, Any]:
    """The filters a request puts on every event it reads: ``?min_confidence=`` (E501 when it
    is not a number from 0 to 1).  Part of any cache key of an answer built from the store."""
    raw = request.query_params.get("min_confidence")
    if raw is None or raw == "":
        return {}
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0.0 <= value <= 1.0:
        raise DetenteError("E501", detail=f"min_confidence: must be a number from 0 to 1, not {raw[:40]!r}")
    return {"min_confidence": value}


def store(request: Request) -> Iterator[EventStore]:
    """The dashboard's event store for one request.  Opened per request and read-only, so a
    running ``detente ingest`` can keep writing to the file between requests: while it writes,
    the request waits its turn (:mod:`detente.store.locks`).  The request's
    :func:`standing_filters` restrict every event it reads (the store's ``event_filter``)."""
    filters = standing_filters(request)
    db_path = request.app.state.db_path
    if not db_path.exists():
        raise DetenteError("E506", detail=f"no event database at {db_path.name}; build one with `detente ingest`")
    try:
        opened = EventStore(db_path, read_only=True, wait=STORE_WAIT)
    except DetenteError as exc:
        raise DetenteError("E506", detail=exc.message) from None
    try:
        if "events" not in opened.tables():
            raise DetenteError("E506", detail="the database has no events table yet")
        yield opened.filtered(**filters) if filters else opened
    finally:
        opened.close()
