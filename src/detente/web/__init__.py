"""The local dashboard: ``create_app(db_path, *, data_dir=None, max_upload_bytes=1_000_000)``.

A FastAPI app with a documented JSON API (``/docs``, ``/openapi.json``) and one static page
(``/``) served from this package, with plotly.js served locally from the installed ``plotly``
package.  Run it with ``detente serve --db relations.duckdb``.
"""
from .app import create_app, sanitize_filename

__all__ = ["create_app", "sanitize_filename"]
