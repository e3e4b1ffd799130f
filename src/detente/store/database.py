"""``detente.open(path)``: the event store as DataFrames and Arrow tables.

:class:`~detente.store.db.EventStore` hands out lazy DuckDB relations (what the library's own
code composes); analysts mostly want a table in hand.  :class:`Database` wraps a store and
returns ``pyarrow.Table`` (default) or ``pandas.DataFrame`` from every reader::

    import detente
    db = detente.open("relations.duckdb")
    db.events(dyad=("USA", "RUS"), start="2025-01-01")             # pyarrow.Table
    db.events(dyad=("USA", "RUS"), output="pandas")                 # pandas.DataFrame
    db.unique_events(source="RUS")                                  # one row per real-world event
    db.stories(duplicates=False).num_rows
    db.sql("SELECT cameo, count(*) FROM events GROUP BY ALL", output="pandas")
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, Union

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import BadValue
from .db import Closable, EventStore

Output = Literal["arrow", "pandas"]
Table = Union[pa.Table, pd.DataFrame]


def _out(rel: duckdb.DuckDBPyRelation, output: Output) -> Table:
    if output == "arrow":
        return rel.to_arrow_table()
    if output == "pandas":
        return rel.df()
    raise BadValue("E309", what="output", value=output, choices="arrow (pyarrow.Table), pandas (DataFrame)")


class Database(Closable):
    """An event store opened for reading tables (and, unless ``read_only``, writing)."""

    def __init__(self, path: str | Path = "detente.duckdb", *, read_only: bool = False) -> None:
        self.store = EventStore(path, read_only=read_only)

    # -- tables
    def events(self, *, output: Output = "arrow", **filters: Any) -> Table:
        """Coded and imported events, one row per coded event (see EventStore.events for the
        filters: source, target, dyad, start, end, event_type, origin, story_id, limit)."""
        return _out(self.store.events(**filters), output)

    def unique_events(self, *, output: Output = "arrow", **filters: Any) -> Table:
        """One row per real-world event with num_mentions / num_stories / num_sources."""
        return _out(self.store.unique_events(**filters), output)

    def stories(self, *, output: Output = "arrow", **filters: Any) -> Table:
        """Stored stories (start, end, source, story_id, duplicates, limit)."""
        return _out(self.store.stories(**filters), output)

    def sentences(self, *, output: Output = "arrow") -> Table:
        return _out(self.store.con.sql("SELECT * FROM sentences ORDER BY story_id, sentence_id"), output)

    def actors(self, *, output: Output = "arrow") -> Table:
        return _out(self.store.con.sql(
            "SELECT * FROM actors ORDER BY n_as_source + n_as_target DESC, code, name"), output)

    def dyad_months(self, *, output: Output = "arrow", **filters: Any) -> Table:
        return _out(self.store.dyad_months(**filters), output)

    def sql(self, query: str, params: list | None = None, *, output: Output = "arrow") -> Table:
        """Any DuckDB SQL over the documented tables and views (bound ``?`` parameters)."""
        return _out(self.store.con.sql(query, params=params), output)

    # -- the rest of the store (add_coded, export, stats, ...) is one attribute away
    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"detente.open({self.store.path!r}, read_only={self.store.read_only})"


def open_database(path: str | Path = "detente.duckdb", *, read_only: bool = False) -> Database:
    """Open (or create) an event store; see :class:`Database`."""
    return Database(path, read_only=read_only)
