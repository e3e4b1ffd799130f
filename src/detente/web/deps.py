"""What the routes share: the event store, opened read-only for each request."""
from __future__ import annotations

from typing import Iterator

from fastapi import Request

from ..errors import DetenteError
from ..store import EventStore


def store(request: Request) -> Iterator[EventStore]:
    """The dashboard's event store for one request.  Opened per request and read-only, so a
    running ``detente ingest`` can keep writing to the file between requests."""
    db_path = request.app.state.db_path
    if not db_path.exists():
        raise DetenteError("E506", detail=f"no event database at {db_path.name}; build one with `detente ingest`")
    try:
        opened = EventStore(db_path, read_only=True)
    except DetenteError as exc:
        raise DetenteError("E506", detail=exc.message) from None
    try:
        if "events" not in opened.tables():
            raise DetenteError("E506", detail="the database has no events table yet")
        yield opened
    finally:
        opened.close()
