"""The v2 HTTP app (Starlette: the protocol is small and the hot path should not pay for more).

Endpoints (KServe Open Inference Protocol, REST):

* ``GET  /v2`` server metadata; ``GET /v2/health/live``; ``GET /v2/health/ready``
* ``GET  /v2/models/{name}[/versions/{v}]`` model metadata; ``GET .../ready``
* ``POST /v2/models/{name}[/versions/{v}]/infer``
* ``GET  /metrics`` Prometheus text: requests, rows, batches, batch sizes, busy time
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from reviewer import __version__
from reviewer.classifier.backends import Backend
from reviewer.modelserver import protocol
from reviewer.modelserver.batching import DynamicBatcher

MAX_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    max_batch_size: int = 32
    max_queue_delay_ms: float = 5.0
    batching: bool = True


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def create_app(backend: Backend, config: ServerConfig | None = None) -> Starlette:
    """The app for one model; the backend is loaded by the caller (CLI or test)."""
    config = config or ServerConfig()
    version = backend.version
    classes = tuple(
        getattr(getattr(backend, "bundle", None), "classes", ("validation", "secrets", "access-control"))
    )
    batcher = DynamicBatcher(
        backend.predict, config.max_batch_size, config.max_queue_delay_ms, config.batching
    )
    state = {"ready": False}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await batcher.start()
        state["ready"] = True
        try:
            yield
        finally:
            state["ready"] = False
            await batcher.stop()

    def _model_ok(request: Request) -> JSONResponse | None:
        name = request.path_params["name"]
        if name != version.name:
            return _error(404, f"unknown model {name!r}; this server has {version.name!r}")
        wanted = request.path_params.get("version")
        if wanted is not None and wanted != version.version:
            return _error(404, f"model {name!r} has no version {wanted!r} (serving {version.version})")
        return None

    async def server_meta(request: Request) -> Response:
        return JSONResponse({"name": "reviewer-modelserver", "version": __version__, "extensions": []})

    async def live(request: Request) -> Response:
        return JSONResponse({"live": True})

    async def ready(request: Request) -> Response:
        return JSONResponse({"ready": state["ready"]}, status_code=200 if state["ready"] else 503)

    async def model_meta(request: Request) -> Response:
        problem = _model_ok(request)
        if problem is not None:
            return problem
        return JSONResponse(
            protocol.model_metadata(
                version.name,
                version.version,
                version.checksum,
                classes,
                backend.thresholds,
                f"reviewer_{backend.kind}",
            )
        )

    async def model_ready(request: Request) -> Response:
        problem = _model_ok(request)
        if problem is not None:
            return problem
        return JSONResponse(
            {"name": version.name, "ready": state["ready"]}, status_code=200 if state["ready"] else 503
        )

    async def infer(request: Request) -> Response:
        problem = _model_ok(request)
        if problem is not None:
            return problem
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return _error(413, f"request body over {MAX_BODY} bytes")
        try:
            request_id, texts = protocol.parse_infer_request(json.loads(raw))
        except (ValueError, protocol.ProtocolError) as exc:
            return _error(400, str(exc))
        try:
            probs = await batcher.submit(texts)
        except Exception as exc:  # the model failed: say so, 500, so the client retries elsewhere
            return _error(500, f"inference failed: {type(exc).__name__}: {exc}")
        body = protocol.infer_response(
            version.name, version.version, version.checksum, classes, probs, request_id
        )
        return Response(json.dumps(body, separators=(",", ":")), media_type="application/json")

    async def metrics(request: Request) -> Response:
        s = batcher.stats
        lines = [
            "# TYPE reviewer_model_requests_total counter",
            f"reviewer_model_requests_total {s.requests}",
            "# TYPE reviewer_model_rows_total counter",
            f"reviewer_model_rows_total {s.rows}",
            "# TYPE reviewer_model_batches_total counter",
            f"reviewer_model_batches_total {s.batches}",
            "# TYPE reviewer_model_busy_seconds_total counter",
            f"reviewer_model_busy_seconds_total {s.busy_s:.6f}",
            "# TYPE reviewer_model_batch_rows counter",
            *(f'reviewer_model_batch_rows{{size="{k}"}} {v}' for k, v in sorted(s.batch_sizes.items())),
            f'reviewer_model_info{{name="{version.name}",version="{version.version}",checksum="{version.checksum}",'
            f'backend="{backend.kind}"}} 1',
        ]
        return PlainTextResponse("\n".join(lines) + "\n")

    routes = [
        Route("/v2", server_meta),
        Route("/v2/health/live", live),
        Route("/v2/health/ready", ready),
        Route("/v2/models/{name}", model_meta),
        Route("/v2/models/{name}/ready", model_ready),
        Route("/v2/models/{name}/versions/{version}", model_meta),
        Route("/v2/models/{name}/versions/{version}/ready", model_ready),
        Route("/v2/models/{name}/infer", infer, methods=["POST"]),
        Route("/v2/models/{name}/versions/{version}/infer", infer, methods=["POST"]),
        Route("/metrics", metrics),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.batcher = batcher
    app.state.backend = backend
    return app
