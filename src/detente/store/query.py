"""Reading the store: lazy DuckDB relations over events, stories and mentions, filtered with
bound parameters only, plus the flat exports (Parquet, CSV, JSON Lines) and summary counts.

Every reader in detente -- the analytics, the report, the dashboard, the exports -- gets its
rows here, as a relation it can refine (``.filter``, ``.order``) and fetch (``.df()``,
``.to_arrow_table()``).  :func:`event_filter` is the one place a filter becomes SQL.
"""
from __future__ import annotations

import json
import re
from datetime import date as Date
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb
import pyarrow as pa

from ..datafiles import check_issue_ids
from ..errors import BadValue
from ..ontology import EVENT_COLUMNS
from ..schema import CSV_LIST_SEPARATOR, row_to_event_json

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
ORDER = "event_date, event_id"
# what a column a table lacks reads as (NULL, unless an empty value of its type is meant)
_MISSING = {"issues": "[]::VARCHAR[]"}


def _as_date(value: Date | str, what: str) -> Date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    try:
        return Date.fromisoformat(str(value))
    except ValueError:
        raise BadValue("E308", value=value, what=what) from None


def _as_confidence(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not 0.0 <= number <= 1.0:                     # NaN fails this too
        raise BadValue("E323", value=value)
    return number


def event_filter(*, source: str | None = None, target: str | None = None,
                 dyad: tuple[str, str] | None = None, pair: tuple[str, str] | None = None,
                 involving: Iterable[str] | None = None, start: Date | str | None = None,
                 end: Date | str | None = None, event_type: str | None = None, origin: str | None = None,
                 story_id: str | None = None, event_ids: Iterable[str] | None = None,
                 actor: str | None = None, dated: bool = False,
                 issue: str | Iterable[str] | None = None,
                 min_confidence: float | None = None) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (or "") and its bound parameters for the events matching every
    filter given.

    ``dyad=(a, b)``: directed, source a and target b; ``pair=(a, b)``: both directions;
    ``involving``: countries as source or target; ``start``/``end``: inclusive, on
    ``event_date``; ``actor``: text in either actor's name or words (case-insensitive);
    ``dated``: only events with a date; ``issue``: an issue id, or several (events about any
    of them), of the taxonomy (``data/analysis/issues.yaml``; an unknown id is E309); ``min_confidence``: events
    whose ``confidence`` is at least this (0 to 1; events without one are left out; on
    ``unique_events`` the highest confidence among an event's mentions).
    """
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if dyad is not None:
        add("source_country = ? AND target_country = ?", *dyad)
    if pair is not None:
        a, b = pair
        add("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))",
            a, b, b, a)
    if involving is not None:
        countries = list(involving)
        marks = ", ".join("?" for _ in countries)
        add(f"(source_country IN ({marks}) OR target_country IN ({marks}))", *countries, *countries)
    if source is not None:
        add("source_country = ?", source)
    if target is not None:
        add("target_country = ?", target)
    if start is not None:
        add("event_date >= ?", _as_date(start, "start"))
    if end is not None:
        add("event_date <= ?", _as_date(end, "end"))
    if event_type is not None:
        add("event_type = ?", event_type)
    if origin is not None:
        add("origin = ?", origin)
    if story_id is not None:
        add("story_id = ?", story_id)
    if event_ids is not None:
        ids = list(event_ids)
        add(f"event_id IN ({', '.join('?' for _ in ids)})" if ids else "false", *ids)
    if actor:
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", actor) + "%"
        add("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in
                              ("source_name", "target_name", "source_text", "target_text")) + ")",
            *[pattern] * 4)
    if dated:
        add("event_date IS NOT NULL")
    if issue is not None:
        wanted = check_issue_ids([issue] if isinstance(issue, str) else issue)
        add("list_has_any(issues, ?::VARCHAR[])", wanted)
    if min_confidence is not None:
        add("confidence >= ?", _as_confidence(min_confidence))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _batches(rel: duckdb.DuckDBPyRelation, rows: int = 100_000) -> Iterator[pa.RecordBatch]:
    yield from rel.to_arrow_reader(rows)


class StoreQueries:
    """The reading half of :class:`~detente.store.EventStore`."""

    con: duckdb.DuckDBPyConnection
    path: str
    # filters every event reader of this store adds to the caller's (EventStore.filtered)
    standing_filters: dict[str, Any] = {}

    def _where(self, **filters: Any) -> tuple[str, list[Any]]:
        """:func:`event_filter` of the caller's filters and this store's standing ones."""
        return event_filter(**{**self.standing_filters, **filters})

    # ---------------------------------------------------------------- what is there
    def tables(self) -> set[str]:
        """Names of the tables and views in the store."""
        return {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}

    def _event_columns(self, table: str) -> str:
        """All event columns of ``table``, NULL for those it lacks (a DuckDB file or data frame
        written by other tools may hold fewer)."""
        have = {d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description}
        return ", ".join(c if c in have else f"{_MISSING.get(c, 'NULL')} AS {c}" for c in EVENT_COLUMNS)

    @property
    def counted_table(self) -> str:
        """What the analytics count: the ``unique_events`` view of a store holding coded stories
        (one row per real-world event however many stories report it: no double counting of
        republished wire copy or of one meeting coded from ten articles), else ``events``
        (imported data sets are event-level already; tables and files from elsewhere)."""
        tables = self.tables()
        if "unique_events" not in tables or "stories" not in tables:
            return "events"
        return "unique_events" if self.con.execute("SELECT EXISTS (SELECT 1 FROM stories)").fetchall()[0][0] else "events"

    @property
    def has_mentions(self) -> bool:
        """Whether the store counts country mentions per story (the coverage volume)."""
        return "mentions" in self.tables() and bool(
            self.con.execute("SELECT EXISTS (SELECT 1 FROM mentions)").fetchall()[0][0])

    # ---------------------------------------------------------------- relations
    def _select(self, table: str, columns: str, limit: int | None, offset: int | None, order: bool,
                **filters: Any) -> duckdb.DuckDBPyRelation:
        where, params = self._where(**filters)
        sql = f"SELECT {columns} FROM {table}{where}"
        if order:
            sql += f" ORDER BY {ORDER}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        return self.con.sql(sql, params=params)

    def events(self, *, limit: int | None = None, offset: int | None = None,
               **filters: Any) -> duckdb.DuckDBPyRelation:
        """A lazy relation over the events matching every filter (see :func:`event_filter`),
        one row per coded mention or imported event, ordered by date and id.  Use
        ``.to_arrow_table()`` or ``.df()`` for the rows."""
        return self._select("events", self._event_columns("events"), limit, offset, True, **filters)

    def unique_events(self, *, limit: int | None = None, story_urls: bool = False,
                      **filters: Any) -> duckdb.DuckDBPyRelation:
        """One row per real-world event (the ``unique_events`` view): the columns of its
        earliest mention plus ``cluster_id``, ``num_mentions``, ``num_stories``, ``num_sources``,
        ``mention_ids`` and ``story_ids``; ``story_urls`` adds the URL of that mention's story
        (``story_url``).  Same filters as :meth:`events`."""
        if not story_urls:
            return self._select("unique_events", "*", limit, None, True, **filters)
        where, params = self._where(**filters)
        sql = (f"SELECT e.*, s.url AS story_url FROM (SELECT * FROM unique_events{where}) e "
               "LEFT JOIN stories s ON s.story_id = e.story_id ORDER BY e.event_date, e.event_id")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.con.sql(sql, params=params)

    def counted_events(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """The events the analytics count (see :attr:`counted_table`), every event column
        present, unordered: callers refine the relation and order it themselves."""
        table = self.counted_table
        return self._select(table, self._event_columns(table), None, None, False, **filters)

    def issue_counts(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """issue, n: how many of the filtered events the analytics count (:attr:`counted_table`)
        are about each issue, most first."""
        table = self.counted_table
        if "issues" not in {d[0] for d in self.con.execute(f"SELECT * FROM {table} LIMIT 0").description}:
            return self.con.sql("SELECT NULL::VARCHAR AS issue, 0::BIGINT AS n WHERE false")
        where, params = self._where(**filters)
        return self.con.sql(f"SELECT issue, count(*) AS n FROM (SELECT unnest(issues) AS issue FROM {table}{where}) "
                            "GROUP BY issue ORDER BY n DESC, issue", params=params)

    def mentions_of(self, event_ids: Iterable[str]) -> duckdb.DuckDBPyRelation:
        """For counted events (``unique_events`` rows, by the id of their first mention) told in
        more than one sentence: every mention, the first included, with ``counted_id``, the
        counted event's id. Empty when the store counts ``events`` (each row is its own evidence)."""
        ids = list(dict.fromkeys(event_ids))
        if self.counted_table != "unique_events" or not ids:
            return self.con.sql("SELECT NULL::VARCHAR AS counted_id, * FROM events LIMIT 0")
        marks = ", ".join("?" for _ in ids)
        return self.con.sql(
            "SELECT u.counted_id, e.* FROM (SELECT event_id AS counted_id, unnest(mention_ids) AS mention_id "
            f"FROM unique_events WHERE num_mentions > 1 AND event_id IN ({marks})) u "
            "JOIN events e ON e.event_id = u.mention_id "
            "ORDER BY u.counted_id, e.story_id, e.sentence_id, e.event_id", params=ids)

    def count_events(self, **filters: Any) -> int:
        where, params = self._where(**filters)
        return int(self.con.execute(f"SELECT count(*) FROM events{where}", params).fetchall()[0][0])

    def mentions(self, countries: Iterable[str]) -> duckdb.DuckDBPyRelation:
        """Dated country mentions (event_date = the story's date, n) of any of ``countries``."""
        countries = list(countries)
        marks = ", ".join("?" for _ in countries)
        return self.con.sql(f"SELECT event_date, n FROM mentions WHERE country IN ({marks}) "
                            "AND event_date IS NOT NULL", params=countries)

    def stories(self, *, start: Date | str | None = None, end: Date | str | None = None,
                source: str | None = None, story_id: str | None = None,
                duplicates: bool = True, limit: int | None = None) -> duckdb.DuckDBPyRelation:
        """The stored stories (no text: the store keeps coded events, not the corpus).
        ``start``/``end`` filter the story date (inclusive), ``source`` the outlet;
        ``duplicates=False`` leaves out near-duplicates of stories already stored."""
        clauses, params = [], []
        for sql, value in (("date >= ?", _as_date(start, "start") if start is not None else None),
                           ("date <= ?", _as_date(end, "end") if end is not None else None),
                           ("source = ?", source), ("story_id = ?", story_id)):
            if value is not None:
                clauses.append(sql)
                params.append(value)
        if not duplicates:
            clauses.append("duplicate_of IS NULL")
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        sql = f"SELECT * FROM stories{where} ORDER BY date, story_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.con.sql(sql, params=params)

    def known_story_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """story_id -> content_hash for those of ``ids`` that are stored."""
        ids = list(ids)
        if not ids:
            return {}
        con = self.con
        con.register("_known_ids", pa.table({"story_id": pa.array(ids, pa.string())}))
        try:
            rows = con.execute("SELECT s.story_id, s.content_hash FROM stories s "
                               "SEMI JOIN _known_ids k ON s.story_id = k.story_id").fetchall()
        finally:
            con.unregister("_known_ids")
        return dict(rows)

    def dyad_months(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Counts by quad class and mean Goldstein per (source, target, month) for the filtered events."""
        where, params = self._where(dated=True, **filters)
        return self.con.sql(
            "SELECT source_country, target_country, date_trunc('month', event_date)::DATE AS month, "
            "count(*) AS n, "
            "count(*) FILTER (WHERE quad_class = 1) AS n_q1, count(*) FILTER (WHERE quad_class = 2) AS n_q2, "
            "count(*) FILTER (WHERE quad_class = 3) AS n_q3, count(*) FILTER (WHERE quad_class = 4) AS n_q4, "
            "avg(goldstein) AS goldstein_mean "
            f"FROM events{where} AND source_country IS NOT NULL AND target_country IS NOT NULL "
            "GROUP BY ALL ORDER BY ALL", params=params)

    # ---------------------------------------------------------------- out
    def export(self, path: str | Path, *, format: str = "parquet", limit: int | None = None,
               **filters: Any) -> int:
        """Write the filtered events to ``path``; returns the number of events written.

        parquet/csv: the flat events table (EVENT_ARROW_SCHEMA columns, CSV with a header); a
        parquet ``path`` without an extension becomes a folder partitioned by event year and
        month; jsonl: one public-schema event object per line.  (GDELT 2.0 columns:
        :func:`detente.interop.export_events`.)
        """
        fmt = format.lower()
        if fmt not in EXPORT_FORMATS:
            raise BadValue("E304", format=format, formats=", ".join(EXPORT_FORMATS)
                           + " (gdelt: detente.interop.export_events)")
        path = Path(path)
        if path.is_dir() and fmt != "parquet":
            raise BadValue("E304", format=f"{format} into a folder", formats="parquet")
        path.parent.mkdir(parents=True, exist_ok=True)
        rel = self.events(limit=limit, **filters)
        if fmt == "parquet" and not path.suffix:
            # a folder: a Parquet dataset partitioned by event year and month (hive layout,
            # year=2025/month=4/...), which DuckDB, pyarrow, Spark and pandas read as one table
            path.mkdir(parents=True, exist_ok=True)
            where, params = self._where(**filters)
            inner = f"SELECT *, year(event_date) AS year, month(event_date) AS month FROM events{where}"
            if limit is not None:
                inner += " LIMIT ?"
                params.append(int(limit))
            target = str(path).replace("'", "''")
            self.con.execute(f"COPY ({inner}) TO '{target}' (FORMAT parquet, COMPRESSION zstd, "
                             "PARTITION_BY (year, month), OVERWRITE_OR_IGNORE)", params)
        elif fmt == "parquet":
            rel.write_parquet(str(path), compression="zstd")
        elif fmt == "csv":
            rel.select(", ".join(f"array_to_string({c}, '{CSV_LIST_SEPARATOR}') AS {c}" if c == "issues" else c
                                 for c in rel.columns)).write_csv(str(path), header=True)
        else:
            n = 0
            with open(path, "w", encoding="utf-8") as fh:
                for batch in _batches(rel):
                    for row in batch.to_pylist():
                        fh.write(json.dumps(row_to_event_json(row), ensure_ascii=False, default=str) + "\n")
                        n += 1
            return n
        n = self.count_events(**filters)
        return min(n, limit) if limit is not None else n

    def stats(self) -> dict[str, Any]:
        con = self.con
        by_origin = {o: int(n) for o, n in con.execute(
            "SELECT origin, count(*) FROM events GROUP BY origin ORDER BY origin").fetchall()}
        first, last = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchall()[0]

        def count(sql: str) -> int:
            return int(con.execute(sql).fetchall()[0][0])

        return {
            "path": self.path,
            "events": sum(by_origin.values()),
            "events_by_origin": by_origin,
            "stories": count("SELECT count(*) FROM stories"),
            "near_duplicate_stories": count("SELECT count(*) FROM stories WHERE duplicate_of IS NOT NULL"),
            "mentions": count("SELECT count(*) FROM mentions"),
            "imports": count("SELECT count(*) FROM imports"),
            "first_date": first,
            "last_date": last,
        }
