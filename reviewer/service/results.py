"""Store a ReviewOutcome: scanner runs, findings, finding groups and the checklist result.

Idempotent per review: the review's previous results are deleted and re-inserted in the same
transaction, so re-running a job (a redelivered Celery task, a restart) never duplicates rows.
Finding groups are shared across reviews of a repository and keep their triage state; a fixed
finding that shows up again, or an accepted risk past its expiry, is re-opened with an audit event.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models import ChecklistResult, Finding, Review, ScannerRun, TriageEvent
from reviewer.db.models.reviews import ReviewStatus, TriageState
from reviewer.findings import Finding as FindingValue
from reviewer.findings import ReviewOutcome
from reviewer.service.checklist_sync import ensure_checklist

SYSTEM_ACTOR = "system"


def _checklist_items(outcome: ReviewOutcome) -> dict[str, tuple[str, ...]]:
    """Checklist keys per fingerprint, from the evaluated checklist's mapped findings."""
    mapped = getattr(outcome.checklist, "findings", ()) or ()
    return {f.fingerprint: f.checklist_items for f in mapped if f.checklist_items}


def summarise(findings: tuple[FindingValue, ...]) -> dict[str, Any]:
    active = [f for f in findings if not f.suppressed]
    return {
        "total": len(findings),
        "active": len(active),
        "suppressed": len(findings) - len(active),
        "by_severity": dict(sorted(Counter(f.severity.label for f in active).items())),
        "by_category": dict(sorted(Counter(f.category.value for f in active).items())),
    }


def _reopen_if_needed(group: Any, review_id: str, *, session: Session) -> None:
    now = utcnow()
    reason = None
    if group.state == TriageState.FIXED.value:
        reason = f"seen again in review {review_id}"
    elif group.state == TriageState.ACCEPTED_RISK.value and (group.accepted_until or now) < now:
        reason = "accepted risk expired"
    if reason is None:
        return
    session.add(
        TriageEvent(
            group_id=group.id,
            review_id=review_id,
            actor=SYSTEM_ACTOR,
            created_at=now,
            from_state=group.state,
            to_state=TriageState.OPEN.value,
            reason=reason,
        )
    )
    group.state = TriageState.OPEN.value
    group.state_reason = reason
    group.accepted_until = None
    group.updated_at = now


def store_outcome(
    review: Review, outcome: ReviewOutcome, *, session: Session, checklist_source: Any = None
) -> None:
    """Replace the review's results with ``outcome`` and mark it finished (flushes only).

    ``checklist_source`` is the ``Checklist`` the review was evaluated against (stored once per
    version, so the result can point at it)."""
    review_store.clear_results(review.id, session=session)
    review_store.add_all(
        (
            ScannerRun(
                review_id=review.id,
                scanner=s.scanner,
                state=s.state.value,
                version=s.version[:100],
                duration_s=s.duration_s,
                detail=s.detail,
                files_scanned=s.files_scanned,
                files_skipped=[list(x) for x in s.files_skipped],
            )
            for s in outcome.scanners
        ),
        session=session,
    )
    items_by_fp = _checklist_items(outcome)
    specs = {
        f.fingerprint: {"rule": f.rule, "category": f.category.value, "path": f.location.path}
        for f in outcome.findings
    }
    groups = review_store.upsert_groups(review.repository_id, specs, review_id=review.id, session=session)
    for group in groups.values():
        _reopen_if_needed(group, review.id, session=session)
    rows = []
    for f in outcome.findings:
        group = groups[f.fingerprint]
        rows.append(
            Finding(
                review_id=review.id,
                group_id=group.id,
                rule=f.rule,
                scanners=list(f.scanners),
                category=f.category.value,
                cwes=list(f.cwes),
                severity=int(f.severity),
                confidence=int(f.confidence),
                path=f.location.path,
                start_line=f.location.start_line,
                end_line=f.location.end_line,
                start_col=f.location.start_col,
                end_col=f.location.end_col,
                message=f.message,
                fix=f.fix,
                snippet=f.snippet,
                fingerprint=f.fingerprint,
                checklist_items=list(f.checklist_items or items_by_fp.get(f.fingerprint, ())),
                secret_hash=f.secret_hash,
                suppression_kind=f.suppression.kind if f.suppression else None,
                suppression_justification=f.suppression.justification if f.suppression else None,
                on_changed_line=f.on_changed_line,
            )
        )
    review_store.add_all(rows, session=session)
    checklist: Any = outcome.checklist  # reviewer.checklists.model.ChecklistResult
    if checklist is not None:
        stored = ensure_checklist(checklist_source, session=session) if checklist_source else None
        doc = checklist.to_dict()
        session.add(
            ChecklistResult(
                review_id=review.id,
                checklist_id=stored.id if stored else None,
                slug=str(checklist.checklist_id),
                version=str(checklist.version),
                content_hash=str(checklist.content_hash),
                item_statuses={i["key"]: i["status"] for i in doc.get("items", [])},
                result=doc,
            )
        )
        review.checklist_slug = str(checklist.checklist_id)
        review.checklist_version = str(checklist.version)
    review.status = (ReviewStatus.PARTIAL if outcome.partial else ReviewStatus.COMPLETE).value
    review.finished_at = utcnow()
    review.error = None
    review.files_reviewed = outcome.files_reviewed
    review.lines_added = outcome.lines_added
    review.duration_s = outcome.duration_s
    review.summary = summarise(outcome.findings)
    review.notices = [{"level": n.level, "message": n.message, "path": n.path} for n in outcome.notices]
    session.flush()
