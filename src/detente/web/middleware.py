"""The app's two middlewares, as plain ASGI: security headers on every response, and the
upload limit checked on the declared length before a body is read.

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: that wrapper hides the client's
disconnect from the route (``request.is_disconnected()`` never turns true behind it), and
the coding route must see it to stop a story nobody waits for.
"""
from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import DetenteError
from .errors import error_response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# multipart framing around an upload: a declared length over the limit by more than this is
# refused before the body is read
FORM_OVERHEAD_BYTES = 64_000


class SecurityHeaders:
    """nosniff and no-referrer everywhere; no framing and a strict CSP except on the API docs
    (Swagger UI runs inline scripts)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(("/docs", "/redoc"))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
                if not docs:
                    headers.setdefault("X-Frame-Options", "DENY")
                    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadLimit:
    """413 (E502) for a coding request whose declared length is over the app's upload limit."""

    def __init__(self, app: ASGIApp, path: str = "/api/code") -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] == self.path:
            limit = scope["app"].state.max_upload_bytes
            length = dict(scope["headers"]).get(b"content-length", b"").decode("latin-1")
            if length.isdigit() and int(length) > limit + FORM_OVERHEAD_BYTES:
                response = error_response(DetenteError("E502", what=f"upload ({int(length):,} bytes)", limit=limit))
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
