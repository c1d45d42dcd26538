"""The output-format Protocol and what every format shares: the report context, the gate
(which findings fail the run) and plain-dict forms of the value types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from reviewer.findings import Finding, Notice, ReviewOutcome, ScannerStatus, Severity


@dataclass(frozen=True)
class ReportContext:
    """What a report needs besides the outcome; built by the caller (CLI, API)."""

    tool_version: str
    fail_on: Severity = Severity.HIGH
    source: str = ""  # what was reviewed, in words ("staged changes", "main...feature")
    color: bool = False


class OutputFormat(Protocol):
    """Renders a review outcome as text; deterministic for the same outcome."""

    name: str
    media_type: str

    def render(self, outcome: ReviewOutcome, context: ReportContext) -> str: ...


def blocking(outcome: ReviewOutcome, fail_on: Severity) -> tuple[Finding, ...]:
    """Active findings on changed lines at or above the threshold: these fail the run."""
    return tuple(
        f for f in outcome.findings if not f.suppressed and f.on_changed_line and f.severity >= fail_on
    )


def other_notices(outcome: ReviewOutcome) -> tuple[Notice, ...]:
    """Notices besides the pipeline's scanner failures, which reports show with the scanners."""
    return tuple(n for n in outcome.notices if not (n.level == "error" and n.message.startswith("scanner ")))


def severity_counts(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, int]:
    counts = {s.label: 0 for s in sorted(Severity, reverse=True)}
    for f in findings:
        counts[f.severity.label] += 1
    return {k: v for k, v in counts.items() if v}


def cwe_label(cwes: tuple[int, ...]) -> str:
    return ", ".join(f"CWE-{c}" for c in cwes)


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "scanners": list(f.scanners),
        "category": f.category.value,
        "cwes": list(f.cwes),
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "path": f.location.path,
        "start_line": f.location.start_line,
        "end_line": f.location.end_line,
        "start_col": f.location.start_col,
        "end_col": f.location.end_col,
        "message": f.message,
        "fix": f.fix,
        "snippet": f.snippet,
        "fingerprint": f.fingerprint,
        "checklist_items": list(f.checklist_items),
        "secret_hash": f.secret_hash,
        "on_changed_line": f.on_changed_line,
        "suppressed": f.suppressed,
        "suppression": (
            {"kind": f.suppression.kind, "justification": f.suppression.justification}
            if f.suppression
            else None
        ),
    }


def status_to_dict(s: ScannerStatus) -> dict[str, Any]:
    return {
        "scanner": s.scanner,
        "state": s.state.value,
        "version": s.version,
        "duration_s": round(s.duration_s, 3),
        "detail": s.detail,
        "files_scanned": s.files_scanned,
        "files_skipped": [{"path": p, "reason": r} for p, r in s.files_skipped],
    }


def notice_to_dict(n: Notice) -> dict[str, Any]:
    return {"level": n.level, "message": n.message, "path": n.path}


def checklist_to_dict(checklist: object | None) -> dict[str, Any] | None:
    to_dict = getattr(checklist, "to_dict", None)
    return to_dict() if callable(to_dict) else None
