"""Run the dashboard app with uvicorn: ``serve(create_app(db), host="127.0.0.1", port=8765)``.

SIGTERM or Ctrl-C stops the server promptly: requests still running after
:data:`SHUTDOWN_GRACE_SECONDS` are cancelled (a coding request's child process is killed with
it), then the app's shutdown stops the coder.  Without the grace limit uvicorn waits for every
open request, however long a runaway one takes.
"""
from __future__ import annotations

from fastapi import FastAPI

SHUTDOWN_GRACE_SECONDS = 3


def serve(app: FastAPI, *, host: str = "127.0.0.1", port: int = 8765, log_level: str = "warning") -> None:
    """Serve ``app`` on ``host:port`` until SIGINT or SIGTERM."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level=log_level, timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS)
