"""The embedded DuckDB event store and the corpus-scale ingest driver.

    from detente.store import EventStore
    with EventStore("events.duckdb") as db:
        db.events(dyad=("USA", "RUS"), start="2025-01-01").to_arrow_table()

``detente.store.ingest.ingest`` codes a corpus into a store (optionally on Dask).
"""
from .db import EVENT_COLUMNS, EXPORT_FORMATS, AddStats, EventStore

__all__ = ["EventStore", "AddStats", "EVENT_COLUMNS", "EXPORT_FORMATS"]
