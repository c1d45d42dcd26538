"""Read-only pages: a repository's trends and open findings; checklist versions and their diffs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.checklists import diff as checklist_diff
from reviewer.checklists.loader import discover, load_file, parse_checklist
from reviewer.checklists.model import Checklist as ChecklistValue
from reviewer.checklists.model import version_key
from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models import Checklist
from reviewer.errors import NotFound, ReviewerError
from reviewer.findings import Category, Severity
from reviewer.ui import charts, trends
from reviewer.ui.context import Viewer, current_viewer, db_session, render, ui_state
from reviewer.ui.routing import UiRoute

router = APIRouter(route_class=UiRoute)
DbSession = Annotated[Session, Depends(db_session)]
WEEKS = 12


def _viewer(request: Request, session: DbSession) -> Viewer:
    return current_viewer(request, session)


SignedIn = Annotated[Viewer, Depends(_viewer)]


def _threshold(policy: dict[str, Any], default: str) -> Severity:
    for text in (policy.get("fail_on"), default, "high"):
        try:
            return Severity.parse(str(text))
        except ValueError:
            continue
    return Severity.HIGH


@router.get("/repos/{owner}/{name}", name="ui_repository")
def repository(owner: str, name: str, request: Request, viewer: SignedIn, session: DbSession) -> Response:
    full_name = f"{owner}/{name}"
    viewer.principal.require_repository(full_name)
    repo = review_store.find_repository(full_name, session=session)
    if repo is None:
        raise NotFound("repository not found")
    threshold = _threshold(repo.policy or {}, ui_state(request).settings.github_fail_on)
    now = utcnow()
    first_week = dt.datetime.combine(trends.week_start(now), dt.time(), tzinfo=dt.UTC)
    since = first_week - dt.timedelta(weeks=WEEKS - 1)
    weeks = trends.bucket(
        trends.review_points(repo.id, since, session=session), weeks=WEEKS, now=now, threshold=threshold
    )
    categories = [c.value for c in Category]
    labels = [w.label for w in weeks]
    return render(
        request, "repository.html.j2", viewer, nav="reviews",
        repository=full_name, owner=owner, name=name, weeks=weeks, categories=categories,
        threshold=threshold.label,
        findings_chart=charts.stacked_bars(
            labels, {c: [w.by_category.get(c, 0) for w in weeks] for c in categories},
            chart_id="findings-per-week", title=f"Findings per week by category, {full_name}",
        ),
        pass_chart=charts.share_line(
            labels, [w.pass_share for w in weeks],
            chart_id="passing-share", title=f"Share of reviews passing per week, {full_name}",
        ),
        open_findings=trends.open_findings(repo.id, session=session),
    )  # fmt: skip


def _checklists(request: Request, session: Session) -> dict[str, dict[str, ChecklistValue]]:
    """Every known version: those synced into the database, else the files in checklists_dir."""
    found: dict[str, dict[str, ChecklistValue]] = {}
    for row in session.scalars(select(Checklist)):
        try:
            value = parse_checklist(row.document, source=f"db:{row.slug}")
            found.setdefault(row.slug, {})[row.version] = value
        except ReviewerError:
            continue
    if not found:
        for slug, version, path in discover(ui_state(request).settings.checklists_dir):
            try:
                found.setdefault(slug, {})[version] = load_file(path)
            except ReviewerError:
                continue
    return found


def _sorted_versions(versions: dict[str, ChecklistValue]) -> list[str]:
    def key(v: str) -> tuple[int, ...]:
        try:
            return version_key(v)
        except ValueError:
            return (-1,)

    return sorted(versions, key=key, reverse=True)


@router.get("/checklists", name="ui_checklists")
def checklists(request: Request, viewer: SignedIn, session: DbSession) -> Response:
    known = _checklists(request, session)
    listing = []
    for slug in sorted(known):
        order = _sorted_versions(known[slug])
        newest = known[slug][order[0]]
        listing.append(
            {
                "slug": slug,
                "title": newest.title,
                "versions": [
                    {
                        "version": v,
                        "item_count": len(known[slug][v].items),
                        "signoff_items": sum(1 for i in known[slug][v].items if i.human_signoff),
                        "content_hash": known[slug][v].content_hash,
                    }
                    for v in order
                ],
            }
        )
    q = request.query_params
    compare = None
    slug, a, b = q.get("slug"), q.get("a"), q.get("b")
    if slug in known and a and b:
        if a in known[slug] and b in known[slug]:
            changes = checklist_diff.diff(known[slug][a], known[slug][b])
            compare = {"slug": slug, "a": a, "b": b, "diff": changes, "error": None}
        else:
            compare = {"slug": slug, "a": a, "b": b, "error": "Unknown version.", "diff": None}
    return render(
        request, "checklists.html.j2", viewer, nav="checklists", checklists=listing, compare=compare
    )
