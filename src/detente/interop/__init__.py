"""Interoperability with the public event datasets: the event files of other projects in and
out of the store.

This package owns reading GDELT 2.0 event exports, ICEWS event files and POLECAT (PLOVER)
files into the detente ``events`` table, and writing stored events in the GDELT 2.0 layout
(with the flat formats of :meth:`detente.store.EventStore.export`, :func:`export_events`)::

    from detente.interop import export_events, import_file
    summary = import_file("20250301.export.CSV.zip", store)        # format detected
    export_events(store, "out.tsv", format="gdelt", dyad=("USA", "RUS"))

Country codes become ISO3 through :func:`detente.ontology.resolve_country` (CAMEO country
codes, FIPS 10-4 geo codes and country names); CAMEO codes get PLOVER type/mode/context from
the CAMEO table; POLECAT's PLOVER types get a representative CAMEO code
(``data/interop/plover_cameo.csv``).  Malformed rows become :class:`detente.errors.Problem`
records (file + line) and are skipped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pyarrow as pa

from ..errors import BadValue
from ..store import EXPORT_FORMATS as FLAT_FORMATS
from ..store import EventStore, content_sha1
from .common import BadFile, ReadStats, read_header, DEFAULT_CHUNK_ROWS
from .gdelt import GDELT_COLUMNS, read_gdelt, write_gdelt
from .icews import read_icews
from .polecat import read_polecat

FORMATS = ("gdelt", "icews", "polecat")
EXPORT_FORMATS = FLAT_FORMATS + ("gdelt",)
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


def import_file(path: str | Path, store: EventStore, *, format: str | None = None,
                problems: Optional[list] = None, chunk_rows: int = DEFAULT_CHUNK_ROWS,
                force: bool = False, progress: Optional[Callable[[int], None]] = None) -> ImportSummary:
    """Import one GDELT / ICEWS / POLECAT file into ``store``.

    ``progress(n)`` is called with the number of rows read (stored or skipped) as each chunk
    is stored.  Re-importing a file whose content (sha1) was already imported under the same origin is a
    no-op (``force=True`` re-reads it; events are still never duplicated: ids are unique).
    Every chunk is committed as it is read, so a killed import keeps what it stored, and a
    re-run (the file is only recorded in ``imports`` at the end) completes it.
    """
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


def export_events(store: EventStore, path: str | Path, *, format: str = "parquet", limit: int | None = None,
                  **filters: Any) -> int:
    """Write the store's events matching ``filters`` (those of :meth:`EventStore.events`) to
    ``path``; returns the number of rows written.  ``gdelt``: the GDELT 2.0 event layout, one
    row per real-world event (``unique_events``) with its mention, source and article counts;
    parquet, csv, jsonl: :meth:`EventStore.export`."""
    fmt = format.lower()
    if fmt not in EXPORT_FORMATS:
        raise BadValue("E304", format=format, formats=", ".join(EXPORT_FORMATS))
    if fmt != "gdelt":
        return store.export(path, format=fmt, limit=limit, **filters)
    path = Path(path)
    if path.is_dir():
        raise BadValue("E304", format=f"{format} into a folder", formats="parquet")
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = store.unique_events(story_urls=True, limit=limit, **filters)
    return write_gdelt(rows.to_arrow_reader(100_000), path)


__all__ = ["BadFile", "EXPORT_FORMATS", "FORMATS", "ImportSummary", "detect_format", "export_events", "import_file",
           "read_events", "read_gdelt", "read_icews", "read_polecat", "write_gdelt", "GDELT_COLUMNS"]
