"""``POST /webhooks/github``: verify, then parse, then enqueue, then answer.

The HMAC of the raw body is checked (constant time) before anything is decoded; a missing or
wrong signature answers 401 and is logged without the body. A reviewable ``pull_request``
event is recorded and handed to the check runner; the answer does not wait for GitHub or the
scanners. The router's lifespan builds the integration and starts the runner with the app.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from reviewer.errors import AuthError, InputError, UsageError
from reviewer.github.events import handle_event
from reviewer.github.integration import build_integration
from reviewer.github.runner import CeleryCheckRunner, CheckRunner, InProcessCheckRunner
from reviewer.github.signature import verify_signature

log = logging.getLogger(__name__)


def make_runner(app: FastAPI) -> CheckRunner:
    github = app.state.github
    settings = github.settings
    if settings.executor == "celery":
        return CeleryCheckRunner(app.state.executor.app)
    return InProcessCheckRunner(github, workers=getattr(settings, "inprocess_workers", 2))


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    if getattr(app.state, "github", None) is None:  # tests may install their own
        app.state.github = build_integration(app.state.runtime)
    runner = getattr(app.state, "github_runner", None) or make_runner(app)
    app.state.github_runner = runner
    runner.start()
    try:
        yield
    finally:
        runner.stop()


router = APIRouter(tags=["github"], lifespan=lifespan)


@router.post(
    "/webhooks/github",
    status_code=202,
    responses={
        200: {"description": "ping, a redelivery, or a head commit already reviewed"},
        202: {"description": "a review of the pull request's head commit was queued"},
        204: {"description": "an event or action that needs no review (installation events included)"},
        401: {"description": "missing or invalid X-Hub-Signature-256"},
    },
)
async def github_webhook(request: Request) -> Response:
    """Receive a GitHub webhook delivery (signed with the webhook secret)."""
    body = await request.body()  # the raw bytes: the signature covers exactly these
    settings = request.app.state.settings
    event = request.headers.get("X-GitHub-Event", "")[:50]
    delivery = request.headers.get("X-GitHub-Delivery", "")[:100]
    if not verify_signature(settings.github_webhook_secret, body, request.headers.get("X-Hub-Signature-256")):
        log.warning(
            "github webhook refused: missing or invalid signature (event=%r delivery=%r%s)",
            event,
            delivery,
            "; REVIEWER_GITHUB_WEBHOOK_SECRET is not set" if not settings.github_webhook_secret else "",
        )
        raise AuthError("missing or invalid X-Hub-Signature-256")
    if not event or not delivery:
        raise UsageError("X-GitHub-Event and X-GitHub-Delivery headers are required")
    try:
        payload: Any = json.loads(body)
    except ValueError:
        raise InputError("the webhook body is not JSON") from None
    if not isinstance(payload, dict):
        raise InputError("the webhook body is not a JSON object")
    if event == "ping":
        return JSONResponse({"ok": True, "zen": str(payload.get("zen", ""))[:200]})
    runtime = request.app.state.runtime
    result = await run_in_threadpool(handle_event, event, delivery, payload, runtime=runtime)
    if result.check_id is not None:
        request.app.state.github_runner.submit(result.check_id)  # after the commit: the row exists
    log.info("github webhook %s/%s delivery=%s: %s", event, payload.get("action"), delivery, result.outcome)
    if result.status == 204:
        return Response(status_code=204)
    return JSONResponse({"outcome": result.outcome, "check": result.check_id}, status_code=result.status)
