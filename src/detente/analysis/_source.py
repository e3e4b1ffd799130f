"""Where the analytics get their events, and how they check what callers ask for.

Every analysis function takes ``src``: an :class:`~detente.store.EventStore`, a path to a
store file (opened read-only), a DuckDB connection holding an ``events`` table, or a pyarrow
Table / pandas DataFrame of events (``EVENT_ARROW_SCHEMA`` columns; missing ones read as NULL,
so imported ICEWS/GDELT-style tables work).  :func:`opened` turns any of them into a store;
the rows come from the store's relations, refined here with DuckDB expressions, never with
caller text pasted into SQL.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import duckdb
import pandas as pd
import pyarrow as pa
from duckdb import CoalesceOperator, ColumnExpression, ConstantExpression

from ..errors import BadValue, DetenteError
from ..ontology import countries_named
from ..schema import row_to_event_json
from ..store import EventStore
from .jsonable import jsonable

_ISO3 = re.compile(r"^[A-Z]{3}$")
GOV_SECTORS = ("GOV", "MIL", "LEG", "JUD")
REPORTING_LAG_DAYS = 31      # how long before the first story an event it reports may lie


class AnalysisError(BadValue):
    """Bad input to an analysis function (bad ISO3 code, bad date, unreadable source); ``code``
    is from the E4xx area of the error catalogue (``detente.errors.Errors``)."""


def check_iso3(code: str) -> str:
    c = (code or "").strip().upper()
    if not _ISO3.match(c):
        raise AnalysisError("E401", code=code)
    return c


def check_dyad(a: str, b: str) -> tuple[str, str]:
    """Two different ISO3 codes, upper-cased."""
    a, b = check_iso3(a), check_iso3(b)
    if a == b:
        raise AnalysisError("E407", code=a)
    return a, b


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
        raise AnalysisError("E402", what=what, value=d) from None


def check_range(start: Any, end: Any) -> tuple[Optional[Date], Optional[Date]]:
    """``start`` and ``end`` as dates, the first not after the second."""
    start, end = parse_date(start, "start date"), parse_date(end, "end date")
    if start and end and start > end:
        raise AnalysisError("E408", start=start, end=end)
    return start, end


def open_source(src: Any, mentions: Any = None) -> EventStore:
    """The event store behind any accepted ``src`` (see the module docstring)."""
    if isinstance(src, EventStore):
        return src
    if isinstance(src, (pa.Table, pd.DataFrame)):
        return EventStore.from_events(src, mentions=mentions)
    if isinstance(src, duckdb.DuckDBPyConnection):
        store = EventStore.on_connection(src)
    elif isinstance(src, (str, Path)):
        if not Path(src).exists():
            raise AnalysisError("E403", path=src)
        try:
            store = EventStore(src, read_only=True)
        except DetenteError as exc:
            raise AnalysisError("E404", what=str(src), reason=exc.message) from None
    else:
        raise AnalysisError("E404", what=type(src).__name__, reason="not a store, a DuckDB file or connection, "
                            "or a table of events")
    if "events" not in store.tables():
        store.close()
        raise AnalysisError("E404", what=str(src), reason="it has no 'events' table")
    return store


@contextmanager
def opened(src: Any, mentions: Any = None) -> Iterator[EventStore]:
    """:func:`open_source` for the length of a ``with`` block; a store opened here is closed."""
    store = open_source(src, mentions)
    try:
        yield store
    finally:
        if store is not src:
            store.close()


# ---------------------------------------------------------------- refining relations
def col(name: str) -> ColumnExpression:
    return ColumnExpression(name)


def among(expr: Any, values: Iterable[Any]) -> Any:
    """``expr IN (values)`` (a column name or expression) as a DuckDB expression; the values
    are constants, not SQL text."""
    return (col(expr) if isinstance(expr, str) else expr).isin(*[ConstantExpression(v) for v in values])


def _sector(name: str, default: str) -> Any:
    return CoalesceOperator(col(name), ConstantExpression(default))


def pair_expression(a: str, b: str) -> Any:
    """Events between a and b, either direction."""
    src, tgt = col("source_country"), col("target_country")
    return (((src == ConstantExpression(a)) & (tgt == ConstantExpression(b)))
            | ((src == ConstantExpression(b)) & (tgt == ConstantExpression(a))))


def frame(rel: duckdb.DuckDBPyRelation) -> pd.DataFrame:
    """A relation's rows, by date then id, with ``event_date`` as datetimes."""
    df = rel.order("event_date, event_id").df()
    df["event_date"] = pd.to_datetime(df["event_date"])
    return df


def dyad_events(store: EventStore, a: str, b: str, *, start: Optional[Date] = None,
                end: Optional[Date] = None, gov_only: bool = False) -> pd.DataFrame:
    """Counted events between a and b (both directions), every event column present."""
    rel = store.counted_events(pair=(a, b), start=start, end=end, dated=True)
    if gov_only:    # a target without a sector counts as government (state-level reporting)
        rel = rel.filter(among(_sector("source_sector", ""), GOV_SECTORS)
                         & among(_sector("target_sector", "GOV"), GOV_SECTORS))
    return frame(rel)


def dyad_or_one_sided_events(store: EventStore, a: str, b: str, *, start: Optional[Date] = None,
                             end: Optional[Date] = None) -> pd.DataFrame:
    """Counted events between a and b (both directions), and those of a or b with no
    counterpart coded: a one-sided step ("Russia released the prisoner", "the United States
    imposed sanctions") belongs to the pair's record too -- not one with an international body
    as its counterpart ("pledged to defend NATO territory" is between the state and NATO)."""
    one_sided = ((among("source_country", (a, b)) & col("target_country").isnull() & col("target_code").isnull())
                 | (among("target_country", (a, b)) & col("source_country").isnull() & col("source_code").isnull()))
    rel = store.counted_events(involving=(a, b), start=start, end=end, dated=True)
    df = frame(rel.filter(pair_expression(a, b) | one_sided))
    if df.empty or "sentence" not in df.columns:
        return df
    # only the one-sided rows can be a third country's business: read their sentences alone
    lone = df.index[df["source_country"].isna() | df["target_country"].isna()]
    third = [i for i in lone if with_a_third_country(df.loc[i].to_dict(), a, b)]
    return df.drop(index=third)


def with_a_third_country(row: dict, a: str, b: str) -> bool:
    """Is a one-sided event of the pair told as one with a third country -- its sentence names
    another country and not the pair's other side ("Gazprom signed a memorandum on a pipeline to
    China", its counterpart not coded)?"""
    src, tgt = row.get("source_country"), row.get("target_country")
    if not (pd.isna(tgt) or pd.isna(src)):
        return False
    own = src if not pd.isna(src) else tgt
    named = countries_named(row.get("sentence"))
    return bool(named - {a, b}) and (b if own == a else a) not in named


def story_period(src: Any, a: str, b: str) -> tuple[Optional[Date], Optional[Date]]:
    """First and last day of the stories that name a or b: the store's country mentions when
    it counts them, else the dates of the stories holding events of a or b; (None, None) for
    events without stories (imported data sets, tables built by hand). The analytics default
    to this period, so an event dated from a story's background ("the war it launched in
    2022") cannot stretch a 2025 series back to 2022."""
    a, b = check_iso3(a), check_iso3(b)
    with opened(src) as store:
        return _story_period(store, a, b)


def _story_period(store: EventStore, a: str, b: str) -> tuple[Optional[Date], Optional[Date]]:
    if store.has_mentions:
        lo, hi = store.mentions([a, b]).aggregate("min(event_date), max(event_date)").fetchall()[0]
        if lo is not None:
            return _as_date(lo), _as_date(hi)
    if "stories" in store.tables():
        ids = store.counted_events(involving=(a, b)).select("story_id").distinct()
        dates = store.stories().join(ids, "story_id").filter(col("date").isnotnull())
        lo, hi = dates.aggregate("min(date), max(date)").fetchall()[0]
        if lo is not None:
            return _as_date(lo), _as_date(hi)
    return None, None


def in_story_period(store: EventStore, a: str, b: str, start: Optional[Date],
                    end: Optional[Date]) -> tuple[Optional[Date], Optional[Date]]:
    """``start`` and ``end`` where given, else the story period's ends (:func:`story_period`),
    the first day moved back by REPORTING_LAG_DAYS: news reports what happened in the days
    before it ("met on Tuesday"), not years before."""
    if start is not None and end is not None:
        return start, end
    lo, hi = _story_period(store, a, b)
    if lo is not None:
        lo -= timedelta(days=REPORTING_LAG_DAYS)
    return (start if start is not None else lo), (end if end is not None else hi)


def _as_date(v: Any) -> Date:
    return v if type(v) is Date else pd.Timestamp(v).date()


def events_involving(store: EventStore, countries: list[str], *, start: Optional[Date] = None,
                     end: Optional[Date] = None) -> pd.DataFrame:
    """Counted events with any of ``countries`` as source or target."""
    return frame(store.counted_events(involving=countries, start=start, end=end, dated=True))


def evidence(rows: pd.DataFrame | list[dict], limit: int | None = None) -> list[dict]:
    """Rows of the events table -> public event JSON objects (JSON-safe values)."""
    recs = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    return [row_to_event_json({k: jsonable(v) for k, v in r.items()}) for r in recs[: limit if limit else None]]
