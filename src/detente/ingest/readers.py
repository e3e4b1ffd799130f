"""Format readers. Each yields Stories and reports bad input through ``_Ctx.report``."""
from __future__ import annotations

import csv
import io
import json
import logging
import re
import stat as statmod
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator, Optional, TextIO

from ..errors import problem
from ..schema import Problem, Story
from .dates import parse_date
from .decode import (SNIFF_BYTES, bom_encoding, detect_encoding, is_utf8_prefix, nul_offset,
                     nul_offset_decoded, utf16_without_bom)
from .lang import non_english
from .text import SPEAKER_FIELDS, clean_header_value, html_to_text, speaker_in, split_header

log = logging.getLogger("detente.ingest")

EXTENSIONS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".csv": "csv",
    ".json": "json",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}

_CSV_LIMIT = min(sys.maxsize, 2**31 - 1)
_SURROGATE = re.compile("[\udc80-\udcff]")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class _Ctx:
    problems: list[Problem]
    story_date: Optional[date]
    max_bytes: int
    quiet: bool = True          # the caller collects problems: log them at debug level only

    def report(self, path: Any, code: str, line: Optional[int] = None, **kw: Any) -> None:
        p = problem(path, code, line, **kw)
        log.log(logging.DEBUG if self.quiet else logging.WARNING, "%s", p)
        self.problems.append(p)

    def finish(self, story: Story) -> Optional[Story]:
        """Last checks shared by every format: no NUL character, language, default date."""
        for field in ("text", "title", "source", "url"):
            value = getattr(story, field)
            if value and "\x00" in value:     # a JSON "\u0000", a NUL inside a CSV field
                self.report(story.path, "E118", story.line, field=field, index=value.index("\x00"))
                return None
        other = non_english(story.text)
        if other:
            self.report(story.path, "E106", story.line, lang=other[0], prob=other[1])
            return None
        if story.date is None:
            story.date = self.story_date
        return story


# ---------------------------------------------------------------------------------------
def sniff_format(head: bytes) -> str:
    """Guess the format of a file whose extension says nothing."""
    enc = bom_encoding(head) or utf16_without_bom(head)
    try:
        s = head.decode(enc or "utf-8", errors="ignore")
    except LookupError:
        s = head.decode("latin-1")
    s = s.lstrip("\ufeff \t\r\n")
    low = s[:2048].lower()
    if low.startswith("<?xml"):
        if "<rss" in low or "<feed" in low or "<rdf:rdf" in low:
            return "feed"
        if "<html" in low:
            return "html"
        return "feed"
    if low.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "feed"
    if low.startswith(("<!doctype html", "<html", "<!--")) or "<html" in low[:512] or "<body" in low:
        return "html"
    if low.startswith("["):
        return "json"
    if low.startswith("{"):
        first = s.split("\n", 1)[0].strip()
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            return "json"
    return "text"


def format_of(path: Path, head: bytes) -> str:
    return EXTENSIONS.get(path.suffix.lower()) or sniff_format(head)


# ---------------------------------------------------------------------------------------
def read_path(path: Path, ctx: _Ctx) -> Iterator[Story]:
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        ctx.report(name, "E112")
        return
    except OSError as e:
        ctx.report(name, "E111", what="path", error=e.strerror or str(e))
        return
    if statmod.S_ISDIR(st.st_mode):          # only reached if a folder vanished mid-walk
        ctx.report(name, "E111", what="path", error="is a folder")
        return
    if not statmod.S_ISREG(st.st_mode):
        ctx.report(name, "E111", what="path", error="not a regular file")
        return
    if st.st_size > ctx.max_bytes:
        ctx.report(name, "E103", size=st.st_size, limit=ctx.max_bytes)
        return
    if st.st_size == 0:
        ctx.report(name, "E101")
        return
    try:
        f = open(path, "rb")
    except OSError as e:
        ctx.report(name, "E111", what="file", error=e.strerror or str(e))
        return
    with f:
        try:
            head = f.read(SNIFF_BYTES)
            # an encoding the bytes themselves declare: a byte-order mark, or UTF-16's NUL pattern
            bom = bom_encoding(head) or utf16_without_bom(head)
            if not bom:
                off = nul_offset(head)
                if off is not None:
                    ctx.report(name, "E102", offset=off)
                    return
            if not head.strip():
                rest = f.read()
                if not rest.strip():
                    ctx.report(name, "E101")
                    return
                head += rest
            kind = format_of(path, head)
            if kind in ("jsonl", "csv"):
                enc = _stream_encoding(name, head, bom, ctx)
                if enc is None:
                    return
                f.seek(0)
                stream = io.TextIOWrapper(f, encoding=enc, errors="surrogateescape",
                                          newline="" if kind == "csv" else None)
                reader = _read_jsonl if kind == "jsonl" else _read_csv
                yield from reader(stream, name, ctx)
                return
            data = head + f.read()
        except OSError as e:
            ctx.report(name, "E111", what="file", error=e.strerror or str(e))
            return
    # A NUL past the sniffed head: a damaged file (zero-filled after a crash, a binary tail).
    # The whole file is refused.  JSONL and CSV, streamed above, refuse the row instead (E107, E118).
    off = nul_offset_decoded(data, bom)
    if off is not None:
        ctx.report(name, "E117", offset=off)
        return
    if kind == "feed":
        yield from _read_feed(data, name, ctx)
        return
    text = _decode_whole(name, data, bom, ctx, html=(kind == "html"))
    if text is None:
        return
    if kind == "html":
        yield from _read_html(text, name, ctx)
    elif kind == "json":
        yield from _read_json(text, name, ctx)
    else:
        yield from _read_text(text, name, ctx)


def read_stdin(stream: TextIO, ctx: _Ctx) -> Iterator[Story]:
    try:
        text = stream.read(ctx.max_bytes + 1)
    except UnicodeDecodeError as e:
        ctx.report("-", "E105", encoding=f"unknown; {e.reason} at byte {e.start}")
        return
    if len(text) > ctx.max_bytes:
        ctx.report("-", "E103", size=len(text.encode("utf-8", "surrogateescape")),
                   limit=ctx.max_bytes)
        return
    off = text.find("\x00")
    if off >= 0:
        ctx.report("-", "E102", offset=off)
        return
    yield from _read_text(text, "-", ctx)


# ---------------------------------------------------------------------------------------
def _confident_decode(name: str, sample: bytes, ctx: _Ctx, line: Optional[int] = None) -> Optional[str]:
    """Encoding to use for non-UTF-8 bytes, or None (reported) when detection is unsure."""
    det = detect_encoding(sample)
    if det.confident:
        ctx.report(name, "E104", line, encoding=det.encoding, coherence=det.coherence)
        return det.encoding
    ctx.report(name, "E105", line, encoding=det.describe())
    return None


def _stream_encoding(name: str, head: bytes, bom: Optional[str], ctx: _Ctx) -> Optional[str]:
    if bom:
        return bom
    if is_utf8_prefix(head):
        return "utf-8"
    return _confident_decode(name, head, ctx)


def _decode_whole(name: str, data: bytes, bom: Optional[str], ctx: _Ctx, html: bool) -> Optional[str]:
    if bom:
        try:
            return data.decode(bom)
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if html:                                   # a page that declares its charset is fine
        m = _DECLARED_CHARSET.search(data[:SNIFF_BYTES])
        if m:
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (UnicodeDecodeError, LookupError):
                pass
    enc = _confident_decode(name, data[:65536], ctx)
    if enc is None:
        return None
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError) as e:
        # detection looked only at the first 64 KB; later bytes disagree
        ctx.problems.pop()
        ctx.report(name, "E105", encoding=f"{enc}? fails at byte {getattr(e, 'start', '?')}")
        return None


# ---------------------------------------------------------------------------------------
def _clean(v: Any) -> Optional[str]:
    if v is None:
        return None
    s = str(v).strip()
    return s or None


def _make(text: str, name: str, *, id: Any = None, title: Any = None, date_: Any = None,
          url: Any = None, source: Any = None, line: Optional[int] = None, speaker: Any = None) -> Story:
    title_s = _clean(title)
    sid = _clean(id)
    if isinstance(id, float) and id.is_integer():
        sid = str(int(id))
    return Story(id=sid or Story.content_id(text, title_s), text=text, title=title_s,
                 date=parse_date(date_), url=_clean(url), source=_clean(source),
                 path=name, line=line, speaker=_clean(speaker) or speaker_in(title_s))


def _read_text(text: str, name: str, ctx: _Ctx) -> Iterator[Story]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fields, body = split_header(text)
    body = body.strip()
    if not body:
        ctx.report(name, "E101")
        return
    vals = {k: clean_header_value(k, v) for k, v in fields.items()}
    st = ctx.finish(_make(body, name, title=vals.get("title"), date_=vals.get("date"),
                          url=vals.get("url"), source=vals.get("source"),
                          # "Author/publisher: The White House (statement from X on Y)"
                          speaker=vals.get("speaker") or speaker_in(fields.get("source"))))
    if st:
        yield st


def _row_story(row: Any, name: str, line: Optional[int], ctx: _Ctx) -> Optional[Story]:
    if not isinstance(row, dict):
        ctx.report(name, "E108", line, detail=f"a JSON {type(row).__name__}, not an object")
        return None
    text = row.get("text")
    if text is None:
        ctx.report(name, "E108", line, detail="'text' is missing")
        return None
    if not isinstance(text, str):
        ctx.report(name, "E108", line, detail=f"'text' is a {type(text).__name__}, not a string")
        return None
    if _SURROGATE.search(text):
        ctx.report(name, "E116", line, encoding="utf-8", error="text has undecodable bytes")
        return None
    text = text.strip()
    if not text:
        ctx.report(name, "E108", line, detail="'text' is empty")
        return None
    return ctx.finish(_make(text, name, id=row.get("id"), title=row.get("title"),
                            date_=row.get("date"), url=row.get("url"),
                            source=row.get("source"), line=line,
                            speaker=next((row[f] for f in SPEAKER_FIELDS if isinstance(row.get(f), str)), None)))


def _read_jsonl(stream: TextIO, name: str, ctx: _Ctx) -> Iterator[Story]:
    nonblank = 0
    for lineno, raw in enumerate(stream, 1):
        s = raw.strip().lstrip("\ufeff")
        if not s:
            continue
        nonblank += 1
        bad = _SURROGATE.search(s)
        if bad:
            byte = ord(bad.group(0)) - 0xDC00
            ctx.report(name, "E116", lineno, encoding=stream.encoding,
                       error=f"byte 0x{byte:02x} at column {bad.start() + 1}")
            continue
        try:
            row = json.loads(s)
        except ValueError as e:
            ctx.report(name, "E107", lineno, error=f"{getattr(e, 'msg', e)} (column {getattr(e, 'colno', '?')})")
            continue
        st = _row_story(row, name, lineno, ctx)
        if st:
            yield st
    if nonblank == 0:
        ctx.report(name, "E101")


def _read_csv(stream: TextIO, name: str, ctx: _Ctx) -> Iterator[Story]:
    csv.field_size_limit(_CSV_LIMIT)
    reader = csv.reader(stream)
    try:
        header = next(reader, None)
        if header is None:
            ctx.report(name, "E101")
            return
        cols = [h.strip().lstrip("\ufeff").lower() for h in header]
        if "text" not in cols:
            ctx.report(name, "E109", columns=", ".join(repr(h) for h in header) or "none")
            return
        n = 0
        for n, row in enumerate(reader, 1):
            line = n + 1
            if not any(c.strip() for c in row):
                continue
            rec = {k: (row[i] if i < len(row) else None) for i, k in enumerate(cols)}
            if any(_SURROGATE.search(c) for c in row):
                ctx.report(name, "E116", line, encoding=stream.encoding,
                           error="row has undecodable bytes")
                continue
            st = _row_story(rec, name, line, ctx)
            if st:
                yield st
    except csv.Error as e:
        ctx.report(name, "E114", reader.line_num, error=str(e))


def _read_json(text: str, name: str, ctx: _Ctx) -> Iterator[Story]:
    try:
        data = json.loads(text)
    except ValueError as e:
        if getattr(e, "msg", "") == "Extra data":      # really JSON Lines with a .json name
            first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
            try:
                json.loads(first)
                yield from _read_jsonl(io.StringIO(text), name, ctx)
                return
            except ValueError:
                pass
        ctx.report(name, "E107", getattr(e, "lineno", None), error=getattr(e, "msg", str(e)))
        return
    if isinstance(data, dict):
        st = _row_story(data, name, None, ctx)
        if st:
            yield st
        return
    if not isinstance(data, list):
        ctx.report(name, "E113", got=f"a JSON {type(data).__name__}")
        return
    if not data:
        ctx.report(name, "E101")
        return
    for i, row in enumerate(data, 1):
        st = _row_story(row, name, i, ctx)
        if st:
            yield st


def _read_html(html: str, name: str, ctx: _Ctx) -> Iterator[Story]:
    import htmldate
    import trafilatura

    html = html.lstrip("\ufeff")
    if not html.strip():
        ctx.report(name, "E101")
        return
    if "<" not in html:                      # never let htmldate/trafilatura treat it as a URL
        yield from _read_text(html, name, ctx)
        return
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False,
                                      deduplicate=True)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        ctx.report(name, "E115")
        return
    try:
        found = htmldate.find_date(html, original_date=True, outputformat="%Y-%m-%d")
    except Exception:                        # htmldate is defensive, but be more so
        found = None
    found = found or getattr(doc, "date", None)
    st = ctx.finish(_make(text, name, title=getattr(doc, "title", None), date_=found,
                          url=getattr(doc, "url", None), source=getattr(doc, "sitename", None),
                          speaker=getattr(doc, "author", None)))
    if st:
        yield st


def _read_feed(data: bytes, name: str, ctx: _Ctx) -> Iterator[Story]:
    import feedparser

    d = feedparser.parse(data)
    entries = d.get("entries") or []
    if d.get("bozo") and not any(e.get(k) for e in entries
                                 for k in ("title", "summary", "content", "link", "id")):
        entries = []                 # a truncated feed can leave one empty shell entry
    if not entries:
        if d.get("bozo"):
            ctx.report(name, "E110", error=str(d.get("bozo_exception") or "not a feed"))
        elif not d.get("version"):
            ctx.report(name, "E110", error="no RSS <item> or Atom <entry> found")
        return
    feed_title = (d.get("feed") or {}).get("title")
    for i, e in enumerate(entries, 1):
        body = ""
        contents = e.get("content") or []
        if contents:
            body = max((c.get("value") or "" for c in contents), key=len)
        text = html_to_text(body) or html_to_text(e.get("summary") or "")
        title = html_to_text(e.get("title") or "") or None
        if not text:
            text = title or ""
        if not text:
            ctx.report(name, "E108", i, detail="feed entry has no content, summary or title")
            continue
        when = e.get("published_parsed") or e.get("updated_parsed") or e.get("published") \
            or e.get("updated")
        st = ctx.finish(_make(text, name, id=e.get("id") or e.get("link"), title=title,
                              date_=when, url=e.get("link"), source=feed_title, line=i,
                              speaker=e.get("author")))
        if st:
            yield st
