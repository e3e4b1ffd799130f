"""Writing to the store: coded stories (replacing what a story held before), imported events,
and the record of which files were imported.  Every call is one transaction."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Optional

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import BadValue
from ..ontology import EVENT_ARROW_SCHEMA, EVENT_COLUMNS, MENTION_ARROW_SCHEMA
from ..schema import CodedStory, events_to_arrow
from .ddl import STORY_ARROW_SCHEMA
from .dedup import NearDuplicateIndex, story_signature_text


@dataclass
class AddStats:
    """What one :meth:`StoreWriter.add_coded` call wrote."""

    stories: int = 0          # stories written (new or replaced)
    replaced: int = 0         # of which were already stored (their old events were removed)
    events: int = 0           # event rows written
    mentions: int = 0         # mention rows written
    near_duplicates: int = 0  # stories linked to an earlier near-duplicate (stories.duplicate_of)


def _coder_version_default() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return "detente " + version("detente")
    except PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "detente"


def content_sha1(path: str | Path, chunk: int = 1 << 20) -> str:
    """The SHA-1 of a file's bytes: an imported file is known by its content, not its name."""
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


class StoreWriter:
    """The writing half of :class:`~detente.store.EventStore` (one writer process per file)."""

    con: duckdb.DuckDBPyConnection
    _dups: Optional[NearDuplicateIndex]

    def add_coded(self, coded: Iterable[CodedStory], *, coder_version: str | None = None,
                  signatures: Optional[dict[str, Optional[bytes]]] = None) -> AddStats:
        """Write coded stories in ONE transaction.

        A story already stored is replaced: its events and mentions are deleted and the new
        ones inserted in the same transaction, so re-coding is idempotent and an interrupted
        call leaves the store as it was (complete stories only).

        ``signatures``: story id -> MinHash signature bytes already computed (by a corpus
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
            "speaker": [cs.story.speaker for cs in coded],
        }, schema=STORY_ARROW_SCHEMA)
        signature_rows = pa.table({"story_id": pa.array(sig_ids, pa.string()),
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
        staged = {"_add_ids": ids, "_add_stories": stories, "_add_events": events,
                  "_add_mentions": mentions, "_add_signatures": signature_rows}
        for name, table in staged.items():
            con.register(name, table)
        try:
            con.execute("BEGIN TRANSACTION")
            try:
                replaced = con.execute(
                    "SELECT count(*) FROM stories WHERE story_id IN (SELECT story_id FROM _add_ids)").fetchall()[0][0]
                for table in ("events", "mentions", "stories", "story_minhash"):
                    con.execute(f"DELETE FROM {table} WHERE story_id IN (SELECT story_id FROM _add_ids)")
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
            for name in staged:
                con.unregister(name)
        return AddStats(stories=len(coded), replaced=int(replaced), events=int(n_events),
                        near_duplicates=sum(1 for r in roots.values() if r is not None),
                        mentions=mentions.num_rows)

    def _duplicate_index(self) -> NearDuplicateIndex:
        if self._dups is None:
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
        if "issues" not in table.column_names:   # tables made before events had issues
            table = table.append_column("issues", pa.array([[]] * table.num_rows, pa.list_(pa.string())))
        missing = [c for c in EVENT_COLUMNS if c not in table.column_names]
        if missing:
            raise BadValue("E303", path=source_file or "<table>", columns=", ".join(missing))
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
                n = con.execute(f"INSERT INTO events SELECT b.* REPLACE (coalesce(b.issues, []) AS issues) FROM {src} b "
                                "ANTI JOIN events e ON e.event_id = b.event_id "
                                "ORDER BY b.source_country, b.target_country, b.event_date").fetchall()[0][0]
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.unregister("_bulk_events")
        return int(n)

    def imported(self, sha1: str, origin: str) -> Optional[dict[str, Any]]:
        """The ``imports`` row of a file content already imported under ``origin``, or None."""
        cur = self.con.execute("SELECT path, sha1, origin, rows_ok, rows_bad, imported_at FROM imports "
                               "WHERE sha1 = ? AND origin = ?", [sha1, origin])
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        return dict(zip(names, rows[0])) if rows else None

    def record_import(self, path: str, sha1: str, origin: str, rows_ok: int, rows_bad: int) -> None:
        self.con.execute("INSERT OR REPLACE INTO imports VALUES (?, ?, ?, ?, ?, ?)",
                         [path, sha1, origin, rows_ok, rows_bad, datetime.now(timezone.utc)])
