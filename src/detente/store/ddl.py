"""The store's tables and views (DDL), its schema version and the migration of older files.

See ``README.md`` next to this file for what each table and view holds.
"""
from __future__ import annotations

from typing import Optional

import duckdb
import pyarrow as pa

from ..errors import Unavailable
from ..ontology import EVENT_ARROW_SCHEMA, EVENT_COLUMNS, MENTION_ARROW_SCHEMA

STORE_SCHEMA_VERSION = 4

_DUCK_TYPES = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int8(): "TINYINT",
    pa.float64(): "DOUBLE",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
    pa.list_(pa.string()): "VARCHAR[]",
}

STORY_ARROW_SCHEMA = pa.schema([pa.field("story_id", pa.string(), nullable=False)] + [
    pa.field(name, kind) for name, kind in (
        ("content_hash", pa.string()), ("title", pa.string()), ("date", pa.date32()), ("url", pa.string()),
        ("source", pa.string()), ("path", pa.string()), ("n_words", pa.int32()), ("n_sentences", pa.int32()),
        ("coded_at", pa.timestamp("us", tz="UTC")), ("coder_version", pa.string()),
        ("duplicate_of", pa.string()),   # duplicate_of: root story of its near-duplicate group, or NULL
        ("speaker", pa.string()))])      # speaker: who speaks in its first person, as the input named them


def _ddl_columns(schema: pa.Schema, pk: Optional[str] = None) -> str:
    cols = []
    for f in schema:
        extra = " PRIMARY KEY" if f.name == pk else ("" if f.nullable else " NOT NULL")
        cols.append(f'"{f.name}" {_DUCK_TYPES[f.type]}{extra}')
    return ",\n  ".join(cols)


SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS events (
  {_ddl_columns(EVENT_ARROW_SCHEMA, pk="event_id")}
);
CREATE TABLE IF NOT EXISTS stories (
  {_ddl_columns(STORY_ARROW_SCHEMA, pk="story_id")}
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

# Columns every mention of one real-world event shares (they are in its cluster key): grouping
# by them as well lets DuckDB push a dyad or date filter on the view below the aggregation, so
# `SELECT ... FROM unique_events WHERE source_country = ?` reads one dyad, not the whole store.
_CLUSTER_COLUMNS = ("source_country", "target_country", "event_date")


# Columns a real-world event takes from all its mentions, not from the first: its issues are
# those any report of it names (one story says "talks on sanctions", another "on energy").
_UNION_COLUMNS = ("issues",)
# ... and its confidence is that of its most confident report: with a confidence threshold
# (min_confidence) an event counts when any report of it was coded that surely.
_MAX_COLUMNS = ("confidence",)


def _unique_events_sql() -> str:
    carried = list(EVENT_COLUMNS) + ["story_group", "outlet"]
    others = [c for c in carried if c not in _CLUSTER_COLUMNS + _UNION_COLUMNS + _MAX_COLUMNS]
    first = ", ".join(f"{c} := m.{c}" for c in others)
    cols = ", ".join(c if c in _CLUSTER_COLUMNS else f"g.{c} AS {c}" if c in _UNION_COLUMNS + _MAX_COLUMNS
                     else f"g.first.{c} AS {c}" for c in carried)
    unions = "".join(f"list_sort(list_distinct(flatten(list(coalesce(m.{c}, []))))) AS {c}, "
                     for c in _UNION_COLUMNS) + "".join(f"max(m.{c}) AS {c}, " for c in _MAX_COLUMNS)
    own = ", ".join(f"m.{c}" for c in carried)
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
             list(DISTINCT m.story_id ORDER BY m.story_id) AS story_ids, {unions}
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
            -- a statement is its speaker's: two officials condemning the same country on one day
            -- made two statements (CAMEO 01, 02, 051, 10-13: what one says); a meeting is one event
            WHEN e.date_precision IN ('day', 'story') AND (e.source_country IS NOT NULL OR e.target_country IS NOT NULL)
            THEN hash(e.origin, e.source_country, e.target_country, e.cameo, e.date,
                      CASE WHEN substr(e.cameo, 1, 2) IN ('01', '02', '10', '11', '12', '13')
                                OR e.cameo LIKE '051%' THEN e.source_name END)
            ELSE hash(e.origin, coalesce(e.source_code, e.source_name), coalesce(e.target_code, e.target_name),
                      e.cameo, e.date, coalesce(s.duplicate_of, e.story_id)) END AS cluster_key
FROM events e LEFT JOIN stories s ON s.story_id = e.story_id;
""" + _unique_events_sql()


def schema_version(con: duckdb.DuckDBPyConnection) -> Optional[int]:
    """``meta.store_schema_version`` of an open store; None for a file without one."""
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'store_schema_version'").fetchall()
    except duckdb.CatalogException:
        return None
    return int(row[0][0]) if row else None


def create_or_migrate(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """Create the tables a new store lacks and bring one written by an older detente up to
    STORE_SCHEMA_VERSION, in one transaction (each step is idempotent).  1 -> 2:
    stories.duplicate_of, story_minhash, the views; 2 -> 3: events.issues (existing rows get
    ``[]``: they were coded before issues were); 3 -> 4: stories.speaker (NULL for stories stored
    before: their speaker was not kept)."""
    con.execute(SCHEMA_SQL)
    found = schema_version(con)
    con.execute("BEGIN TRANSACTION")
    try:
        if found is not None and found > STORE_SCHEMA_VERSION:
            raise Unavailable("E307", path=path, found=found, current=STORE_SCHEMA_VERSION)
        cols = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'stories'").fetchall()}
        if "duplicate_of" not in cols:
            con.execute("ALTER TABLE stories ADD COLUMN duplicate_of VARCHAR")
        if "speaker" not in cols:
            con.execute("ALTER TABLE stories ADD COLUMN speaker VARCHAR")
        event_cols = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}
        if "issues" not in event_cols:
            con.execute("ALTER TABLE events ADD COLUMN issues VARCHAR[] DEFAULT []")
        con.execute(VIEWS_SQL)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('store_schema_version', ?)", [str(STORE_SCHEMA_VERSION)])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def check_readable(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """A read-only open cannot migrate: an older store is refused with E306, a newer with E307."""
    found = schema_version(con)
    if found is not None and found < STORE_SCHEMA_VERSION:
        raise Unavailable("E306", path=path, found=found, current=STORE_SCHEMA_VERSION)
    if found is not None and found > STORE_SCHEMA_VERSION:
        raise Unavailable("E307", path=path, found=found, current=STORE_SCHEMA_VERSION)

