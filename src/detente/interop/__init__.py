"""Interoperability with the public event datasets.

Import GDELT 2.0 event exports, ICEWS event files and POLECAT (PLOVER) files into the
detente ``events`` table, and export detente events in the GDELT 2.0 layout.

    from detente.interop import import_file
    summary = import_file("20250301.export.CSV.zip", store)        # format detected
    store.export("out.tsv", format="gdelt", dyad=("USA", "RUS"))

Country codes become ISO3 (CAMEO country codes, FIPS 10-4 geo codes and country names via
the tables in ``detente/data/interop``); CAMEO codes get PLOVER type/mode/context from
``data/ontology/cameo.csv``; POLECAT's PLOVER types get a representative CAMEO code.
Malformed rows become :class:`detente.schema.Problem` records (file + line) and are skipped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Optional

import pyarrow as pa

from .common import BadFile, ReadStats, read_header, DEFAULT_CHUNK_ROWS
from .gdelt import GDELT_COLUMNS, read_gdelt, write_gdelt
from .icews import read_icews
from .polecat import read_polecat

if TYPE_CHECKING:  # pragma: no cover
    from ..store import EventStore

FORMATS = ("gdelt", "icews", "polecat")
READERS: dict[str, Callable[..., Iterator[pa.Table]]] = {
    "gdelt": read_gdelt, "icews": read_icews, "polecat": read_polecat}


@dataclass
class ImportSummary:
    path: str
    origin: str
    sha1: str = ""
    already_imported: bool = False   # same content imported before: nothing was done
    rows_ok: int = 0                 # rows parsed
    rows_bad: int = 0                # rows skipped (see bad_by_code / the problems list)
    inserted: int = 0                # new events stored (rows_ok minus ids already stored)
    bad_by_code: Counter = field(default_factory=Counter)

    def __str__(self) -> str:
        if self.already_imported:
            return f"{self.path}: already imported ({self.origin}, sha1 {self.sha1[:10]}), nothing to do"
        bad = ", ".join(f"{c}: {n}" for c, n in sorted(self.bad_by_code.items()) if c != "E319")
        text = (f"{self.path} ({self.origin}): {self.rows_ok} rows read, {self.inserted} new events, "
                f"{self.rows_bad} rows skipped" + (f" ({bad})" if bad else ""))
        if self.truncated:
            text += "; the file ends early (E319): the rest of it is missing"
        return text

    @property
    def truncated(self) -> bool:
        """The file broke off (a cut .gz/.zip, a read error): rows after the break are missing."""
        return bool(self.bad_by_code.get("E319"))


def detect_format(path: str | Path) -> str:
    """'gdelt' (61 columns, no header), 'icews' or 'polecat' (by header names)."""
    first = read_header(path)
    names = {h.strip().lstrip("\ufeff").casefold() for h in first}
    if "cameo code" in names and "event id" in names:
        return "icews"
    if "event type" in names and ("actor name" in names or "recipient name" in names or "event mode" in names):
        return "polecat"
    if len(first) == len(GDELT_COLUMNS) and first[0].strip().isdigit():
        return "gdelt"
    raise BadFile(path, "E316")


def read_events(path: str | Path, *, format: str | None = None, problems: Optional[list] = None,
                stats: Optional[ReadStats] = None, chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    """Stream any supported file as Arrow tables in the events schema (no store needed)."""
    fmt = (format or detect_format(path)).lower()
    if fmt not in READERS:
        raise BadFile(path, "E316")
    return READERS[fmt](path, problems=problems, stats=stats, chunk_rows=chunk_rows)


def import_file(path: str | Path, store: "EventStore", *, format: str | None = None,
                problems: Optional[list] = None, chunk_rows: int = DEFAULT_CHUNK_ROWS,
                force: bool = False, progress: Optional[Callable[[int], None]] = None) -> ImportSummary:
    """Import one GDELT / ICEWS / POLECAT file into ``store``.

    ``progress(n)`` is called with the number of rows read (stored or skipped) as each chunk
    is stored.  Re-importing a file whose content (sha1) was already imported under the same origin is a
    no-op (``force=True`` re-reads it; events are still never duplicated: ids are unique).
    Every chunk is committed as it is read, so a killed import keeps what it stored, and a
    re-run (the file is only recorded in ``imports`` at the end) completes it.
    """
    from ..store.db import content_sha1

    fmt = (format or detect_format(path)).lower()
    if fmt not in READERS:
        raise BadFile(path, "E316")
    spath = str(path)
    sha1 = content_sha1(path)
    summary = ImportSummary(path=spath, origin=fmt, sha1=sha1)
    if not force and store.imported(sha1, fmt) is not None:
        summary.already_imported = True
        return summary
    stats = ReadStats()
    reported = 0
    for table in READERS[fmt](path, problems=problems, stats=stats, chunk_rows=chunk_rows):
        summary.inserted += store.add_events(table, origin=fmt, source_file=spath)
        if progress is not None:            # rows read since the last call, good and bad
            progress(stats.rows_read - reported)
            reported = stats.rows_read
    if progress is not None and stats.rows_read > reported:
        progress(stats.rows_read - reported)        # bad rows after the last stored chunk
    summary.rows_ok, summary.rows_bad, summary.bad_by_code = stats.rows_ok, stats.rows_bad, stats.bad_by_code
    store.record_import(spath, sha1, fmt, stats.rows_ok, stats.rows_bad)
    return summary


__all__ = ["BadFile", "FORMATS", "ImportSummary", "detect_format", "import_file", "read_events", "read_gdelt",
           "read_icews", "read_polecat", "write_gdelt", "GDELT_COLUMNS"]
