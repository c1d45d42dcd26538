"""Rebuild a stored review's ``ReviewOutcome`` from its rows, for reporting it (again).

The report step never re-runs scanners: it reads what the review job stored. Findings whose
group was triaged away (false positive, accepted risk not yet expired) come back as
``dismissed`` fingerprints so they do not fail the check run.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reviewer.checklists.model import ChecklistResult, ItemResult, ItemStatus
from reviewer.db import review_store
from reviewer.db.base import utcnow
from reviewer.db.models import Review
from reviewer.db.models.reviews import TriageState
from reviewer.findings import (
    Category,
    Confidence,
    Finding,
    Location,
    Notice,
    ReviewOutcome,
    ScannerState,
    ScannerStatus,
    Severity,
    Suppression,
)


def _item(doc: dict[str, Any]) -> ItemResult:
    category = doc.get("category")
    return ItemResult(
        key=str(doc["key"]),
        status=ItemStatus(doc["status"]),
        findings=tuple(doc.get("findings", ())),
        evidence=str(doc.get("evidence", "")),
        scanners=tuple(doc.get("scanners", ())),
        suppressed=tuple(doc.get("suppressed", ())),
        title=str(doc.get("title", "")),
        category=Category(category) if category else None,
        human_signoff=bool(doc.get("human_signoff", False)),
    )


def load_outcome(review: Review, *, session: Session) -> tuple[ReviewOutcome, frozenset[str]]:
    """The review's outcome as stored, and the fingerprints triaged away."""
    now = utcnow()
    findings: list[Finding] = []
    dismissed: set[str] = set()
    for row in review_store.findings_of(review.id, session=session):
        group = row.group
        if group.state == TriageState.FALSE_POSITIVE.value or (
            group.state == TriageState.ACCEPTED_RISK.value
            and (group.accepted_until is None or group.accepted_until > now)
        ):
            dismissed.add(row.fingerprint)
        findings.append(
            Finding(
                rule=row.rule,
                scanners=tuple(row.scanners),
                category=Category(row.category),
                cwes=tuple(row.cwes),
                severity=Severity(row.severity),
                confidence=Confidence(row.confidence),
                location=Location(row.path, row.start_line, row.end_line, row.start_col, row.end_col),
                message=row.message,
                fix=row.fix,
                snippet=row.snippet,
                fingerprint=row.fingerprint,
                checklist_items=tuple(row.checklist_items),
                secret_hash=row.secret_hash,
                suppression=Suppression(row.suppression_kind, row.suppression_justification or "")
                if row.suppression_kind
                else None,
                on_changed_line=row.on_changed_line,
            )
        )
    scanners = tuple(
        ScannerStatus(
            scanner=run.scanner,
            state=ScannerState(run.state),
            version=run.version,
            duration_s=run.duration_s,
            detail=run.detail,
            files_scanned=run.files_scanned,
        )
        for run in review_store.scanner_runs_of(review.id, session=session)
    )
    checklist = None
    stored = review_store.checklist_result_of(review.id, session=session)
    if stored is not None:
        checklist = ChecklistResult(
            checklist_id=stored.slug,
            version=stored.version,
            content_hash=stored.content_hash,
            items=tuple(_item(doc) for doc in stored.result.get("items", [])),
        )
    notices = tuple(
        Notice(str(n.get("level", "info")), str(n.get("message", "")), n.get("path"))
        for n in review.notices or ()
    )
    outcome = ReviewOutcome(
        findings=tuple(sorted(findings, key=lambda f: (*f.sort_key(), f.fingerprint))),
        scanners=scanners,
        notices=notices,
        checklist=checklist,
        files_reviewed=review.files_reviewed,
        lines_added=review.lines_added,
        duration_s=review.duration_s or 0.0,
    )
    return outcome, frozenset(dismissed)
