"""The reviews list, one review's page, and its two forms: triage a finding, sign off an item.

Both forms call the same use cases as the API (``reviewer.service.triage``), which check the
role and the repository grants again; the UI's own checks only decide what to draw.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.db import review_store
from reviewer.db.models import Finding, Review, TriageEvent
from reviewer.db.models.reviews import ReviewStatus, TriageState
from reviewer.db.review_store import ReviewFilter
from reviewer.errors import InputError, NotFound
from reviewer.findings import Category, Severity
from reviewer.service import changeset_codec
from reviewer.service import triage as triage_service
from reviewer.ui import diffview, views
from reviewer.ui.context import Viewer, check_csrf, current_viewer, db_session, render, secure
from reviewer.ui.listing import list_page, visible_repositories
from reviewer.ui.routing import UiRoute

router = APIRouter(route_class=UiRoute)
DbSession = Annotated[Session, Depends(db_session)]
SOURCES = ("api", "github", "cli", "ci")


def _viewer(request: Request, session: DbSession) -> Viewer:
    return current_viewer(request, session)


SignedIn = Annotated[Viewer, Depends(_viewer)]


@router.get("/", include_in_schema=False)
def home() -> Response:
    return RedirectResponse("/reviews", status_code=303)


def _choice(value: str | None, allowed: tuple[str, ...] | list[str]) -> str | None:
    return value if value in allowed else None


@router.get("/reviews", name="ui_reviews")
def reviews(request: Request, viewer: SignedIn, session: DbSession) -> Response:
    q = request.query_params
    repositories = visible_repositories(session=session, repositories=viewer.principal.repositories)
    statuses = [s.value for s in ReviewStatus]
    categories = [c.value for c in Category]
    severity_text = _choice(q.get("severity"), [s.label for s in Severity])
    flt = ReviewFilter(
        repository=_choice(q.get("repository"), repositories),
        status=_choice(q.get("status"), statuses),
        source=_choice(q.get("source"), SOURCES),
        severity=Severity.parse(severity_text) if severity_text else None,
        category=_choice(q.get("category"), categories),
    )
    try:
        page = max(1, min(10_000, int(q.get("page", "1"))))
    except ValueError:
        page = 1
    rows, has_next = list_page(flt, page=page, session=session, repositories=viewer.principal.repositories)
    params = {
        "repository": flt.repository,
        "status": flt.status,
        "source": flt.source,
        "severity": severity_text,
        "category": flt.category,
    }
    return render(
        request, "reviews.html.j2", viewer, nav="reviews",
        rows=[views.review_row(r) for r in rows], page=page, has_next=has_next,
        filters=params, params=params, repositories=repositories, statuses=statuses,
        sources=SOURCES, categories=categories,
    )  # fmt: skip


def _diff_view(review_id: str, findings: list[views.FindingView], *, session: Session) -> diffview.DiffView:
    """The stored diff with findings placed; a stored changeset (a pull request) shows its added
    lines with context instead, since its old side is not kept."""
    try:
        row = review_store.get_input(review_id, session=session)
    except NotFound:
        return diffview.place([], findings)
    payload = zlib.decompress(row.content)
    if row.format == changeset_codec.FORMAT:
        changeset = changeset_codec.decode(payload)
        raw = [
            diffview.from_post_image(
                f.path, f.kind.value, f.post_image or "", f.added_lines, old_path=f.old_path
            )
            if f.reviewable
            else diffview.RawFile(f.path, f.old_path, f.kind.value, (), binary=f.binary)
            for f in changeset.files
        ]
        return diffview.place(raw, findings)
    return diffview.build(payload.decode("utf-8", "replace"), findings)


@router.get("/reviews/{review_id}", name="ui_review")
def review_page(review_id: str, request: Request, viewer: SignedIn, session: DbSession) -> Response:
    principal = viewer.principal
    review = review_store.get_review(review_id, session=session, repositories=principal.repositories)
    rows = review_store.findings_of(review.id, session=session)
    group_ids = sorted({f.group_id for f in rows})
    events: dict[int, list[TriageEvent]] = {}
    if group_ids:
        for event in session.scalars(
            select(TriageEvent).where(TriageEvent.group_id.in_(group_ids)).order_by(TriageEvent.id)
        ):
            events.setdefault(event.group_id, []).append(event)
    findings = [views.finding_view(f, events.get(f.group_id, ())) for f in rows]
    signoffs = review_store.signoffs_of(review.id, session=session)
    result = review_store.checklist_result_of(review.id, session=session)
    checklist = None
    if result is not None:
        checklist = views.ChecklistPanel(
            result.slug, result.version, views.checklist_items(result.result or {}, signoffs, findings)
        )
    first_view = {}
    for f in findings:
        first_view.setdefault(f.group_id, f)
    trail = views.activity(
        ((e, first_view[gid]) for gid, evs in events.items() for e in evs if gid in first_view), signoffs
    )
    diff = _diff_view(review.id, findings, session=session)
    file_ids = {f.path: i for i, f in enumerate(diff.files)}
    owner, _, name = review.repository.full_name.partition("/")
    return render(
        request, "review.html.j2", viewer, nav="reviews",
        review=_review_header(review, owner, name, len(findings)),
        scanners=review_store.scanner_runs_of(review.id, session=session),
        diff=diff, file_ids=file_ids, checklist=checklist, activity=trail,
        can_triage=viewer.can_triage, can_signoff=viewer.can_triage,
        triage_states=views.TRIAGE_CHOICES,
        # one url_for for the page: Starlette looks a name up by scanning every route
        review_path=request.url_for("ui_review", review_id=review.id).path,
    )  # fmt: skip


def _review_header(review: Review, owner: str, name: str, finding_count: int) -> dict[str, object]:
    return {
        "id": review.id, "title": review.title, "repository": review.repository.full_name,
        "owner": owner, "name": name, "status": review.status, "source": review.source,
        "pull_request": review.pull_request, "head_sha": review.head_sha,
        "files_reviewed": review.files_reviewed, "lines_added": review.lines_added,
        "finding_count": finding_count, "created_at": review.created_at, "error": review.error,
        "notices": review.notices or [],
    }  # fmt: skip


def _expiry(text: str) -> dt.datetime | None:
    """A date from the form, as the end of that day in UTC (the risk is accepted through it)."""
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError("accepted_until: expected a date like 2027-01-31") from None
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)


@router.post("/reviews/{review_id}/findings/{group_id}/triage", name="ui_triage")
async def triage(
    review_id: str, group_id: int, request: Request, viewer: SignedIn, session: DbSession
) -> Response:
    form = dict(await request.form())
    check_csrf(request, viewer, form)
    review = review_store.get_review(review_id, session=session, repositories=viewer.principal.repositories)
    in_review = session.scalar(
        select(Finding.id).where(Finding.review_id == review.id, Finding.group_id == group_id).limit(1)
    )
    if in_review is None:
        raise NotFound("finding not in this review")
    try:
        state = TriageState(str(form.get("state", "")))
    except ValueError:
        raise InputError("state: choose one of the decisions") from None
    until = None
    if state is TriageState.ACCEPTED_RISK:
        until = _expiry(str(form.get("accepted_until", "")).strip())
    triage_service.triage(
        group_id, state, str(form.get("reason", "")), principal=viewer.principal, session=session,
        accepted_until=until, review_id=review.id,
    )  # fmt: skip
    session.commit()
    return secure(RedirectResponse(f"/reviews/{review.id}?msg=triaged#finding-{in_review}", status_code=303))


@router.post("/reviews/{review_id}/checklist/{item_key}/signoff", name="ui_signoff")
async def signoff(
    review_id: str, item_key: str, request: Request, viewer: SignedIn, session: DbSession
) -> Response:
    form = dict(await request.form())
    check_csrf(request, viewer, form)
    note = str(form.get("note", "")).strip()
    if not note:
        raise InputError("note: say what you checked")
    review = review_store.get_review(review_id, session=session, repositories=viewer.principal.repositories)
    triage_service.sign_off(review.id, item_key, note, principal=viewer.principal, session=session)
    session.commit()
    return secure(RedirectResponse(f"/reviews/{review.id}?msg=signed-off#item-{item_key}", status_code=303))
