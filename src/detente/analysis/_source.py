"""One private helper that turns any accepted ``src`` into DuckDB queries.

Accepted: a ``detente.store.EventStore`` (anything with a ``.con`` DuckDB connection), a
DuckDB connection holding an ``events`` table, a path to a ``.duckdb`` file (opened
read-only), a pyarrow Table or a pandas DataFrame of events (``EVENT_ARROW_SCHEMA``
columns; missing columns are filled with NULL so imported ICEWS/GDELT-style tables work).
All SQL uses bound parameters; nothing from the caller is pasted into SQL text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Any, Optional

import duckdb
import pandas as pd
import pyarrow as pa

from ..errors import DetenteError
from ..schema import EVENT_ARROW_SCHEMA, MENTION_ARROW_SCHEMA, row_to_event_json

_ISO3 = re.compile(r"^[A-Z]{3}$")
EVENT_COLUMNS = [f.name for f in EVENT_ARROW_SCHEMA]


class AnalysisError(DetenteError, ValueError):
    """Bad input to an analysis function (bad ISO3 code, bad date, unreadable source).

    ``code`` is from the E4xx area of the error catalogue (``detente.errors.Errors``)."""

    def __init__(self, code: str, message: str):
        DetenteError.__init__(self, code, message)


def check_iso3(code: str) -> str:
    c = (code or "").strip().upper()
    if not _ISO3.match(c):
        raise AnalysisError("E401", f"not an ISO 3166-1 alpha-3 country code: {code!r}")
    return c


def parse_date(d: Any, what: str = "date") -> Optional[Date]:
    if d is None or d == "":
        return None
    if isinstance(d, pd.Timestamp):
        return d.date()
    if isinstance(d, Date):
        return d if type(d) is Date else d.date()  # datetime -> date
    try:
        return Date.fromisoformat(str(d)[:10])
    except ValueError:
        raise AnalysisError("E402", f"bad {what} {d!r}: expected YYYY-MM-DD") from None


@dataclass
class Source:
    con: duckdb.DuckDBPyConnection
    has_mentions: bool
    owned: bool = False

    @property
    def events_table(self) -> str:
        """What the analytics count: a detente store's ``unique_events`` view (one row per
        real-world event however many stories report it -- no double counting of republished
        wire copy or of the same meeting coded from ten articles), else the ``events`` table
        (imported files, Parquet, DataFrames)."""
        names = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        if "unique_events" not in names or "stories" not in names:
            return "events"
        # a store holding only imported data sets (event-level already) skips the grouping
        coded = self.con.execute("SELECT EXISTS (SELECT 1 FROM stories)").fetchone()[0]
        return "unique_events" if coded else "events"

    def query_df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).fetch_df()


def _arrow_with_all_columns(tbl: pa.Table, schema: pa.Schema) -> pa.Table:
    cols = []
    for f in schema:
        if f.name in tbl.column_names:
            col = tbl.column(f.name)
            try:
                col = col.cast(f.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                pass
            cols.append(col)
        else:
            cols.append(pa.nulls(tbl.num_rows, type=f.type))
    return pa.Table.from_arrays(cols, names=[f.name for f in schema])


def _frame_to_arrow(df: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    df = df.copy()
    if "event_date" in df.columns:
        df["event_date"] = pd.to_datetime(df["event_date"]).dt.date
    elif "date" in df.columns:
        df["event_date"] = pd.to_datetime(df["date"].astype(str).str[:10], errors="coerce").dt.date
    for f in schema:
        if f.name not in df.columns:
            df[f.name] = None
    return pa.Table.from_pandas(df[[f.name for f in schema]], schema=schema, preserve_index=False)


def open_source(src: Any, mentions: Any = None) -> Source:
    """Normalise ``src`` into a DuckDB connection with a table/view named ``events``."""
    if isinstance(src, (pa.Table, pd.DataFrame)):
        con = duckdb.connect()
        tbl = (_arrow_with_all_columns(src, EVENT_ARROW_SCHEMA) if isinstance(src, pa.Table)
               else _frame_to_arrow(src, EVENT_ARROW_SCHEMA))
        con.register("events", tbl)
        has_m = False
        if mentions is not None:
            m = (_arrow_with_all_columns(mentions, MENTION_ARROW_SCHEMA) if isinstance(mentions, pa.Table)
                 else _frame_to_arrow(mentions, MENTION_ARROW_SCHEMA))
            con.register("mentions", m)
            has_m = True
        return Source(con, has_m, owned=True)
    owned = False
    if isinstance(src, (str, Path)):
        p = Path(src)
        if not p.exists():
            raise AnalysisError("E403", f"no such database file: {p}")
        try:
            con = duckdb.connect(str(p), read_only=True)
        except duckdb.Error as exc:
            raise AnalysisError("E404", f"cannot open {p} as a DuckDB database: {exc}") from None
        owned = True
    elif isinstance(src, duckdb.DuckDBPyConnection):
        con = src
    elif hasattr(src, "con"):
        con = src.con
    else:
        raise AnalysisError("E404", f"unsupported source type {type(src).__name__}")
    names = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables").fetchall()}
    if "events" not in names:
        raise AnalysisError("E404", "the database has no 'events' table")
    has_m = False
    if "mentions" in names:
        has_m = con.execute("SELECT count(*) FROM mentions").fetchone()[0] > 0
    return Source(con, has_m, owned=owned)


def dyad_events(src: Any, a: str, b: str, *, start=None, end=None, gov_only: bool = False,
                involving_either: bool = False) -> pd.DataFrame:
    """Events between a and b (both directions), or (``involving_either``) any event with a
    or b as source or target.  Sorted by date then event_id, all EVENT columns present."""
    s = src if isinstance(src, Source) else open_source(src)
    a, b = check_iso3(a), check_iso3(b)
    table = s.events_table
    cols = {r[0] for r in s.con.execute(f"SELECT * FROM {table} LIMIT 0").description}
    sel = ", ".join(c if c in cols else f"NULL AS {c}" for c in EVENT_COLUMNS)
    if involving_either:
        where = "(source_country IN (?, ?) OR target_country IN (?, ?))"
        params: list = [a, b, a, b]
    else:
        where = "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))"
        params = [a, b, b, a]
    if start is not None:
        where += " AND event_date >= ?"
        params.append(parse_date(start, "start date"))
    if end is not None:
        where += " AND event_date <= ?"
        params.append(parse_date(end, "end date"))
    if gov_only:
        where += " AND coalesce(source_sector, '') IN ('GOV', 'MIL', 'LEG', 'JUD') AND coalesce(target_sector, 'GOV') IN ('GOV', 'MIL', 'LEG', 'JUD')"
    df = s.query_df(f"SELECT {sel} FROM {table} WHERE {where} AND event_date IS NOT NULL "
                    "ORDER BY event_date, event_id", params)
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def all_events_of(src: Source, countries: list[str], start=None, end=None) -> pd.DataFrame:
    table = src.events_table
    cols = {r[0] for r in src.con.execute(f"SELECT * FROM {table} LIMIT 0").description}
    sel = ", ".join(c if c in cols else f"NULL AS {c}" for c in EVENT_COLUMNS)
    ph = ", ".join("?" for _ in countries)
    df = src.query_df(f"SELECT {sel} FROM {table} WHERE (source_country IN ({ph}) OR target_country IN ({ph})) "
                      "AND event_date IS NOT NULL ORDER BY event_date, event_id", countries + countries)
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def evidence(rows: pd.DataFrame | list[dict], limit: int | None = None) -> list[dict]:
    """Rows of the events table -> public event JSON objects (JSON-safe values)."""
    if isinstance(rows, pd.DataFrame):
        recs = rows.to_dict("records")
    else:
        recs = list(rows)
    out = []
    for r in recs[: limit if limit else None]:
        clean = {}
        for k, v in r.items():
            if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
                clean[k] = None
            elif isinstance(v, pd.Timestamp):
                clean[k] = v.date().isoformat()
            elif hasattr(v, "item"):  # numpy scalar
                clean[k] = v.item()
            else:
                clean[k] = v
        out.append(row_to_event_json(clean))
    return out
