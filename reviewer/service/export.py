"""Rebuild a stored review as the pipeline's value types, for the shared output formats.

SARIF (and any other format in ``reviewer.outputs``) renders a ``ReviewOutcome``; the stored
rows carry everything it needs except clear secrets, which are never stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from reviewer import __version__
from reviewer.db import review_store
from reviewer.db.models import Finding as FindingRow
from reviewer.db.models import Review
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


def outcome_of(review: Review, *, session: Session) -> ReviewOutcome:
    findings = tuple(finding_value(r) for r in review_store.findings_of(review.id, session=session))
    scanners = tuple(
        ScannerStatus(
            scanner=r.scanner,
            state=ScannerState(r.state),
            version=r.version,
            duration_s=r.duration_s,
            detail=r.detail,
            files_scanned=r.files_scanned,
            files_skipped=tuple((str(a), str(b)) for a, b in r.files_skipped or []),
        )
        for r in review_store.scanner_runs_of(review.id, session=session)
    )
    notices = tuple(
        Notice(n.get("level", "info"), n.get("message", ""), n.get("path")) for n in review.notices
    )
    return ReviewOutcome(
        findings=tuple(sorted(findings, key=lambda f: f.sort_key())),
        scanners=scanners,
        notices=notices,
        files_reviewed=review.files_reviewed,
        lines_added=review.lines_added,
        duration_s=review.duration_s or 0.0,
    )


def sarif_document(review: Review, *, session: Session) -> dict[str, Any]:
    from reviewer.outputs.base import ReportContext
    from reviewer.outputs.sarif import outcome_to_sarif

    context = ReportContext(tool_version=__version__, source=f"review {review.id}")
    return outcome_to_sarif(outcome_of(review, session=session), context)
