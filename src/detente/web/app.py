"""The local dashboard: a FastAPI app with a documented JSON API and one static page.

    from detente.web import create_app
    app = create_app("relations.duckdb", data_dir="uploads/")

Safe by default: every parameter is validated (ISO3 ``^[A-Z]{3}$``, ISO dates, bounded
limits) and errors come back as JSON ``{"error": {"code", "message"}}`` with a 4xx status;
SQL is only ever run with bound parameters; uploads are size-limited (413), their file names
sanitised and nothing is written outside ``data_dir`` (nothing at all without one).  The
database is opened read-only, per request, so a running ingest can keep writing to it
between requests.
"""
from __future__ import annotations

import hashlib
import re
import threading
from datetime import date as Date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Iterator, Literal, Optional

import duckdb
from fastapi import Depends, FastAPI, File, Form, Path as PathParam, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..schema import EVENT_ARROW_SCHEMA, PLOVER_TYPES, Story, row_to_event_json

ISO3 = r"^[A-Z]{3}$"
EVENT_ID = r"^[A-Za-z0-9_.:-]{1,64}$"
MAX_LIMIT = 1000
EVENT_COLUMNS = [f.name for f in EVENT_ARROW_SCHEMA]
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
Freq = Literal["day", "week", "month"]

API_DESCRIPTION = """
Coded political events and the measures built on them, for one local event database.

* Country codes are ISO 3166-1 alpha-3 in capitals (`USA`, `RUS`); dates are ISO `YYYY-MM-DD`
  and inclusive.
* Errors are JSON: `{"error": {"code": "E5xx", "message": "..."}}` with status 4xx
  (422 bad parameter, 404 unknown id, 413 upload too large, 415 not text, 503 no database).
* Every measure comes with the events behind it (`evidence`), in the public event schema
  (`docs/event.schema.json`).
"""

ERROR_CODES = {
    400: "E500", 404: "E504", 405: "E505", 413: "E502", 415: "E503", 422: "E501", 503: "E506",
}


class APIError(Exception):
    def __init__(self, status: int, message: str, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.status, self.message = status, message
        self.code = code or ERROR_CODES.get(status, "E500")


def _err(status: int, message: str, code: Optional[str] = None, **extra: Any) -> JSONResponse:
    body = {"error": {"code": code or ERROR_CODES.get(status, "E500"), "message": message, **extra}}
    return JSONResponse(body, status_code=status)


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def sanitize_filename(name: Optional[str], default: str = "upload.txt") -> str:
    """A bare, harmless file name: no directories, no leading dots, [A-Za-z0-9._-] only."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _SAFE_NAME.sub("_", base).strip("._-")
    base = re.sub(r"\.{2,}", ".", base)[:80]
    return base or default


def _jsonable(v: Any) -> Any:
    from ..report.model import jsonable  # one conversion for numpy/pandas values
    return jsonable(v)


def _event_row_json(row: dict) -> dict:
    return _jsonable(row_to_event_json({k: _jsonable(v) for k, v in row.items()}))


def _records(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _select_list(con: duckdb.DuckDBPyConnection) -> str:
    cols = {d[0] for d in con.execute("SELECT * FROM events LIMIT 0").description}
    return ", ".join(c if c in cols else f"NULL AS {c}" for c in EVENT_COLUMNS)


def _check_range(start: Optional[Date], end: Optional[Date]) -> None:
    if start and end and start > end:
        raise APIError(422, f"start date {start} is after end date {end}")


def _check_dyad(a: str, b: str) -> None:
    if a == b:
        raise APIError(422, f"a dyad needs two different countries, got {a} twice")


# ---------------------------------------------------------------------------------------
# the app
# ---------------------------------------------------------------------------------------
def create_app(db_path: str | Path, *, data_dir: str | Path | None = None,
               max_upload_bytes: int = 1_000_000) -> FastAPI:
    """The dashboard app for the event database at ``db_path`` (opened read-only).

    ``data_dir``: where uploaded stories are kept (``<data_dir>/uploads/``); ``None`` keeps
    nothing on disk.  ``max_upload_bytes``: larger uploads or pasted texts get 413.
    The coder is loaded on the first ``POST /api/code``; tests may set ``app.state.coder``.
    """
    db_path = Path(db_path)
    data_root = Path(data_dir).resolve() if data_dir is not None else None
    app = FastAPI(title="detente", version="1", description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None,  # served below from local files: no CDN
                  openapi_tags=[{"name": "events", "description": "Coded events and their sentences"},
                                {"name": "dyad", "description": "Measures for one pair of countries"},
                                {"name": "coding", "description": "Code a story on the fly"},
                                {"name": "page", "description": "The dashboard page"}])
    app.state.db_path = db_path
    app.state.data_dir = data_root
    app.state.max_upload_bytes = int(max_upload_bytes)
    app.state.coder = None
    coder_lock = threading.Lock()

    # -- errors ------------------------------------------------------------------------
    @app.exception_handler(APIError)
    async def _api_error(request: Request, exc: APIError) -> JSONResponse:
        return _err(exc.status, exc.message, exc.code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
            where = ".".join(loc) or "request"
            msg = e.get("msg", "invalid")
            if e.get("type") == "string_pattern_mismatch":
                pat = (e.get("ctx") or {}).get("pattern")
                if pat == ISO3:
                    msg = "must be an ISO 3166-1 alpha-3 country code in capitals, e.g. USA"
                elif pat == EVENT_ID:
                    msg = "must be an event id (letters, digits, . _ : -; at most 64)"
            problems.append({"param": where, "message": msg, "input": _short(e.get("input"))})
        text = "; ".join(f"{p['param']}: {p['message']}" for p in problems) or "invalid request"
        return _err(422, text, problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _err(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        return _err(500, f"internal error ({type(exc).__name__}); see the server log", "E599")

    def _analysis_errors():
        try:
            from ..analysis import AnalysisError
            return (AnalysisError,)
        except ImportError:  # pragma: no cover
            return ()

    # -- security headers ----------------------------------------------------------------
    @app.middleware("http")
    async def _headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):
            resp.headers.setdefault("X-Frame-Options", "DENY")
            resp.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
        return resp

    # -- database -----------------------------------------------------------------------
    def db() -> Iterator[duckdb.DuckDBPyConnection]:
        if not db_path.exists():
            raise APIError(503, f"no event database at {db_path.name}; build one with `detente ingest`")
        try:
            con = duckdb.connect(str(db_path), read_only=True)
        except duckdb.Error as exc:
            raise APIError(503, f"cannot open the event database: {str(exc).splitlines()[0]}") from None
        try:
            names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if "events" not in names:
                raise APIError(503, "the database has no events table yet")
            yield con
        finally:
            con.close()

    def analysis(fn_name: str, *args: Any, **kw: Any) -> Any:
        try:
            from .. import analysis as an
            fn = getattr(an, fn_name)
        except (ImportError, AttributeError):
            raise APIError(503, f"analysis function {fn_name} is not available in this install") from None
        try:
            return fn(*args, **kw)
        except _analysis_errors() as exc:
            raise APIError(422, str(exc)) from None

    # -- page and static files -----------------------------------------------------------
    static_dir = resources.files("detente.web").joinpath("static")

    @app.get("/", response_class=HTMLResponse, tags=["page"], summary="The dashboard page")
    def index() -> HTMLResponse:
        return HTMLResponse(static_dir.joinpath("index.html").read_text(encoding="utf-8"))

    @app.get("/static/plotly.min.js", tags=["page"], summary="plotly.js, from the installed plotly package")
    def plotly_js() -> Response:
        from ..report.render import plotly_js as bundle
        return Response(bundle(), media_type="application/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=str(static_dir)), name="static")

    # -- API docs (Swagger UI from the swagger-ui-bundle package, so /docs works offline) ----
    from fastapi.openapi.docs import get_swagger_ui_html
    from swagger_ui_bundle import swagger_ui_path

    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def _docs():
        return get_swagger_ui_html(openapi_url="/openapi.json", title="detente API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")

    @app.get("/api/health", tags=["page"], summary="Liveness and database summary")
    def health() -> dict:
        ok = db_path.exists()
        return {"ok": True, "database": db_path.name, "database_present": ok,
                "plover_types": list(PLOVER_TYPES), "max_upload_bytes": app.state.max_upload_bytes}

    # -- events ---------------------------------------------------------------------------
    @app.get("/api/events", tags=["events"], summary="Coded events, filtered and paged")
    def list_events(
        con: duckdb.DuckDBPyConnection = Depends(db),
        dyad: Optional[str] = Query(None, pattern=r"^[A-Z]{3}[-,][A-Z]{3}$",
                                    description="Both directions between two countries: `USA-RUS`"),
        source: Optional[str] = Query(None, pattern=ISO3, description="Source country (ISO3)"),
        target: Optional[str] = Query(None, pattern=ISO3, description="Target country (ISO3)"),
        event_type: Optional[EventType] = Query(None, description="PLOVER event type"),
        actor: Optional[str] = Query(None, min_length=2, max_length=80,
                                     description="Text in the source or target actor's name"),
        story_id: Optional[str] = Query(None, pattern=EVENT_ID),
        start: Optional[Date] = Query(None, description="First day (inclusive), YYYY-MM-DD"),
        end: Optional[Date] = Query(None, description="Last day (inclusive), YYYY-MM-DD"),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=10_000_000),
    ) -> dict:
        _check_range(start, end)
        where, params = ["1=1"], []
        if dyad:
            a, b = dyad[:3], dyad[4:]
            _check_dyad(a, b)
            where.append("((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))")
            params += [a, b, b, a]
        for col, val in (("source_country", source), ("target_country", target),
                         ("event_type", event_type), ("story_id", story_id)):
            if val is not None:
                where.append(f"{col} = ?")
                params.append(val)
        if actor:
            where.append("(source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\' "
                         "OR source_text ILIKE ? ESCAPE '\\' OR target_text ILIKE ? ESCAPE '\\')")
            pat = "%" + re.sub(r"([\\%_])", r"\\\1", actor) + "%"
            params += [pat] * 4
        if start:
            where.append("event_date >= ?")
            params.append(start)
        if end:
            where.append("event_date <= ?")
            params.append(end)
        w = " AND ".join(where)
        total = con.execute(f"SELECT count(*) FROM events WHERE {w}", params).fetchone()[0]
        rows = _records(con, f"SELECT {_select_list(con)} FROM events WHERE {w} "
                             "ORDER BY event_date, event_id LIMIT ? OFFSET ?", params + [limit, offset])
        return {"total": int(total), "limit": limit, "offset": offset,
                "events": [_event_row_json(r) for r in rows]}

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event, with its sentence")
    def get_event(event_id: str = PathParam(..., pattern=EVENT_ID),
                  con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        rows = _records(con, f"SELECT {_select_list(con)} FROM events WHERE event_id = ?", [event_id])
        if not rows:
            raise APIError(404, f"no event with id {event_id}")
        return _event_row_json(rows[0])

    # -- dyad measures --------------------------------------------------------------------
    A = PathParam(..., pattern=ISO3, description="First country (ISO3)")
    B = PathParam(..., pattern=ISO3, description="Second country (ISO3)")

    @app.get("/api/dyad/{a}/{b}/series", tags=["dyad"],
             summary="Directed per-period counts, quad classes and Goldstein (a→b and b→a), with the relationship score")
    def series(a: str = A, b: str = B, freq: Freq = Query("week"),
               start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
               gov_only: bool = Query(False), con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        _check_range(start, end)
        df = analysis("dyad_series", con, a, b, freq=freq, start=start, end=end, gov_only=gov_only)
        out = {"a": a, "b": b, "freq": freq, "rows": _frame(df)}
        try:
            sc = analysis("relationship_score", con, a, b, freq=freq, start=start, end=end, gov_only=gov_only)
            out["score"] = _frame(sc)
        except APIError:
            out["score"] = None
        return out

    @app.get("/api/dyad/{a}/{b}/stage", tags=["dyad"], summary="Current normalization stage, its evidence and history")
    def stage(a: str = A, b: str = B, as_of: Optional[Date] = Query(None),
              con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        st = analysis("normalization_stage", con, a, b, as_of=as_of)
        js = _jsonable(st.to_json())
        hist = getattr(st, "history", None)
        js["history"] = _frame(hist) if hist is not None else []
        return js

    @app.get("/api/dyad/{a}/{b}/agenda", tags=["dyad"], summary="Agenda register: items, status 0-3, since, evidence")
    def agenda(a: str = A, b: str = B, start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
               con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        _check_range(start, end)
        return {"a": a, "b": b, "items": _jsonable(analysis("agenda", con, a, b, start=start, end=end).to_json())}

    @app.get("/api/dyad/{a}/{b}/stances", tags=["dyad"], summary="Named actors from hard-line (-1) to moderate (+1), dual-track flags")
    def stances(a: str = A, b: str = B, con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        return _jsonable(analysis("stances", con, a, b).to_json())

    @app.get("/api/dyad/{a}/{b}/third_parties", tags=["dyad"], summary="Each side's partners and countries named in dyad sentences")
    def third_parties(a: str = A, b: str = B, start: Optional[Date] = Query(None), end: Optional[Date] = Query(None),
                      con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        _check_range(start, end)
        return _jsonable(analysis("third_parties", con, a, b, start=start, end=end).to_json())

    @app.get("/api/dyad/{a}/{b}/outlook", tags=["dyad"], summary="Change points, forecast and backtest skill")
    def outlook(a: str = A, b: str = B, freq: Freq = Query("week"),
                con: duckdb.DuckDBPyConnection = Depends(db)) -> dict:
        _check_dyad(a, b)
        return _jsonable(analysis("outlook", con, a, b, freq=freq).to_json())

    # -- coding -----------------------------------------------------------------------------
    def get_coder():
        with coder_lock:
            if app.state.coder is None:
                try:
                    from ..coding import Coder
                except ImportError:
                    raise APIError(503, "the event coder is not available in this install") from None
                app.state.coder = Coder()
            return app.state.coder

    @app.post("/api/code", tags=["coding"],
              summary="Code a pasted or uploaded story; returns its events with character spans")
    async def code(request: Request,
                   text: Optional[str] = Form(None, description="The story text (or upload `file`)"),
                   file: Optional[UploadFile] = File(None, description="A UTF-8 text file"),
                   title: Optional[str] = Form(None, max_length=500),
                   date: Optional[Date] = Form(None, description="Publication date, YYYY-MM-DD")) -> dict:
        limit = app.state.max_upload_bytes
        filename = saved = None
        if file is not None and (file.filename or file.size):
            raw = await _read_limited(file, limit)
            filename = sanitize_filename(file.filename)
            if b"\x00" in raw[:4096]:
                raise APIError(415, f"{filename} is not a text file (binary content)")
            try:
                body = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise APIError(415, f"{filename} is not UTF-8 text; convert it to UTF-8") from None
            if data_root is not None:
                saved = _save_upload(data_root, filename, raw)
        elif text is not None:
            if len(text.encode("utf-8")) > limit:
                raise APIError(413, f"text too large: over the limit of {limit:,} bytes")
            body = text
        else:
            raise APIError(422, "give the story as form field `text` or as an uploaded `file`")
        if not body.strip():
            raise APIError(422, "the story is empty")
        story = Story(id=Story.content_id(body, title), text=body, title=title, date=date,
                      source="dashboard", path=filename)
        coder = get_coder()
        from starlette.concurrency import run_in_threadpool
        coded = await run_in_threadpool(coder.code_story, story)
        events = [e.to_json() if hasattr(e, "to_json") else e for e in coded.events]
        return {"story": {"id": story.id, "title": title, "date": date.isoformat() if date else None,
                          "text": body, "filename": filename, "saved_as": saved},
                "events": _jsonable(events),
                "n_sentences": getattr(coded, "n_sentences", None),
                "country_mentions": getattr(coded, "country_mentions", {})}

    # size check before the body is parsed, from the declared length
    @app.middleware("http")
    async def _upload_limit(request: Request, call_next):
        if request.method == "POST" and request.url.path == "/api/code":
            cl = request.headers.get("content-length")
            if cl and cl.isdigit() and int(cl) > app.state.max_upload_bytes + 64_000:
                return _err(413, f"upload too large: {int(cl):,} bytes, over the limit of "
                                 f"{app.state.max_upload_bytes:,} bytes")
        return await call_next(request)

    return app


def _short(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 80:
        return v[:80] + "…"
    return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)[:80]


def _frame(df: Any) -> list[dict]:
    from ..report.model import frame_records, period_key
    rows = frame_records(df)
    for r in rows:
        for k in ("period", "date"):
            if k in r and r[k] is not None:
                r[k] = period_key(r[k])
    return rows


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    chunks, n = [], 0
    while True:
        chunk = await file.read(64 * 1024)
        if not chunk:
            break
        n += len(chunk)
        if n > limit:
            raise APIError(413, f"upload too large: over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _save_upload(root: Path, filename: str, raw: bytes) -> str:
    """Keep the upload under ``root/uploads/`` (content-addressed name); never outside root."""
    updir = (root / "uploads").resolve()
    updir.mkdir(parents=True, exist_ok=True)
    name = f"{hashlib.sha1(raw).hexdigest()[:12]}-{sanitize_filename(filename)}"
    dest = (updir / name).resolve()
    if updir not in dest.parents:  # belt and braces: sanitize_filename already forbids this
        raise APIError(400, "bad file name")
    if not dest.exists():
        dest.write_bytes(raw)
    return str(dest.relative_to(root))


def period_end(start: Date, freq: str) -> Date:
    if freq == "day":
        return start
    if freq == "week":
        return start + timedelta(days=6)
    nxt = Date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return nxt - timedelta(days=1)
