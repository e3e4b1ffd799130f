"""The dashboard page, its scripts (plotly.js and the evidence panel served locally, no CDN),
the offline API docs and a health check."""
from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from .. import display
from ..ontology import PLOVER_TYPES

router = APIRouter(tags=["page"])
STATIC = resources.files("detente.web").joinpath("static")
_CACHE = {"Cache-Control": "public, max-age=86400"}


@router.get("/", response_class=HTMLResponse, summary="The dashboard page")
def index() -> HTMLResponse:
    return HTMLResponse(STATIC.joinpath("index.html").read_text(encoding="utf-8"))


@router.get("/static/plotly.min.js", summary="plotly.js, from the installed plotly package")
def plotly_js() -> Response:
    return Response(display.plotly_js(), media_type="application/javascript", headers=_CACHE)


def _shared_asset(name: str):
    def serve() -> Response:
        return Response(display.asset(name), media_type=display.ASSETS[name], headers=_CACHE)
    return serve


# the evidence panel's script and styles, shared with the HTML report (detente.display); the
# page's own files come from the static folder mounted behind these routes
for _name in display.ASSETS:
    router.add_api_route(f"/static/{_name}", _shared_asset(_name), include_in_schema=False)


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    """Swagger UI from the swagger-ui-bundle package, so ``/docs`` works offline."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="detente API",
                               swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                               swagger_css_url="/docs-assets/swagger-ui.css",
                               swagger_favicon_url="/docs-assets/favicon-32x32.png")


@router.get("/api/health", summary="Liveness and database summary")
def health(request: Request) -> dict:
    state = request.app.state
    return {"ok": True, "database": state.db_path.name, "database_present": state.db_path.exists(),
            "plover_types": list(PLOVER_TYPES), "max_upload_bytes": state.max_upload_bytes}
