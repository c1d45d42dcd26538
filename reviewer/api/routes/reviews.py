"""/api/v1/reviews: submit a change, list and read reviews, their findings, SARIF, checklist."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy.orm import Session

from reviewer.api import schemas, views
from reviewer.api.deps import principal, require, session
from reviewer.auth.principal import Principal, Role
from reviewer.db import review_store
from reviewer.db.models.reviews import ReviewStatus
from reviewer.errors import InputError, NotFound, PermissionDenied
from reviewer.service.submission import Submission, checklist_choice, submit_diff

router = APIRouter(prefix="/api/v1", tags=["reviews"])
PROBLEMS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.Problem, "description": desc}
    for code, desc in {
        401: "no or invalid token",
        403: "role too low",
        404: "not found or not granted",
        413: "body over the size cap",
        422: "invalid input",
        429: "rate limited",
    }.items()
}
DIFF_TYPES = ("text/x-diff", "text/x-patch", "text/plain", "application/octet-stream")
SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/ReviewSubmission"}},
            "text/x-diff": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
        },
    }
}


async def _read_submission(request: Request) -> tuple[bytes, schemas.ReviewSubmission | None]:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await request.body()
    if content_type == "application/json":
        try:
            data = json.loads(body)
        except ValueError:  # UnicodeDecodeError is a ValueError too
            raise InputError("body: not valid JSON") from None
        try:
            return b"", schemas.ReviewSubmission.model_validate(data)
        except ValidationError as exc:
            raise _as_request_error(exc) from None
    if content_type in DIFF_TYPES or not content_type:
        return body, None
    raise InputError(f"content-type {content_type!r} not accepted: send application/json or text/x-diff")


def _as_request_error(exc: ValidationError) -> Exception:
    from fastapi.exceptions import RequestValidationError

    return RequestValidationError([dict(e, loc=("body", *e["loc"])) for e in exc.errors()])


def _accept(request: Request, diff: bytes, meta: Submission) -> str:
    runtime = request.app.state.runtime
    with runtime.writing(), runtime.sessions.begin() as s:
        review = submit_diff(diff, meta, limits=runtime.settings.limits(), session=s)
        review_id = review.id
    request.app.state.executor.submit(review_id)  # after commit, so the job sees the row
    request.app.state.metrics.submitted.inc()
    return review_id


def _load(request: Request, review_id: str, who: Principal) -> schemas.ReviewOut:
    with request.app.state.runtime.sessions() as s:
        row = review_store.get_review(review_id, session=s, repositories=who.repositories)
        return views.review(request, row, review_store.scanner_runs_of(row.id, session=s))


@router.post(
    "/reviews",
    status_code=202,
    response_model=schemas.ReviewAccepted,
    responses={200: {"model": schemas.ReviewOut, "description": "finished (with ?wait=true)"}, **PROBLEMS},
    openapi_extra=SUBMIT_BODY,
    summary="Submit a unified diff for review",
)
async def submit_review(
    request: Request,
    who: Annotated[Principal, Depends(require(Role.TRIAGER))],
    wait: Annotated[bool, Query(description="review small changes synchronously")] = False,
) -> Any:
    diff, doc = await _read_submission(request)
    meta = Submission(requested_by=who.name)
    if doc is not None:
        diff = doc.diff.encode("utf-8", "surrogatepass")
        settings = request.app.state.runtime.settings
        slug, version = (None, None)
        if doc.checklist:  # only the folder listing is read: cheap enough for this path
            slug, version = checklist_choice(doc.checklist, settings.checklists_dir)
        meta = Submission(
            repository=doc.repository or meta.repository,
            source=doc.source,
            base_ref=doc.base_ref,
            head_ref=doc.head_ref,
            head_sha=doc.head_sha,
            pull_request=doc.pull_request,
            title=doc.title,
            requested_by=who.name,
            checklist_slug=slug,
            checklist_version=version,
        )
    if not who.can_see(meta.repository):
        raise PermissionDenied(f"this token may not submit reviews for {meta.repository}")
    if not diff.strip():
        raise InputError("body: the diff is empty")
    review_id = await run_in_threadpool(_accept, request, diff, meta)
    url = views.review_url(request, review_id)
    settings = request.app.state.runtime.settings
    if wait and len(diff) <= settings.wait_max_bytes:
        deadline = time.monotonic() + settings.wait_timeout_s
        while time.monotonic() < deadline:
            out = await run_in_threadpool(_load, request, review_id, who)
            if out.status.finished:
                return JSONResponse(out.model_dump(mode="json"), status_code=200, headers={"Location": url})
            await anyio.sleep(0.05)
    body = schemas.ReviewAccepted(id=review_id, status=ReviewStatus.QUEUED, url=url)
    return JSONResponse(body.model_dump(mode="json"), status_code=202, headers={"Location": url})


@router.get("/reviews", response_model=schemas.ReviewPage, responses=PROBLEMS, summary="List reviews")
def list_reviews(
    request: Request,
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
    repository: Annotated[str | None, Query(pattern=schemas.REPO_PATTERN)] = None,
    status: ReviewStatus | None = None,
    source: Annotated[str | None, Query(max_length=16)] = None,
    head_sha: Annotated[str | None, Query(max_length=64)] = None,
    pull_request: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10**7)] = 0,
) -> schemas.ReviewPage:
    flt = review_store.ReviewFilter(
        repository=repository,
        status=status.value if status else None,
        source=source,
        head_sha=head_sha,
        pull_request=pull_request,
    )
    rows, total = review_store.list_reviews(
        flt, session=s, repositories=who.repositories, limit=limit, offset=offset
    )
    return schemas.ReviewPage(
        items=[views.review(request, r) for r in rows], total=total, limit=limit, offset=offset
    )


@router.get("/reviews/{review_id}", response_model=schemas.ReviewOut, responses=PROBLEMS, name="get_review")
def get_review(
    request: Request,
    review_id: str,
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
) -> schemas.ReviewOut:
    row = review_store.get_review(review_id, session=s, repositories=who.repositories)
    return views.review(request, row, review_store.scanner_runs_of(row.id, session=s))


@router.get("/reviews/{review_id}/findings", response_model=schemas.FindingPage, responses=PROBLEMS)
def review_findings(
    review_id: str,
    who: Annotated[Principal, Depends(principal)],
    s: Annotated[Session, Depends(session)],
    include_suppressed: bool = True,
) -> schemas.FindingPage:
    row = review_store.get_review(review_id, session=s, repositories=who.repositories)
    rows = [
        f for f in review_store.findings_of(row.id, session=s) if include_suppressed or not f.suppression_kind
    ]
    return schemas.FindingPage(items=[views.finding(f) for f in rows], total=len(rows))


@router.get(
    "/reviews/{review_id}/sarif",
    responses={200: {"content": {"application/sarif+json": {}}, "description": "SARIF 2.1.0"}, **PROBLEMS},
)
def review_sarif(
    review_id: str, who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]
) -> JSONResponse:
    from reviewer.service.export import sarif_document

    row = review_store.get_review(review_id, session=s, repositories=who.repositories)
    if not row.status_enum.finished:
        raise NotFound(f"review {review_id} has not finished yet")
    return JSONResponse(sarif_document(row, session=s), media_type="application/sarif+json")


@router.get("/reviews/{review_id}/checklist", response_model=schemas.ChecklistResultOut, responses=PROBLEMS)
def review_checklist(
    review_id: str, who: Annotated[Principal, Depends(principal)], s: Annotated[Session, Depends(session)]
) -> schemas.ChecklistResultOut:
    row = review_store.get_review(review_id, session=s, repositories=who.repositories)
    result = review_store.checklist_result_of(row.id, session=s)
    if result is None:
        raise NotFound(f"review {review_id} has no checklist result (yet)")
    return views.checklist_result(row.id, result, review_store.signoffs_of(row.id, session=s))
