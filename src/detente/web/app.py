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

from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Callable, Optional

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from . import coding, dyad, errors, events, pages
from .cache import QueryCache
from .middleware import SecurityHeaders, UploadLimit
from .worker import CodingWorker

API_DESCRIPTION = """
Coded political events and the measures built on them, for one local event database.

* Country codes are ISO 3166-1 alpha-3 in capitals (`USA`, `RUS`); dates are ISO `YYYY-MM-DD`
  and inclusive.
* Errors are JSON: `{"error": {"code": "E5xx", "message": "..."}}` with status 4xx
  (422 bad parameter or date outside the data's calendar, 404 unknown id, 413 upload or story too
  large, 415 not text, 408 coding took too long, 503 no database or coder busy);
  a parameter the analysis refuses keeps its own code (`E4xx`, e.g. `E401` not a country code).
* Every measure comes with the events behind it (`evidence`), in the public event schema
  (`docs/event.schema.json`).
"""


def create_app(db_path: str | Path, *, data_dir: str | Path | None = None,
               max_upload_bytes: int = 1_000_000, max_code_chars: int = 200_000,
               code_timeout: float = 60.0, coder_factory: Optional[Callable[[], Any]] = None) -> FastAPI:
    """The dashboard app for the event database at ``db_path`` (opened read-only).

    ``data_dir``: where uploaded stories are kept (``<data_dir>/uploads/``); ``None`` keeps
    nothing on disk.  ``max_upload_bytes``: larger uploads or pasted texts get 413.
    ``POST /api/code`` codes at most ``max_code_chars`` characters (413) for at most
    ``code_timeout`` seconds (408), in a child process loaded on first use with
    ``coder_factory()`` (a picklable callable; default :class:`detente.coding.Coder`).
    """
    worker = CodingWorker(coder_factory)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        worker.close()  # no coding process outlives the server

    app = FastAPI(title="detente", version="1", description=API_DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None,  # served by .pages from local files: no CDN
                  openapi_tags=[{"name": "events", "description": "Coded events and their sentences"},
                                {"name": "dyad", "description": "Measures for one pair of countries"},
                                {"name": "coding", "description": "Code a story on the fly"},
                                {"name": "page", "description": "The dashboard page"}])
    app.state.db_path = Path(db_path)
    app.state.data_dir = Path(data_dir).resolve() if data_dir is not None else None
    app.state.max_upload_bytes = int(max_upload_bytes)
    app.state.max_code_chars = int(max_code_chars)
    app.state.code_timeout = float(code_timeout)
    app.state.coding = worker
    app.state.cache = QueryCache()
    errors.install(app)

    # outermost last: every response, the early 413 included, gets the security headers
    app.add_middleware(UploadLimit)
    app.add_middleware(SecurityHeaders)
    for module in (pages, events, dyad, coding):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(pages.STATIC)), name="static")
    app.mount("/docs-assets", StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")
    return app
