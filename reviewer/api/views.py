"""ORM rows -> API response models. The only place that knows both shapes."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request

from reviewer.api import schemas
from reviewer.db.models import ChecklistResult, ChecklistSignoff, Finding, FindingGroup, Review, ScannerRun
from reviewer.db.models import TriageEvent as TriageEventRow
from reviewer.db.models.reviews import TriageState
from reviewer.findings import Confidence, Severity


def review_url(request: Request, review_id: str) -> str:
    return str(request.url_for("get_review", review_id=review_id))


def review(request: Request, row: Review, scanners: Sequence[ScannerRun] | None = None) -> schemas.ReviewOut:
    checklist = (
        schemas.ChecklistRef(slug=row.checklist_slug, version=row.checklist_version or "")
        if row.checklist_slug
        else None
    )
    return schemas.ReviewOut(
        id=row.id,
        url=review_url(request, row.id),
        repository=row.repository.full_name,
        status=row.status_enum,
        source=row.source,
        base_ref=row.base_ref,
        head_ref=row.head_ref,
        head_sha=row.head_sha,
        pull_request=row.pull_request,
        title=row.title,
        requested_by=row.requested_by,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        error=row.error,
        files_reviewed=row.files_reviewed,
        lines_added=row.lines_added,
        duration_s=row.duration_s,
        summary=row.summary or {},
        notices=row.notices or [],
        checklist=checklist,
        scanners=None
        if scanners is None
        else [
            schemas.ScannerRunOut(
                scanner=s.scanner,
                state=s.state,
                version=s.version,
                duration_s=s.duration_s,
                detail=s.detail,
                files_scanned=s.files_scanned,
                files_skipped=[list(map(str, x)) for x in s.files_skipped or []],
            )
            for s in scanners
        ],
    )


def triage_state(group: FindingGroup) -> schemas.TriageOut:
    return schemas.TriageOut(
        state=TriageState(group.state),
        reason=group.state_reason,
        accepted_until=group.accepted_until,
        updated_at=group.updated_at,
    )


def finding(row: Finding) -> schemas.FindingOut:
    suppression = (
        {"kind": row.suppression_kind, "justification": row.suppression_justification or ""}
        if row.suppression_kind
        else None
    )
    return schemas.FindingOut(
        id=row.id,
        group_id=row.group_id,
        rule=row.rule,
        scanners=list(row.scanners),
        category=row.category,
        cwes=list(row.cwes),
        severity=Severity(row.severity).label,
        confidence=Confidence(row.confidence).label,
        path=row.path,
        start_line=row.start_line,
        end_line=row.end_line,
        start_col=row.start_col,
        end_col=row.end_col,
        message=row.message,
        fix=row.fix,
        snippet=row.snippet,
        fingerprint=row.fingerprint,
        checklist_items=list(row.checklist_items),
        secret=row.secret_hash is not None,
        suppression=suppression,
        on_changed_line=row.on_changed_line,
        triage=triage_state(row.group),
    )


def event(row: TriageEventRow) -> schemas.TriageEventOut:
    return schemas.TriageEventOut(
        id=row.id,
        actor=row.actor,
        created_at=row.created_at,
        from_state=row.from_state,
        to_state=row.to_state,
        reason=row.reason,
        accepted_until=row.accepted_until,
        review_id=row.review_id,
    )


def group(row: FindingGroup, events: Sequence[TriageEventRow]) -> schemas.FindingGroupOut:
    return schemas.FindingGroupOut(
        id=row.id,
        repository=row.repository.full_name,
        fingerprint=row.fingerprint,
        rule=row.rule,
        category=row.category,
        path=row.path,
        triage=triage_state(row),
        first_seen_review_id=row.first_seen_review_id,
        last_seen_review_id=row.last_seen_review_id,
        events=[event(e) for e in events],
    )


def signoff(row: ChecklistSignoff) -> schemas.SignoffOut:
    return schemas.SignoffOut(
        item_key=row.item_key, actor=row.actor, note=row.note, created_at=row.created_at
    )


def checklist_result(
    review_id: str, row: ChecklistResult, signoffs: Sequence[ChecklistSignoff]
) -> schemas.ChecklistResultOut:
    by_key = {s.item_key: signoff(s).model_dump(mode="json") for s in signoffs}
    items = [dict(item, signoff=by_key.get(item.get("key"))) for item in row.result.get("items", [])]
    return schemas.ChecklistResultOut(
        review_id=review_id,
        checklist=row.slug,
        version=row.version,
        content_hash=row.content_hash,
        counts=dict(row.result.get("counts", {})),
        items=items,
    )
