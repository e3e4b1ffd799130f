"""The embedded DuckDB event store: the only package that opens DuckDB.

It owns the table layout and its migrations (``ddl``), writing coded stories and imported
events (``writer``), every read as a lazy relation with bound filters and the flat exports
(``query``), near-duplicate detection (``dedup``) and ``detente.open``'s table-returning
wrapper (``database``).  It knows nothing of the coder, the importers or the analytics above it::

    from detente.store import EventStore
    with EventStore("events.duckdb", read_only=True) as db:
        db.events(dyad=("USA", "RUS"), start="2025-01-01").to_arrow_table()
"""
from .database import Database, open_database
from .db import EventStore
from .query import EXPORT_FORMATS, event_filter
from .session import WriteSession
from .writer import AddStats, content_sha1

__all__ = ["AddStats", "Database", "EXPORT_FORMATS", "EventStore", "WriteSession", "content_sha1", "event_filter",
           "open_database"]
