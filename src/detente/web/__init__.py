"""The local dashboard and its JSON API: ``create_app(db_path, *, data_dir=None, ...)``, run by ``serve(app)``.

This package owns the FastAPI app (``app``: middleware, error handling in ``errors``), its
routers (``events``, ``dyad``, ``coding``, ``pages``), the coding worker process
(``worker``), the answer cache of the heavy routes (``cache``), the uvicorn runner
(``server``) and the page's own files in ``static/``.
It reads events through :class:`detente.store.EventStore` and measures through
:mod:`detente.analysis`; the evidence panel and plotly.js it shares with the report come from
:mod:`detente.display`.  The JSON API is documented at ``/docs`` and ``/openapi.json``.  Run it
with ``detente serve --db relations.duckdb``.
"""
from .app import create_app
from .coding import sanitize_filename
from .server import serve

__all__ = ["create_app", "sanitize_filename", "serve"]
