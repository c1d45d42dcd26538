"""The UI's one router: every page, plus its two static files. Listed in the API's router registry."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import FileResponse, Response

from reviewer.errors import NotFound
from reviewer.ui import routes_auth, routes_insights, routes_reviews
from reviewer.ui.routing import UiRoute
from reviewer.ui.templating import STATIC_DIR

STATIC_TYPES = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}

router = APIRouter(route_class=UiRoute, include_in_schema=False)
for _module in (routes_auth, routes_reviews, routes_insights):
    router.include_router(_module.router)


@router.get("/ui-static/{path}", name="ui_static")
def static(path: str) -> Response:
    """Serve a file of ``static/`` by exact name: no sub-paths, so nothing outside it is reachable."""
    candidate = STATIC_DIR / path
    if "/" in path or "\\" in path or candidate.suffix not in STATIC_TYPES or not candidate.is_file():
        raise NotFound("no such file")
    return FileResponse(
        candidate,
        media_type=STATIC_TYPES[candidate.suffix],
        headers={"Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff"},
    )
