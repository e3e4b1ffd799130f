"""Shared machinery of the importers: lookup tables, streaming line reader, Arrow chunks."""
from __future__ import annotations

import gzip
import io
import math
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TextIO

import pyarrow as pa

from ..errors import BadValue, DetenteError, Problem, problem, reason
from ..ontology import EVENT_ARROW_SCHEMA, EVENT_COLUMNS, country_code, resolve_country
from ..ontology.tables import read_table

# What reading a damaged file raises: a .gz or .zip cut off mid-stream (EOFError, zlib.error,
# BadZipFile), a disk or network-mount error (OSError).
READ_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile)
DEFAULT_CHUNK_ROWS = 50_000


class BadFile(BadValue):
    """A whole event file that cannot be imported (E316-E318).  ``problem`` is the
    :class:`Problem` to report; the message is its text, "[E317] path: reason"."""

    def __init__(self, path: str | Path, code: str, **kw: Any):
        self.problem = problem(path, code, **kw)
        super().__init__(code, f"{self.problem.path}: {self.problem.reason}")


class BadRow(DetenteError):
    """A row that cannot be imported: :func:`read_tsv` reports it as a Problem and goes on."""


# ------------------------------------------------------------------------------ tables
@lru_cache(maxsize=None)
def _sectors() -> tuple[dict[str, str], list[tuple[re.Pattern, str]]]:
    rows = read_table("interop", "sectors.csv")
    exact = {r["sector"]: r["agent"] for r in rows}
    words = [(re.compile(r"\b" + re.escape(r["sector"]) + r"\b"), r["agent"]) for r in rows]
    return exact, words


@lru_cache(maxsize=4096)
def sector_to_agent(sectors: str | None) -> Optional[str]:
    """ICEWS/POLECAT sector text ("Government,Executive,Cabinet") -> CAMEO agent code ("GOV")."""
    if not sectors:
        return None
    exact, words = _sectors()
    parts = [p.strip().casefold() for p in re.split(r"[,;|]", sectors) if p.strip()]
    for p in parts:
        if p in exact:
            return exact[p]
    for p in parts:
        for rx, agent in words:
            if rx.search(p):
                return agent
    return None


@lru_cache(maxsize=None)
def _plover_cameo() -> dict[tuple[str, str], str]:
    return {(r["plover_type"], r["plover_mode"]): r["cameo"]
            for r in read_table("interop", "plover_cameo.csv")}


def plover_to_cameo(event_type: str | None, mode: str | None = None) -> Optional[str]:
    """Representative CAMEO code for a PLOVER type (+ mode); None for an unknown type."""
    if not event_type:
        return None
    t = event_type.strip().upper()
    m = (mode or "").strip().lower()
    table = _plover_cameo()
    return table.get((t, m)) or table.get((t, ""))


# ------------------------------------------------------------------------------ parsing helpers
def parse_day(value: str, column: str) -> Date:
    """'2025-03-14' or '20250314' -> date; BadRow E311 otherwise."""
    v = value.strip()
    try:
        if len(v) == 8 and v.isdigit():
            return Date(int(v[:4]), int(v[4:6]), int(v[6:]))
        return Date.fromisoformat(v[:10])
    except ValueError:
        raise BadRow("E311", value=value, column=column) from None


def parse_float(value: str, column: str, default: Optional[float] = None) -> Optional[float]:
    v = value.strip()
    if not v:
        return default
    try:
        return float(v)
    except ValueError:
        raise BadRow("E313", value=value, column=column) from None


def parse_goldstein(value: str, column: str, default: float) -> float:
    """A Goldstein score: a finite number from -10 to 10 (``default`` when empty).

    NaN, infinities ("1e309") and sentinels such as -99 are refused (BadRow E320) rather than
    stored: one of them turns every mean and sum of its dyad into nan or inf."""
    score = parse_float(value, column, default)
    if not (math.isfinite(score) and -10.0 <= score <= 10.0):
        raise BadRow("E320", value=value, column=column)
    return score


def empty_row() -> dict[str, Any]:
    return dict.fromkeys(EVENT_COLUMNS)


def new_row(origin: str, event_id: str, story_id: Optional[str], day: Date,
            sentence: Optional[str]) -> dict[str, Any]:
    """An imported row begun: its id (``origin:event_id``), its story (the event's own id when
    the row names none), its sentence (a headline, an event text, a URL) and its day."""
    r = empty_row()
    r["event_id"] = f"{origin}:{event_id}"
    r["story_id"] = story_id or r["event_id"]
    r["sentence"] = sentence
    r["date"] = day.isoformat()
    r["date_precision"] = "day"
    r["event_date"] = day
    return r


def set_event(r: dict[str, Any], code: str, info, *, goldstein: Optional[float] = None,
              quad_class: Optional[int] = None, plover: Optional[tuple] = None) -> None:
    """An imported row's event columns: the CAMEO ``code``; the PLOVER type, mode and context,
    Goldstein score and quad class of the code (``info``, :func:`detente.ontology.lookup`)
    unless the row gives its own."""
    r["event_type"], r["mode"], r["context"] = plover or (info.plover_type, info.plover_mode,
                                                          info.plover_context)
    r["cameo"] = code
    r["goldstein"] = info.goldstein if goldstein is None else goldstein
    r["quad_class"] = info.quad_class if quad_class is None else quad_class


def set_actor(r: dict[str, Any], side: str, name: Optional[str], iso3: Optional[str],
              agent: Optional[str]) -> None:
    """Fill one side's actor columns of an imported row (CAMEO-style code from country + agent)."""
    r[f"{side}_text"] = name
    r[f"{side}_name"] = name
    r[f"{side}_country"] = iso3
    r[f"{side}_sector"] = agent
    code = (country_code(iso3, "cameo") + (agent or "")) if (iso3 or agent) else ""
    r[f"{side}_code"] = code or None


def finish_row(r: dict[str, Any], location_name: Optional[str], country: Optional[str], origin: str,
               scheme: Optional[str] = None) -> dict[str, Any]:
    """The columns every imported row ends with: place (``country`` read as ``scheme`` says,
    :func:`~detente.ontology.resolve_country`), rule, confidence, origin."""
    r["location_name"] = location_name
    r["location_country"] = resolve_country(country, scheme)
    r["rule"] = f"import:{origin}"
    r["confidence"] = 0.5
    r["origin"] = origin
    return r


def rows_to_table(rows: list[dict[str, Any]]) -> pa.Table:
    cols = {c: [r[c] for r in rows] for c in EVENT_COLUMNS}
    return pa.table(cols, schema=EVENT_ARROW_SCHEMA)


def open_text(path: str | Path) -> TextIO:
    """Open a text file, transparently reading .gz and single-member .zip (GDELT's distribution).

    A .zip cut off part-way has lost its central directory (it sits at the end), so its first
    member is read front to back instead (:class:`ZipHeadStream`); like a cut .gz, it then
    raises EOFError where the data stops."""
    p = str(path)
    if p.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(p, "rb"), encoding="utf-8", errors="replace", newline="")
    if p.lower().endswith(".zip"):
        try:
            zf = zipfile.ZipFile(p)
        except zipfile.BadZipFile:
            member = io.BufferedReader(ZipHeadStream(p))
        else:
            names = zf.namelist()
            if not names:
                zf.close()
                raise zipfile.BadZipFile("the zip archive holds no file")
            member = zf.open(names[0])
        return io.TextIOWrapper(member, encoding="utf-8", errors="replace", newline="")
    return open(p, encoding="utf-8", errors="replace", newline="")


class ZipHeadStream(io.RawIOBase):
    """The first member of a .zip read from its local file header at the start of the file,
    for an archive whose end (and with it the central directory) is missing.

    Deflated data is inflated as it is read; where the bytes stop before the deflate stream's
    end, ``readinto`` raises EOFError, as :mod:`gzip` does for a cut .gz.  A stored member's
    size comes from its header; a stored member written with a trailing data descriptor has
    none there, and is read to the end of the file.
    """

    _HEADER = struct.Struct("<4sHHHHHIIIHH")      # APPNOTE 4.3.7 local file header, 30 bytes
    _SIGNATURE = b"PK\x03\x04"
    _STORED, _DEFLATED = 0, 8
    _CHUNK = 1 << 16

    def __init__(self, path: str | Path):
        super().__init__()
        self._raw = open(path, "rb")
        try:
            head = self._raw.read(self._HEADER.size)
            if len(head) < self._HEADER.size or not head.startswith(self._SIGNATURE):
                raise zipfile.BadZipFile("not a zip file (no local file header at the start)")
            (_, _, flags, method, _, _, _, csize, _, name_len, extra_len) = self._HEADER.unpack(head)
            if flags & 0x1:
                raise zipfile.BadZipFile("the zip member is encrypted")
            if method not in (self._STORED, self._DEFLATED):
                raise zipfile.BadZipFile(f"zip compression method {method} is not supported")
            self._raw.seek(self._HEADER.size + name_len + extra_len)
        except BaseException:
            self._raw.close()
            raise
        self._inflate = zlib.decompressobj(-zlib.MAX_WBITS) if method == self._DEFLATED else None
        # bytes of a stored member still to come; None: unknown (flag bit 3, a data descriptor)
        self._left: Optional[int] = None if (method == self._DEFLATED or flags & 0x8) else csize
        self._out = b""
        self._pos = 0
        self._ended = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> None:
        while self._pos >= len(self._out) and not self._ended:
            want = self._CHUNK if self._left is None else min(self._CHUNK, self._left)
            chunk = self._raw.read(want) if want else b""
            if self._inflate is not None:
                if not chunk:
                    raise EOFError("the zip member ends before the end of its compressed data")
                self._out, self._pos = self._inflate.decompress(chunk), 0
                self._ended = self._inflate.eof
            elif self._left is None:
                self._out, self._pos = chunk, 0
                self._ended = not chunk
            else:
                if want and not chunk:
                    raise EOFError(f"the zip member ends {self._left:,} bytes early")
                self._out, self._pos = chunk, 0
                self._left -= len(chunk)
                self._ended = self._left == 0

    def readinto(self, buffer) -> int:
        self._fill()
        n = min(len(buffer), len(self._out) - self._pos)
        buffer[:n] = self._out[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass
class ReadStats:
    rows_ok: int = 0
    rows_bad: int = 0
    bad_by_code: Counter = field(default_factory=Counter)

    @property
    def rows_read(self) -> int:
        return self.rows_ok + self.rows_bad


def read_headed_tsv(path: str | Path, make_parser: Callable[["HeaderIndex"], Callable], required: list[str],
                    label: str, *, problems: Optional[list] = None, stats: Optional["ReadStats"] = None,
                    chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    """A tab-separated file with a header row (ICEWS, POLECAT): check the required columns,
    then stream it through the row parser ``make_parser(header_index)`` builds."""
    header = read_header(path)
    h = HeaderIndex(header)
    missing = [c for c in required if h.find(c) is None]
    if missing:
        raise BadFile(path, "E317", columns=", ".join(missing), origin=label)
    return read_tsv(path, make_parser(h), n_columns=len(header), skip_header=True, problems=problems,
                    stats=stats, chunk_rows=chunk_rows)


def read_tsv(path: str | Path, parse_row: Callable[[list[str], int], dict[str, Any]], *,
             n_columns: Optional[int], skip_header: bool = False,
             problems: Optional[list] = None, stats: Optional[ReadStats] = None,
             chunk_rows: int = DEFAULT_CHUNK_ROWS) -> Iterator[pa.Table]:
    """Stream a tab-separated file as Arrow tables of at most ``chunk_rows`` events.

    ``parse_row(fields, lineno)`` returns one events-table row or raises :class:`BadRow`;
    a bad row becomes a :class:`Problem` (file + 1-based line number) and is skipped.
    Only one chunk of rows is ever held as Python objects.
    """
    stats = stats if stats is not None else ReadStats()
    spath = str(path)
    rows: list[dict[str, Any]] = []
    lineno = 0
    try:
        with open_text(path) as fh:
            for raw in fh:
                lineno += 1
                if skip_header and lineno == 1:
                    continue
                complete = raw.endswith("\n")
                line = raw.rstrip("\r\n")
                if not line.strip():
                    continue
                fields = line.split("\t")
                try:
                    if n_columns is not None and len(fields) != n_columns:
                        hint = "" if complete else " (last line cut off?)"
                        raise BadRow("E310", expected=n_columns, found=len(fields), hint=hint)
                    rows.append(parse_row(fields, lineno))
                    stats.rows_ok += 1
                except BadRow as exc:
                    stats.rows_bad += 1
                    stats.bad_by_code[exc.code] += 1
                    if problems is not None:
                        problems.append(Problem(path=spath, reason=exc.message, code=exc.code, line=lineno))
                    continue
                if len(rows) >= chunk_rows:
                    yield rows_to_table(rows)
                    rows = []
    except READ_ERRORS as exc:
        if lineno == 0:                  # not one line could be read: an unreadable file
            raise BadFile(path, "E318", reason=_describe(exc)) from exc
        # A truncated archive: keep every row read so far (they are whole rows), report where
        # the file broke off, and let the caller go on with its other files.
        stats.bad_by_code["E319"] += 1
        if problems is not None:
            problems.append(Problem(path=spath, code="E319", line=lineno + 1,
                                    reason=reason("E319", line=lineno, reason=_describe(exc),
                                                  rows=stats.rows_read)))
    if rows:
        yield rows_to_table(rows)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class HeaderIndex:
    """Column lookup by (normalised) header name, tolerant of order, case and spacing."""

    def __init__(self, header: list[str]):
        self.names = header
        self.index = {self.norm(h): i for i, h in enumerate(header)}

    @staticmethod
    def norm(name: str) -> str:
        return re.sub(r"[^a-z0-9]", "", name.lstrip("\ufeff").casefold())

    def find(self, *names: str) -> Optional[int]:
        for n in names:
            i = self.index.get(self.norm(n))
            if i is not None:
                return i
        return None

    def getter(self, *names: str) -> Callable[[list[str]], str]:
        i = self.find(*names)
        if i is None:
            return lambda fields: ""
        return lambda fields: fields[i].strip() if i < len(fields) else ""


def read_header(path: str | Path) -> list[str]:
    """The first line's tab-separated fields; :class:`BadFile` E318 when the file cannot be read."""
    try:
        with open_text(path) as fh:
            first = fh.readline()
    except READ_ERRORS as exc:
        raise BadFile(path, "E318", reason=_describe(exc)) from exc
    return first.rstrip("\r\n").split("\t")


def loc_name(*parts: str) -> Optional[str]:
    seen = []
    for p in parts:
        if p and p not in seen:
            seen.append(p)
    return ", ".join(seen) or None
