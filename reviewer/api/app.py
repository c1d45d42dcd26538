"""``create_app(settings)``: the FastAPI application, built on call (never at import).

The lifespan starts the executor (which picks up unfinished reviews) and stops it on
shutdown. Tests and benchmarks may pass their own Runtime (e.g. an engine bound to a test
database).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from reviewer import __version__
from reviewer.api import errors, openapi
from reviewer.api.body_limit import BodyLimitMiddleware
from reviewer.api.metrics import Metrics
from reviewer.api.routers import load_routers
from reviewer.auth.cache import PrincipalCache
from reviewer.auth.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter
from reviewer.db import review_store
from reviewer.db.models import load_all
from reviewer.jobs.base import Executor, make_executor
from reviewer.service.runtime import Runtime, build_runtime
from reviewer.settings import Settings

SMALL_BODY_CAP = 1024 * 1024
log = logging.getLogger(__name__)


def _rate_limiter(settings: Settings) -> RateLimiter:
    rate = settings.rate_limit_per_minute / 60.0
    if settings.executor == "celery":  # replicas share Redis already: share the buckets too
        import redis

        # Short timeouts: the check runs on the event loop and fails open when Redis is away.
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        client = redis.Redis.from_url(
            settings.redis_url, socket_timeout=0.25, socket_connect_timeout=0.25, retry=Retry(NoBackoff(), 0)
        )
        return RedisRateLimiter(client, rate, settings.rate_limit_burst)
    return MemoryRateLimiter(rate, settings.rate_limit_burst)


def _sync_checklists(runtime: Runtime) -> None:
    """Store the checklist versions on disk; a bad file must not keep the API down."""
    from reviewer.service.checklist_sync import sync_all

    try:
        with runtime.sessions.begin() as session:
            sync_all(runtime.settings.checklists_dir, session=session)
    except Exception as exc:
        log.warning("checklists not synced: %s: %s", type(exc).__name__, exc)


def create_app(
    settings: Settings, *, runtime: Runtime | None = None, executor: Executor | None = None
) -> FastAPI:
    settings.check_secrets()
    load_all()
    runtime = runtime or build_runtime(settings)
    executor = executor or make_executor(runtime)
    metrics = Metrics()
    runtime.observers.append(metrics.observe)

    def counts() -> dict[str, int]:
        with runtime.sessions() as s:
            return review_store.count_by_status(session=s)

    metrics.watch(counts, executor.queue_depth)
    for hook in runtime.hooks:  # e.g. the model versions' per-replica load
        if hasattr(hook, "collector"):
            metrics.registry.register(hook.collector())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        _sync_checklists(runtime)
        executor.start()
        try:
            yield
        finally:
            executor.stop()

    app = FastAPI(
        title="reviewer",
        version=__version__,
        description="Security review of changes (diffs, pull requests) against a versioned checklist.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.runtime = runtime
    app.state.executor = executor
    app.state.metrics = metrics
    app.state.rate_limiter = _rate_limiter(settings)
    app.state.principal_cache = PrincipalCache(settings.auth_cache_s)
    errors.install(app)
    review_cap = 2 * settings.max_diff_bytes + 64 * 1024  # JSON escaping can double a diff

    def cap_for(path: str) -> int:
        return review_cap if path == "/api/v1/reviews" else SMALL_BODY_CAP

    app.add_middleware(BodyLimitMiddleware, cap_for=cap_for)
    for router in load_routers():
        app.include_router(router)
    openapi.install(app)
    return app
