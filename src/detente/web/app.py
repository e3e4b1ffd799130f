"""The local dashboard: a FastAPI app with a documented JSON API and one static page.

    from detente.web import create_app
    app = create_app("relations.duckdb", data_dir="uploads/")

Safe by default: every parameter is validated (ISO3 ``^[A-Z]{3}$``, ISO dates, bounded
limits) and errors come back as JSON ``{"error": {"code", "message"}}`` with a 4xx status
(:mod:`.errors`); SQL is only ever run by the store with bound parameters; uploads are
size-limited (413), their file names sanitised and nothing is written outside ``data_dir``
(nothing at all without one).  The routes live in :mod:`.events`, :mod:`.dyad`,
:mod:`.coding` and :mod:`.pages`.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from ..errors import DetenteError
from . import coding, dyad, errors, events, pages

API_DESCRIPTION = """
Coded political events and the measures built on them, for one local event database.

* Country codes are ISO 3166-1 alpha-3 in capitals (`USA`, `RUS`); dates are ISO `YYYY-MM-DD`
  and inclusive.
* Errors are JSON: `{"error": {"code": "E5xx", "message": "..."}}` with status 4xx
  (422 bad parameter, 404 unknown id, 413 upload too large, 415 not text, 503 no database);
  a parameter the analysis refuses keeps its own code (`E4xx`, e.g. `E401` not a country code).
* Every measure comes with the events behind it (`evidence`), in the public event schema
  (`docs/event.schema.json`).
"""

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# multipart framing around an upload: a declared length over the limit by more than this is
# refused before the body is read
FORM_OVERHEAD_BYTES = 64_000


def create_app(db_path: str | Path, *, data_dir: str | Path | None = None,
               max_upload_bytes: int = 1_000_000) -> FastAPI:
    """The dashboard app for the event database at ``db_path`` (opened read-only).

    ``data_dir``: where uploaded stories are kept (``<data_dir>/uploads/``); ``None`` keeps
    nothing on disk.  ``max_upload_bytes``: larger uploads or pasted texts get 413.
    The coder is loaded on the first ``POST /api/code``; tests may set ``app.state.coder``.
    """
    app = FastAPI(title="detente", version="1", description=API_DESCRIPTION,
                  docs_url=None, redoc_url=None,  # served by .pages from local files: no CDN
                  openapi_tags=[{"name": "events", "description": "Coded events and their sentences"},
                                {"name": "dyad", "description": "Measures for one pair of countries"},
                                {"name": "coding", "description": "Code a story on the fly"},
                                {"name": "page", "description": "The dashboard page"}])
    app.state.db_path = Path(db_path)
    app.state.data_dir = Path(data_dir).resolve() if data_dir is not None else None
    app.state.max_upload_bytes = int(max_upload_bytes)
    app.state.coder = None
    errors.install(app)

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "no-referrer")
        if not request.url.path.startswith(("/docs", "/redoc")):
            resp.headers.setdefault("X-Frame-Options", "DENY")
            resp.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return resp

    @app.middleware("http")
    async def _upload_limit(request: Request, call_next):
        """Refuse an upload by its declared length, before the body is parsed."""
        if request.method == "POST" and request.url.path == "/api/code":
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > app.state.max_upload_bytes + FORM_OVERHEAD_BYTES:
                return errors.error_response(DetenteError("E502", what=f"upload ({int(length):,} bytes)",
                                                          limit=app.state.max_upload_bytes))
        return await call_next(request)

    for module in (pages, events, dyad, coding):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    return app
