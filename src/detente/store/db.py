"""The embedded DuckDB event store: one file, no server, one writer.

:class:`EventStore` is the only place in detente that opens DuckDB.  It joins the table layout
(:mod:`.ddl`), the writer (:mod:`.writer`) and the readers (:mod:`.query`); besides store files
it opens events held in memory (:meth:`EventStore.from_events`) or in a DuckDB connection
someone else opened (:meth:`EventStore.on_connection`), so that every reader of events reads
them the same way.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Optional, Union

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import Unavailable
from ..ontology import EVENT_ARROW_SCHEMA, MENTION_ARROW_SCHEMA
from ..schema import CSV_LIST_SEPARATOR
from .ddl import check_readable, create_or_migrate, schema_version
from . import locks
from .dedup import NearDuplicateIndex
from .query import StoreQueries, event_filter
from .writer import StoreWriter

Frame = Union[pa.Table, pd.DataFrame]


def _with_all_columns(frame: Frame, schema: pa.Schema) -> pa.Table:
    """An Arrow table in ``schema``'s layout from a table or frame that may lack columns (NULL;
    an empty list for list columns) or hold them in other types (cast where Arrow can); a
    missing ``event_date`` is taken from ``date``."""
    if isinstance(frame, pd.DataFrame):
        df = frame.copy()
        if "event_date" in df.columns:
            df["event_date"] = pd.to_datetime(df["event_date"]).dt.date
        elif "date" in df.columns and "event_date" in schema.names:
            df["event_date"] = pd.to_datetime(df["date"].astype(str).str[:10], errors="coerce").dt.date
        for f in schema:
            if f.name not in df.columns:
                df[f.name] = (pd.Series([[] for _ in range(len(df))], index=df.index, dtype=object)
                              if pa.types.is_list(f.type) else None)
            elif pa.types.is_list(f.type) and df[f.name].map(lambda v: isinstance(v, str)).any():
                # a list column read back from a CSV export: items joined by CSV_LIST_SEPARATOR
                df[f.name] = df[f.name].map(lambda v: [x for x in v.split(CSV_LIST_SEPARATOR) if x]
                                            if isinstance(v, str) else v)
        return pa.Table.from_pandas(df[schema.names], schema=schema, preserve_index=False)
    cols = []
    for f in schema:
        if f.name in frame.column_names:
            col = frame.column(f.name)
            try:
                col = col.cast(f.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                pass
            cols.append(col)
        elif pa.types.is_list(f.type):
            cols.append(pa.array([[]] * frame.num_rows, type=f.type))     # a list column: empty
        else:
            cols.append(pa.nulls(frame.num_rows, type=f.type))
    return pa.Table.from_arrays(cols, names=schema.names)


class Closable:
    """``with`` support for what has a ``close()``: closed when the block ends."""

    def __enter__(self):
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class EventStore(Closable, StoreWriter, StoreQueries):
    """An embedded DuckDB event store (a single file, or ``":memory:"``).

    Only one process may open a file for writing; readers open it with ``read_only=True``.
    Opening waits up to ``wait`` seconds for its turn (:mod:`.locks`): a reader while a writer
    has the file, a writer while readers have it; a second writer is refused at once (E302).
    ``config``: DuckDB settings for the connection (the query sandbox's, :mod:`.sandbox`);
    ``migrate=False``: leave the tables as they are (a :class:`~.session.WriteSession` opening
    again a file it opened, and migrated, moments ago: it saves a tenth of a second a step).
    """

    _holds: tuple = ()                    # the turn (and writer session) this store holds

    def __init__(self, path: str | Path = "detente.duckdb", *, read_only: bool = False,
                 wait: float = locks.DEFAULT_WAIT, config: Optional[dict] = None, migrate: bool = True):
        self.path = str(path)
        self.read_only = read_only
        self._dups: Optional[NearDuplicateIndex] = None   # built from story_minhash on first write
        self._owns_connection = True
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise Unavailable("E301", path=self.path)
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait
        self._holds = _take_turn(self.path, read_only, wait)
        try:
            self.con: duckdb.DuckDBPyConnection = _connect(self.path, read_only, deadline, config)
        except BaseException:
            self._let_go()
            raise
        try:
            if read_only:
                check_readable(self.con, self.path)
            elif migrate:
                create_or_migrate(self.con, self.path)
        except BaseException:
            self.close()
            raise

    @classmethod
    def from_events(cls, events: Frame, *, mentions: Frame | None = None) -> "EventStore":
        """A read-only store over events held in memory: a pyarrow Table or pandas DataFrame with
        the event columns (missing ones read as NULL), and optionally country mentions."""
        store = cls.__new__(cls)
        store.path, store.read_only, store._dups, store._owns_connection = ":memory:", True, None, True
        store.con = duckdb.connect()
        store.con.register("events", _with_all_columns(events, EVENT_ARROW_SCHEMA))
        if mentions is not None:
            store.con.register("mentions", _with_all_columns(mentions, MENTION_ARROW_SCHEMA))
        return store

    @classmethod
    def on_connection(cls, con: duckdb.DuckDBPyConnection) -> "EventStore":
        """The store in a DuckDB connection opened elsewhere (left open by :meth:`close`)."""
        store = cls.__new__(cls)
        store.path, store.read_only, store._dups, store._owns_connection = "<connection>", True, None, False
        store.con = con
        return store

    def filtered(self, **filters: Any) -> "EventStore":
        """This store with every event reader restricted by ``filters`` too (those of
        :func:`~detente.store.event_filter`, e.g. ``min_confidence=0.7``), for handing to code
        that reads the store itself, such as the analytics::

            analysis.dyad_series(store.filtered(min_confidence=0.7), "USA", "RUS")

        It shares this store's connection: close this store, not the view."""
        event_filter(**filters)                      # a bad value fails here, not mid-analysis
        view = EventStore.on_connection(self.con)
        view.path, view.read_only = self.path, self.read_only
        view.standing_filters = {**self.standing_filters, **filters}
        return view

    def schema_version(self) -> Optional[int]:
        return schema_version(self.con)

    def close(self) -> None:
        if self.con is not None and self._owns_connection:
            self.con.close()
        self.con = None  # type: ignore[assignment]
        self._let_go()

    def _let_go(self) -> None:
        """Let the next reader or writer have the file (after the connection is closed)."""
        for hold in reversed(self._holds):
            hold.release()
        self._holds = ()

    def __repr__(self) -> str:
        return f"EventStore({self.path!r}, read_only={self.read_only})"


def _take_turn(path: str, read_only: bool, wait: float) -> tuple:
    """The locks an open of ``path`` holds until it closes (see :mod:`.locks`)."""
    if path == ":memory:":
        return ()
    if read_only:
        return (locks.read_turn(path, wait),)
    session = locks.writer_session(path)
    try:
        return session, locks.write_turn(path, wait)
    except BaseException:
        session.release()
        raise


def _connect(path: str, read_only: bool, deadline: float, config: Optional[dict] = None) -> duckdb.DuckDBPyConnection:
    """DuckDB's connection, retried until ``deadline`` while a process that does not take
    detente's turns (the DuckDB shell, another program) holds the file's lock."""
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config or {})
        except duckdb.IOException as exc:  # locked by another program, unreadable, ...
            reason = str(exc).splitlines()[0]
            if "lock" not in reason.lower():
                raise Unavailable("E302", path=path, reason=reason) from None
            if time.monotonic() >= deadline:
                raise Unavailable("E302", path=path, reason=f"{reason} (another program has it open; a store "
                                  "takes one writer, or any number of readers, at a time)") from None
            time.sleep(0.05)
        except duckdb.ConnectionException:
            # this process has the file open already in another way (writing, other settings)
            raise Unavailable("E302", path=path, reason="this process has it open already"
                              + (" for writing; read through that store" if locks.holds_write_turn(path)
                                 else " with other settings; close that first")) from None
