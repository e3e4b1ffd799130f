"""`detente serve --db relations.duckdb`: the local dashboard and JSON API (uvicorn)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from ._common import db_option

_err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Path = db_option("Event store to show (a DuckDB file, opened read-only per request; `detente ingest` may write to it meanwhile)."),
        port: int = typer.Option(8765, "--port", min=1, max=65535, metavar="PORT", help="TCP port"),
        host: str = typer.Option("127.0.0.1", "--host", metavar="ADDRESS",
                                 help="Address to bind; the default keeps the dashboard on this machine"),
        data_dir: Optional[Path] = typer.Option(None, "--data-dir", metavar="FOLDER",
                                                help="Keep uploaded stories here (default: keep nothing)"),
        max_upload: int = typer.Option(1_000_000, "--max-upload-bytes", min=1, metavar="BYTES",
                                       help="Largest accepted upload"),
        max_code_chars: int = typer.Option(200_000, "--max-code-chars", min=1, metavar="CHARS",
                                           help="Longest story the dashboard codes (longer: 413)"),
        code_timeout: float = typer.Option(60.0, "--code-timeout", min=0.1, metavar="SECONDS",
                                           help="Time one story may take to code; then it is stopped (408)"),
    ) -> None:
        """Serve the dashboard at http://HOST:PORT/ and the JSON API (docs at /docs).  An ingest into
        the same store can run meanwhile: requests wait for the batch being written."""
        from ..web import create_app, serve as serve_app

        if not db.exists():
            _err.print(f"[yellow]warning:[/] no event database at {db} yet; the page will say so")
        if host not in ("127.0.0.1", "localhost", "::1"):
            _err.print(f"[yellow]warning:[/] binding {host}: the dashboard is reachable from other machines")
        application = create_app(db, data_dir=data_dir, max_upload_bytes=max_upload,
                                 max_code_chars=max_code_chars, code_timeout=code_timeout)
        _err.print(f"detente dashboard on http://{host}:{port}/  (API docs: /docs)")
        serve_app(application, host=host, port=port)
