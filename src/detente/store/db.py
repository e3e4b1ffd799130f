"""The embedded DuckDB event store: one file, no server, one writer.

See ``README.md`` next to this file for the table layout.  Everything bulk goes in and out
as Arrow; every user-supplied filter is a bound parameter.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..schema import EVENT_ARROW_SCHEMA, MENTION_ARROW_SCHEMA, CodedStory, events_to_arrow, row_to_event_json
from .dedup import story_signature_text
from .messages import msg

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int8(): "TINYINT",
    pa.float64(): "DOUBLE",
    pa.date32(): "DATE",
}
EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in EVENT_ARROW_SCHEMA)
EXPORT_FORMATS = ("parquet", "csv", "jsonl", "gdelt")

STORY_ARROW_SCHEMA = pa.schema([
    pa.field("story_id", pa.string(), nullable=False),
    pa.field("content_hash", pa.string()),
    pa.field("title", pa.string()),
    pa.field("date", pa.date32()),
    pa.field("url", pa.string()),
    pa.field("source", pa.string()),
    pa.field("path", pa.string()),
    pa.field("n_words", pa.int32()),
    pa.field("n_sentences", pa.int32()),
    pa.field("coded_at", pa.timestamp("us", tz="UTC")),
    pa.field("coder_version", pa.string()),
    pa.field("duplicate_of", pa.string()),    # root story of its near-duplicate group, or NULL
])


def _ddl_columns(schema: pa.Schema, pk: Optional[str] = None) -> str:
    cols = []
    for f in schema:
        t = _DUCK_TYPES[f.type]
        extra = " PRIMARY KEY" if f.name == pk else ("" if f.nullable else " NOT NULL")
        cols.append(f'"{f.name}" {t}{extra}')
    return ",\n  ".join(cols)


SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS events (
  {_ddl_columns(EVENT_ARROW_SCHEMA, pk="event_id")}
);
CREATE TABLE IF NOT EXISTS stories (
  story_id VARCHAR PRIMARY KEY,
  content_hash VARCHAR,
  title VARCHAR,
  date DATE,
  url VARCHAR,
  source VARCHAR,
  path VARCHAR,
  n_words INTEGER,
  n_sentences INTEGER,
  coded_at TIMESTAMPTZ,
  coder_version VARCHAR,
  duplicate_of VARCHAR
);
CREATE TABLE IF NOT EXISTS story_minhash (story_id VARCHAR PRIMARY KEY, signature BLOB);
CREATE TABLE IF NOT EXISTS mentions (
  {_ddl_columns(MENTION_ARROW_SCHEMA)}
);
CREATE TABLE IF NOT EXISTS imports (
  path VARCHAR NOT NULL,
  sha1 VARCHAR NOT NULL,
  origin VARCHAR NOT NULL,
  rows_ok BIGINT,
  rows_bad BIGINT,
  imported_at TIMESTAMPTZ,
  PRIMARY KEY (sha1, origin)
);
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
STORE_SCHEMA_VERSION = 2

# Columns every mention of one real-world event shares (they are in its cluster key): grouping
# by them as well lets DuckDB push a dyad or date filter on the view below the aggregation, so
# `SELECT ... FROM unique_events WHERE source_country = ?` reads one dyad, not the whole store.
_CLUSTER_COLUMNS = ("source_country", "target_country", "event_date")


def _unique_events_sql() -> str:
    others = [c for c in EVENT_COLUMNS if c not in _CLUSTER_COLUMNS] + ["story_group", "outlet"]
    first = ", ".join(f"{c} := m.{c}" for c in others)
    cols = ", ".join(c if c in _CLUSTER_COLUMNS else f"g.first.{c} AS {c}"
                     for c in list(EVENT_COLUMNS) + ["story_group", "outlet"])
    own = ", ".join(f"m.{c}" for c in list(EVENT_COLUMNS) + ["story_group", "outlet"])
    # Two branches, one result: rows of imported data sets (GDELT, ICEWS, POLECAT) are events
    # already, each its own cluster (event_mentions keys them by event_id), so they skip the
    # grouping -- which costs ~1.5 s per 300,000 events -- and carry the values a group of one
    # would: one mention, its story and outlet when it has them, itself as the first mention.
    return f"""CREATE OR REPLACE VIEW unique_events AS
SELECT g.cluster_key AS cluster_id, g.num_mentions, g.num_stories, g.num_sources,
       g.mention_ids, g.story_ids, {cols}
FROM (SELECT m.cluster_key, m.source_country, m.target_country, m.event_date,
             count(*) AS num_mentions, count(DISTINCT m.story_id) AS num_stories,
             count(DISTINCT m.outlet) AS num_sources,
             list(m.event_id ORDER BY m.event_id) AS mention_ids,
             list(DISTINCT m.story_id ORDER BY m.story_id) AS story_ids,
             arg_min(struct_pack({first}), (m.event_date, m.story_id, m.sentence_id, m.event_id)) AS first
      FROM event_mentions m
      WHERE m.origin = 'detente' OR m.origin IS NULL
      GROUP BY m.cluster_key, m.source_country, m.target_country, m.event_date) g
UNION ALL BY NAME
SELECT m.cluster_key AS cluster_id, 1::BIGINT AS num_mentions,
       (m.story_id IS NOT NULL)::BIGINT AS num_stories, (m.outlet IS NOT NULL)::BIGINT AS num_sources,
       [m.event_id] AS mention_ids,
       CASE WHEN m.story_id IS NULL THEN []::VARCHAR[] ELSE [m.story_id] END AS story_ids, {own}
FROM event_mentions m
WHERE m.origin <> 'detente';"""


# Views: always consistent with the tables, nothing to maintain on write.
#  sentences      -- the sentences events were coded from (provenance), one row each
#  actors         -- every resolved actor with how often it acts and is acted upon
#  event_mentions -- events rows + the story group (near-duplicates share one) + outlet + the
#                    key that identifies one real-world event across stories
#  unique_events  -- one row per real-world event: its earliest mention's columns plus
#                    num_mentions / num_stories / num_sources and links to every mention
VIEWS_SQL = """
CREATE OR REPLACE VIEW sentences AS
SELECT story_id, sentence_id, min(span_start) AS start_char, max(span_end) AS end_char,
       any_value(sentence) AS text, count(*) AS n_events
FROM events WHERE sentence IS NOT NULL GROUP BY story_id, sentence_id;

CREATE OR REPLACE VIEW actors AS
SELECT code, name, country, sector, sum(as_source)::BIGINT AS n_as_source,
       sum(as_target)::BIGINT AS n_as_target, min(event_date) AS first_date, max(event_date) AS last_date
FROM (SELECT source_code AS code, source_name AS name, source_country AS country, source_sector AS sector,
             1 AS as_source, 0 AS as_target, event_date
      FROM events WHERE source_code IS NOT NULL OR source_name IS NOT NULL
      UNION ALL
      SELECT target_code, target_name, target_country, target_sector, 0, 1, event_date
      FROM events WHERE target_code IS NOT NULL OR target_name IS NOT NULL)
GROUP BY ALL;

CREATE OR REPLACE VIEW event_mentions AS
SELECT e.*, coalesce(s.duplicate_of, e.story_id) AS story_group,
       coalesce(s.source, coalesce(s.duplicate_of, e.story_id)) AS outlet,
       CASE WHEN e.origin <> 'detente' THEN hash(e.event_id)   -- imported data sets are event-level already
            WHEN e.date_precision IN ('day', 'story') AND (e.source_country IS NOT NULL OR e.target_country IS NOT NULL)
            THEN hash(e.origin, e.source_country, e.target_country, e.cameo, e.date)
            ELSE hash(e.origin, coalesce(e.source_code, e.source_name), coalesce(e.target_code, e.target_name),
                      e.cameo, e.date, coalesce(s.duplicate_of, e.story_id)) END AS cluster_key
FROM events e LEFT JOIN stories s ON s.story_id = e.story_id;
""" + _unique_events_sql()



@dataclass
class AddStats:
    """What one :meth:`EventStore.add_coded` call wrote."""

    stories: int = 0          # stories written (new or replaced)
    replaced: int = 0         # of which were already stored (their old events were removed)
    events: int = 0           # event rows written
    mentions: int = 0         # mention rows written
    near_duplicates: int = 0  # stories linked to an earlier near-duplicate (stories.duplicate_of)

    def __iadd__(self, other: "AddStats") -> "AddStats":
        self.near_duplicates += other.near_duplicates
        self.stories += other.stories
        self.replaced += other.replaced
        self.events += other.events
        self.mentions += other.mentions
        return self


def _coder_version_default() -> str:
    try:
        from importlib.metadata import version

        return "detente " + version("detente")
    except Exception:  # pragma: no cover - not installed
        return "detente"


class EventStore:
    """An embedded DuckDB event store (a single file, or ``":memory:"``).

    Only one process may open a file for writing; readers open it with ``read_only=True``.
    """

    def __init__(self, path: str | Path = "detente.duckdb", *, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        if self.path != ":memory:":
            p = Path(self.path)
            if read_only and not p.exists():
                raise FileNotFoundError(msg("E301", path=self.path))
            if not read_only:
                p.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con: duckdb.DuckDBPyConnection = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:  # locked by another writer, unreadable, ...
            raise OSError(msg("E302", path=self.path, reason=str(exc).splitlines()[0])) from exc
        self._dups = None          # NearDuplicateIndex, built from story_minhash on first write
        if not read_only:
            self.con.execute(SCHEMA_SQL)
            self._migrate()
        else:
            v = self.schema_version()
            if v is not None and v < STORE_SCHEMA_VERSION:
                self.close()
                raise OSError(msg("E306", path=self.path, found=v, current=STORE_SCHEMA_VERSION))

    def schema_version(self) -> Optional[int]:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'store_schema_version'").fetchall()
        except duckdb.CatalogException:
            return None
        return int(row[0][0]) if row else None

    def _migrate(self) -> None:
        """Bring a store written by an older detente up to STORE_SCHEMA_VERSION, in one
        transaction (each step is idempotent).  1 -> 2: stories.duplicate_of, story_minhash,
        the views."""
        found = self.schema_version()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if found is not None and found > STORE_SCHEMA_VERSION:
                raise OSError(msg("E307", path=self.path, found=found, current=STORE_SCHEMA_VERSION))
            cols = {r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'stories'").fetchall()}
            if "duplicate_of" not in cols:
                con.execute("ALTER TABLE stories ADD COLUMN duplicate_of VARCHAR")
            con.execute(VIEWS_SQL)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('store_schema_version', ?)", [str(STORE_SCHEMA_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    # ---------------------------------------------------------------- lifecycle
    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None  # type: ignore[assignment]

    def __enter__(self) -> "EventStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"EventStore({self.path!r}, read_only={self.read_only})"

    # ---------------------------------------------------------------- writing
    def add_coded(self, coded: Iterable[CodedStory], *, coder_version: str | None = None,
                  signatures: Optional[dict[str, Optional[bytes]]] = None) -> AddStats:
        """Write coded stories in ONE transaction.

        A story already stored is replaced: its events and mentions are deleted and the new
        ones inserted in the same transaction, so re-coding is idempotent and an interrupted
        call leaves the store as it was (complete stories only).

        ``signatures``: story id -> MinHash signature bytes already computed (by an ingest
        worker, :func:`detente.store.dedup.signature`); the others are computed here.
        """
        coded = list(coded)
        if not coded:
            return AddStats()
        # last occurrence of a story id in the batch wins
        by_id: dict[str, CodedStory] = {}
        for cs in coded:
            by_id[cs.story.id] = cs
        coded = list(by_id.values())
        now = datetime.now(timezone.utc)
        version = coder_version or _coder_version_default()
        # near-duplicates: each story is matched against every stored story and the earlier
        # ones of this batch (the index is updated as we go, rebuilt if the write fails)
        dups = self._duplicate_index()
        roots: dict[str, Optional[str]] = {}
        sig_ids, sig_blobs = [], []
        for cs in coded:
            blob = signatures.get(cs.story.id) if signatures else None
            if blob is not None:
                sig = np.frombuffer(blob, dtype=dups.dtype)
            else:
                sig = dups.signature(story_signature_text(cs.story.title, cs.story.text))
            root = None
            if sig is not None:
                root = dups.find_root(cs.story.id, sig)
                dups.add(cs.story.id, sig, root)
                sig_ids.append(cs.story.id)
                sig_blobs.append(sig.tobytes())
            roots[cs.story.id] = root

        stories = pa.table({
            "story_id": [cs.story.id for cs in coded],
            "content_hash": [cs.story.content_hash for cs in coded],
            "title": [cs.story.title for cs in coded],
            "date": [cs.story.date for cs in coded],
            "url": [cs.story.url for cs in coded],
            "source": [cs.story.source for cs in coded],
            "path": [cs.story.path for cs in coded],
            "n_words": [cs.n_words for cs in coded],
            "n_sentences": [cs.n_sentences for cs in coded],
            "coded_at": [now] * len(coded),
            "coder_version": [version] * len(coded),
            "duplicate_of": [roots[cs.story.id] for cs in coded],
        }, schema=STORY_ARROW_SCHEMA)
        signatures = pa.table({"story_id": pa.array(sig_ids, pa.string()),
                               "signature": pa.array(sig_blobs, pa.binary())})
        events = events_to_arrow((e for cs in coded for e in cs.events), origin="detente")
        m_story, m_date, m_country, m_n = [], [], [], []
        for cs in coded:
            for country, n in sorted(cs.country_mentions.items()):
                m_story.append(cs.story.id)
                m_date.append(cs.story.date)
                m_country.append(country)
                m_n.append(int(n))
        mentions = pa.table({"story_id": m_story, "event_date": m_date, "country": m_country, "n": m_n},
                            schema=MENTION_ARROW_SCHEMA)
        ids = pa.table({"story_id": stories.column("story_id")})

        con = self.con
        con.register("_add_ids", ids)
        con.register("_add_stories", stories)
        con.register("_add_events", events)
        con.register("_add_mentions", mentions)
        con.register("_add_signatures", signatures)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                replaced = con.execute(
                    "SELECT count(*) FROM stories WHERE story_id IN (SELECT story_id FROM _add_ids)").fetchall()[0][0]
                con.execute("DELETE FROM events WHERE story_id IN (SELECT story_id FROM _add_ids)")
                con.execute("DELETE FROM mentions WHERE story_id IN (SELECT story_id FROM _add_ids)")
                con.execute("DELETE FROM stories WHERE story_id IN (SELECT story_id FROM _add_ids)")
                con.execute("DELETE FROM story_minhash WHERE story_id IN (SELECT story_id FROM _add_ids)")
                con.execute("INSERT INTO stories BY NAME SELECT * FROM _add_stories")
                con.execute("INSERT INTO story_minhash SELECT * FROM _add_signatures")
                # an event id seen twice in a batch is one event; one already stored under
                # another story id (same id => same content) is kept, not duplicated
                n_events = con.execute(
                    "INSERT OR IGNORE INTO events SELECT * FROM _add_events "
                    "ORDER BY source_country, target_country, event_date").fetchall()[0][0]
                con.execute("INSERT INTO mentions SELECT * FROM _add_mentions")
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                self._dups = None          # holds this batch's stories: rebuild from the store
                raise
        finally:
            for name in ("_add_ids", "_add_stories", "_add_events", "_add_mentions", "_add_signatures"):
                con.unregister(name)
        return AddStats(stories=len(coded), replaced=int(replaced), events=int(n_events),
                        near_duplicates=sum(1 for r in roots.values() if r is not None),
                        mentions=mentions.num_rows)

    def _duplicate_index(self):
        if self._dups is None:
            from .dedup import NearDuplicateIndex

            index = NearDuplicateIndex()
            index.load(self.con.execute(
                "SELECT m.story_id, m.signature, s.duplicate_of FROM story_minhash m "
                "JOIN stories s USING (story_id) ORDER BY m.story_id").fetchall())
            self._dups = index
        return self._dups

    def add_events(self, table: pa.Table | pa.RecordBatch, *, origin: str,
                   source_file: str | None = None) -> int:
        """Bulk-load imported events (columns of EVENT_ARROW_SCHEMA); returns rows inserted.

        Idempotent per ``event_id``: rows whose id is already stored are ignored.  ``origin``
        overrides the table's origin column.  ``source_file`` is only used in error messages;
        the importers record whole files in ``imports`` (see :mod:`detente.interop`).
        """
        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        missing = [c for c in EVENT_COLUMNS if c not in table.column_names]
        if missing:
            raise ValueError(msg("E303", path=source_file or "<table>", columns=", ".join(missing)))
        table = table.select(list(EVENT_COLUMNS))
        table = table.set_column(table.schema.get_field_index("origin"), "origin",
                                 pa.array([origin] * table.num_rows, pa.string()))
        table = table.cast(EVENT_ARROW_SCHEMA)
        if table.num_rows == 0:
            return 0
        # an anti-join insert is ~2x faster than INSERT OR IGNORE on DuckDB's ART index;
        # DISTINCT ON only when the batch itself repeats an id (checked cheaply in Arrow)
        src = "_bulk_events"
        if pc.count_distinct(table.column("event_id")).as_py() < table.num_rows:
            src = "(SELECT DISTINCT ON (event_id) * FROM _bulk_events)"
        con = self.con
        con.register("_bulk_events", table)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                n = con.execute(f"INSERT INTO events SELECT b.* FROM {src} b "
                                "ANTI JOIN events e ON e.event_id = b.event_id "
                                "ORDER BY b.source_country, b.target_country, b.event_date").fetchall()[0][0]
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.unregister("_bulk_events")
        return int(n)

    # ---------------------------------------------------------------- imports bookkeeping
    def imported(self, sha1: str, origin: str) -> Optional[dict[str, Any]]:
        row = self.con.execute(
            "SELECT path, sha1, origin, rows_ok, rows_bad, imported_at FROM imports WHERE sha1 = ? AND origin = ?",
            [sha1, origin]).fetchall()
        if not row:
            return None
        row = row[0]
        return dict(zip(("path", "sha1", "origin", "rows_ok", "rows_bad", "imported_at"), row))

    def record_import(self, path: str, sha1: str, origin: str, rows_ok: int, rows_bad: int) -> None:
        self.con.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?, ?, ?, ?)",
                         [path, sha1, origin, rows_ok, rows_bad, datetime.now(timezone.utc)])

    # ---------------------------------------------------------------- reading
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

    @staticmethod
    def _where(*, source: str | None = None, target: str | None = None,
               dyad: tuple[str, str] | None = None, start: Date | str | None = None,
               end: Date | str | None = None, event_type: str | None = None,
               origin: str | None = None, story_id: str | None = None,
               alias: str = "") -> tuple[str, list[Any]]:
        p = f"{alias}." if alias else ""
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, value: Any) -> None:
            clauses.append(sql)
            params.append(value)

        if dyad is not None:
            a, b = dyad
            add(f"{p}source_country = ?", a)
            add(f"{p}target_country = ?", b)
        if source is not None:
            add(f"{p}source_country = ?", source)
        if target is not None:
            add(f"{p}target_country = ?", target)
        if start is not None:
            add(f"{p}event_date >= ?", _as_date(start))
        if end is not None:
            add(f"{p}event_date <= ?", _as_date(end))   # inclusive
        if event_type is not None:
            add(f"{p}event_type = ?", event_type)
        if origin is not None:
            add(f"{p}origin = ?", origin)
        if story_id is not None:
            add(f"{p}story_id = ?", story_id)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def events(self, *, source: str | None = None, target: str | None = None,
               dyad: tuple[str, str] | None = None, start: Date | str | None = None,
               end: Date | str | None = None, event_type: str | None = None,
               origin: str | None = None, story_id: str | None = None,
               limit: int | None = None) -> duckdb.DuckDBPyRelation:
        """A lazy relation over the events matching every given filter (bound parameters).

        ``dyad=(a, b)`` is directed (source a, target b); ``start``/``end`` are inclusive and
        apply to ``event_date``.  Use ``.to_arrow_table()``/``.arrow()`` for bulk results.
        """
        return self._filtered("events", limit, source=source, target=target, dyad=dyad, start=start,
                              end=end, event_type=event_type, origin=origin, story_id=story_id)

    def _filtered(self, table: str, limit: int | None, **filters: Any) -> duckdb.DuckDBPyRelation:
        where, params = self._where(**filters)
        sql = f"SELECT * FROM {table}{where} ORDER BY event_date, event_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.con.sql(sql, params=params)

    def unique_events(self, *, limit: int | None = None, **filters: Any) -> duckdb.DuckDBPyRelation:
        """One row per real-world event (the ``unique_events`` view): the columns of its
        earliest mention plus ``cluster_id``, ``num_mentions``, ``num_stories``, ``num_sources``,
        ``mention_ids`` and ``story_ids``; same filters as :meth:`events`."""
        return self._filtered("unique_events", limit, **filters)

    def stories(self, *, start: Date | str | None = None, end: Date | str | None = None,
                source: str | None = None, story_id: str | None = None,
                duplicates: bool = True, limit: int | None = None) -> duckdb.DuckDBPyRelation:
        """The stored stories (no text: the store keeps coded events, not the corpus).
        ``start``/``end`` filter the story date (inclusive), ``source`` the outlet;
        ``duplicates=False`` leaves out near-duplicates of stories already stored."""
        clauses, params = [], []
        for sql, value in (("date >= ?", _as_date(start) if start is not None else None),
                           ("date <= ?", _as_date(end) if end is not None else None),
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

    def dyad_months(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """Counts by quad class and mean Goldstein per (source, target, month) for the filtered events."""
        where, params = self._where(**filters)
        extra = " AND " if where else " WHERE "
        sql = (
            "SELECT source_country, target_country, date_trunc('month', event_date)::DATE AS month, "
            "count(*) AS n, "
            "count(*) FILTER (WHERE quad_class = 1) AS n_q1, count(*) FILTER (WHERE quad_class = 2) AS n_q2, "
            "count(*) FILTER (WHERE quad_class = 3) AS n_q3, count(*) FILTER (WHERE quad_class = 4) AS n_q4, "
            "avg(goldstein) AS goldstein_mean "
            f"FROM events{where}{extra}source_country IS NOT NULL AND target_country IS NOT NULL "
            "AND event_date IS NOT NULL GROUP BY ALL ORDER BY ALL")
        return self.con.sql(sql, params=params)

    def export(self, path: str | Path, *, format: str = "parquet", **filters: Any) -> int:
        """Write the filtered events to ``path``; returns the number of events written.

        parquet/csv: the flat events table (EVENT_ARROW_SCHEMA columns, CSV with a header);
        jsonl: one public-schema event object per line; gdelt: GDELT 2.0 61-column TSV.
        """
        fmt = format.lower()
        if fmt not in EXPORT_FORMATS:
            raise ValueError(msg("E304", format=format, formats=", ".join(EXPORT_FORMATS)))
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        limit = filters.pop("limit", None)
        if path.is_dir() and fmt != "parquet":
            raise ValueError(msg("E304", format=f"{format} into a folder", formats="parquet (folders), " +
                                 ", ".join(EXPORT_FORMATS)))
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
            rel.write_csv(str(path), header=True)
        elif fmt == "jsonl":
            n = 0
            with open(path, "w", encoding="utf-8") as fh:
                for batch in _batches(rel):
                    for row in batch.to_pylist():
                        fh.write(json.dumps(row_to_event_json(row), ensure_ascii=False, default=str) + "\n")
                        n += 1
            return n
        else:  # gdelt
            from ..interop.gdelt import write_gdelt

            where, params = self._where(**filters)
            # one GDELT row per real-world event, with its mention/source/article counts
            sql = (f"SELECT e.*, s.url AS story_url FROM (SELECT * FROM unique_events{where}) e "
                   "LEFT JOIN stories s ON s.story_id = e.story_id ORDER BY e.event_date, e.event_id")
            if limit is not None:
                sql += " LIMIT ?"
                params.append(int(limit))
            return write_gdelt(_batches(self.con.sql(sql, params=params)), path)
        where, params = self._where(**filters)
        n = self.con.execute(f"SELECT count(*) FROM events{where}", params).fetchall()[0][0]
        return int(min(n, limit) if limit is not None else n)

    def stats(self) -> dict[str, Any]:
        con = self.con
        by_origin = {o: int(n) for o, n in con.execute(
            "SELECT origin, count(*) FROM events GROUP BY origin ORDER BY origin").fetchall()}
        first, last = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchall()[0]
        return {
            "path": self.path,
            "events": sum(by_origin.values()),
            "events_by_origin": by_origin,
            "stories": int(con.execute("SELECT count(*) FROM stories").fetchall()[0][0]),
            "near_duplicate_stories": int(con.execute(
                "SELECT count(*) FROM stories WHERE duplicate_of IS NOT NULL").fetchall()[0][0]),
            "mentions": int(con.execute("SELECT count(*) FROM mentions").fetchall()[0][0]),
            "imports": int(con.execute("SELECT count(*) FROM imports").fetchall()[0][0]),
            "first_date": first,
            "last_date": last,
        }


def _as_date(v: Date | str) -> Date:
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, Date):
        return v
    return Date.fromisoformat(str(v))


def _batches(rel: duckdb.DuckDBPyRelation, rows: int = 100_000) -> Iterator[pa.RecordBatch]:
    reader = rel.to_arrow_reader(rows) if hasattr(rel, "to_arrow_reader") else rel.fetch_record_batch(rows)
    for batch in reader:
        yield batch


def content_sha1(path: str | Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        while True:
            b = fh.read(chunk)
            if not b:
                break
            h.update(b)
    return h.hexdigest()
