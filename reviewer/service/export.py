"""Rebuild a stored review as the pipeline's value types: the one way back from rows to a
``ReviewOutcome``, for the shared output formats (SARIF...) and the GitHub report alike.

The stored rows carry everything the outcome needs except clear secrets, which are never
stored. Reporting never re-runs scanners: it reads what the review job stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reviewer import __version__
from reviewer.checklists.model import ChecklistResult, ItemResult, ItemStatus
from reviewer.db import review_store
from reviewer.db.models import ChecklistResult as ChecklistResultRow
from reviewer.db.models import Finding as FindingRow
from reviewer.db.models import Review
from reviewer.db.models import ScannerRun as ScannerRunRow
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


def finding_value(row: FindingRow) -> Finding:
    suppression = (
        Suppression(kind=row.suppression_kind, justification=row.suppression_justification or "")
        if row.suppression_kind
        else None
    )
    return Finding(
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
        suppression=suppression,
        on_changed_line=row.on_changed_line,
    )


def scanner_value(row: ScannerRunRow) -> ScannerStatus:
    return ScannerStatus(
        scanner=row.scanner,
        state=ScannerState(row.state),
        version=row.version,
        duration_s=row.duration_s,
        detail=row.detail,
        files_scanned=row.files_scanned,
        files_skipped=tuple((str(a), str(b)) for a, b in row.files_skipped or []),
    )


def _item_value(doc: dict[str, Any]) -> ItemResult:
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


def checklist_value(row: ChecklistResultRow) -> ChecklistResult:
    return ChecklistResult(
        checklist_id=row.slug,
        version=row.version,
        content_hash=row.content_hash,
        items=tuple(_item_value(doc) for doc in row.result.get("items", [])),
    )


def outcome_of(review: Review, *, session: Session) -> ReviewOutcome:
    """The review's outcome as stored: findings, scanner runs, notices and checklist result."""
    findings = (finding_value(r) for r in review_store.findings_of(review.id, session=session))
    checklist = review_store.checklist_result_of(review.id, session=session)
    return ReviewOutcome(
        findings=tuple(sorted(findings, key=lambda f: (*f.sort_key(), f.fingerprint))),
        scanners=tuple(scanner_value(r) for r in review_store.scanner_runs_of(review.id, session=session)),
        notices=tuple(
            Notice(str(n.get("level", "info")), str(n.get("message", "")), n.get("path"))
            for n in review.notices or ()
        ),
        checklist=checklist_value(checklist) if checklist is not None else None,
        files_reviewed=review.files_reviewed,
        lines_added=review.lines_added,
        duration_s=review.duration_s or 0.0,
    )


def sarif_document(review: Review, *, session: Session) -> dict[str, Any]:
    from reviewer.outputs.base import ReportContext
    from reviewer.outputs.sarif import outcome_to_sarif

    context = ReportContext(tool_version=__version__, source=f"review {review.id}")
    return outcome_to_sarif(outcome_of(review, session=session), context)
