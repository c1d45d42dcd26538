"""Liveness, readiness and metrics (no authentication: keep them off the public edge)."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from reviewer.api import schemas

router = APIRouter(tags=["health"])
SCANNER_CHECK_TTL_S = 60.0


@router.get("/healthz", response_model=schemas.HealthOut)
def healthz() -> schemas.HealthOut:
    """The process is up."""
    return schemas.HealthOut(status="ok")


def _scanners_ok(request: Request) -> str:
    """Whether every configured scanner is available; cached because probing runs tools."""
    state = request.app.state
    cached = getattr(state, "scanner_check", None)
    if cached and time.monotonic() - cached[0] < SCANNER_CHECK_TTL_S:
        return cached[1]
    try:
        config = state.runtime.review_config()
        missing = [s.name for s in config.scanners if not s.available(config.context)]
        result = "ok" if not missing else "missing: " + ", ".join(missing)
    except Exception as exc:
        result = f"error: {type(exc).__name__}"
    state.scanner_check = (time.monotonic(), result)
    return result


@router.get("/readyz", response_model=schemas.HealthOut, responses={503: {"model": schemas.HealthOut}})
def readyz(request: Request) -> Response:
    """Ready to serve: the database answers and the configured scanners are present."""
    checks: dict[str, str] = {}
    try:
        with request.app.state.runtime.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    checks["scanners"] = _scanners_ok(request)
    ok = all(v == "ok" for v in checks.values())
    body = schemas.HealthOut(status="ok" if ok else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ok else 503)


@router.get("/metrics", response_class=Response, responses={200: {"content": {CONTENT_TYPE_LATEST: {}}}})
def metrics(request: Request) -> Response:
    """Prometheus text exposition."""
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
