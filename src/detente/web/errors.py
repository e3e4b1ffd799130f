"""Every error the API returns is a catalogued :class:`~detente.errors.DetenteError`, sent as
JSON ``{"error": {"code", "message"}}`` with the HTTP status its code stands for."""
from __future__ import annotations

from datetime import date as Date
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DetenteError

ISO3 = r"^[A-Z]{3}$"
EVENT_ID = r"^[A-Za-z0-9_.:-]{1,64}$"
# the days pandas' nanosecond timestamps can hold, in whole years: the analytics' calendar
FIRST_DATE, LAST_DATE = Date(1678, 1, 1), Date(2261, 12, 31)

# E5xx: the API's own codes; anything else detente raises on a request (a bad date or country
# the analysis refuses, E4xx; a bad filter the store refuses, E3xx) is a bad parameter.
STATUS = {"E500": 400, "E501": 422, "E502": 413, "E503": 415, "E504": 404, "E505": 405, "E506": 503,
          "E507": 422, "E508": 422, "E509": 413, "E510": 408, "E511": 503, "E512": 503, "E599": 500}
_HTTP_CODES = {400: "E500", 404: "E504", 405: "E505"}


def status_of(code: str) -> int:
    return STATUS.get(code, 422)


def check_dates(**dates: Optional[Date]) -> None:
    """E507 for a date outside the analytics' calendar (``start=9999-12-31``)."""
    for what, value in dates.items():
        if value is not None and not FIRST_DATE <= value <= LAST_DATE:
            raise DetenteError("E507", what=what.replace("_", " "), value=value.isoformat(),
                               lo=FIRST_DATE.isoformat(), hi=LAST_DATE.isoformat())


def error_response(error: DetenteError, **extra: Any) -> JSONResponse:
    body = {"error": {"code": error.code, "message": error.message, **extra}}
    return JSONResponse(body, status_code=status_of(error.code))


def _short(v: Any) -> Any:
    if isinstance(v, str) and len(v) > 80:
        return v[:80] + "…"
    return v if isinstance(v, (str, int, float, bool, type(None))) else str(v)[:80]


def install(app: FastAPI) -> None:
    """Route every exception a request can raise to one JSON error shape."""

    @app.exception_handler(DetenteError)
    async def _detente_error(request: Request, exc: DetenteError) -> JSONResponse:
        return error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
            where = ".".join(loc) or "request"
            msg = e.get("msg", "invalid")
            if e.get("type") == "string_pattern_mismatch":
                pattern = (e.get("ctx") or {}).get("pattern")
                if pattern == ISO3:
                    msg = "must be an ISO 3166-1 alpha-3 country code in capitals, e.g. USA"
                elif pattern == EVENT_ID:
                    msg = "must be an event id (letters, digits, . _ : -; at most 64)"
            problems.append({"param": where, "message": msg, "input": _short(e.get("input"))})
        detail = "; ".join(f"{p['param']}: {p['message']}" for p in problems) or "invalid request"
        return error_response(DetenteError("E501", detail=detail), problems=problems)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "E500")
        return JSONResponse({"error": {"code": code, "message": DetenteError(code, detail=request.url.path).message}},
                            status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        return error_response(DetenteError("E599", kind=type(exc).__name__))
