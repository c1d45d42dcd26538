"""SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.

Built as plain dicts (the schema is the contract; ``tests/unit/outputs`` validates every shape
against the official OASIS schema). GitHub reads ``properties.tags`` (``security``, ``CWE-89``,
``external/cwe/cwe-89``), ``properties.security-severity``, ``help`` and ``partialFingerprints``;
suppressed findings carry ``suppressions``; scanner failures are tool execution notifications.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from reviewer.findings import Finding, Notice, ReviewOutcome, ScannerState, Severity
from reviewer.outputs.base import ReportContext, checklist_to_dict, cwe_label

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "reviewer/v1"
_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub maps these to critical (>= 9.0), high (7.0-8.9), medium (4.0-6.9), low (< 4.0).
_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
    Severity.INFO: "1.0",
}
_NOTICE_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    return quote(path, safe="/-._~")


def _tags(f: Finding) -> list[str]:
    tags = ["security", f.category.value]
    for cwe in f.cwes:
        tags += [f"CWE-{cwe}", f"external/cwe/cwe-{cwe}"]
    return tags


def _rule(rule_id: str, findings: list[Finding]) -> dict[str, Any]:
    first = findings[0]
    severity = max(f.severity for f in findings)
    cwes = sorted({c for f in findings for c in f.cwes})
    tags = list(dict.fromkeys(t for f in findings for t in _tags(f)))
    help_text = first.fix or first.message
    cwe_line = cwe_label(tuple(cwes))
    markdown = f"{first.message}\n\n**Fix:** {first.fix or 'see the message'}" + (
        f"\n\n**Weakness:** {cwe_line}" if cwe_line else ""
    )
    return {
        "id": rule_id,
        "name": rule_id,
        "shortDescription": {"text": first.message[:200] or rule_id},
        "fullDescription": {"text": first.message or rule_id},
        "help": {"text": help_text or rule_id, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[severity]},
        "properties": {
            "tags": tags,
            "precision": max(f.confidence for f in findings).label,
            "security-severity": _SECURITY_SEVERITY[severity],
            "problem.severity": "error" if severity >= Severity.HIGH else "warning",
            "category": first.category.value,
            "cwe": [f"CWE-{c}" for c in cwes],
        },
    }


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": f.location.start_line,
        "endLine": max(f.location.start_line, f.location.end_line),
        "startColumn": max(1, f.location.start_col),
    }
    if f.location.end_col > 0 and (
        f.location.end_line > f.location.start_line or f.location.end_col > region["startColumn"]
    ):
        region["endColumn"] = f.location.end_col
    if f.snippet:
        region["snippet"] = {"text": f.snippet}
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "kind": "fail",
        "level": _LEVEL[f.severity],
        "message": {"text": f.message + (f" Fix: {f.fix}" if f.fix else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(f.location.path), "uriBaseId": "%SRCROOT%"},
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "scanners": list(f.scanners),
            "category": f.category.value,
            "cwes": [f"CWE-{c}" for c in f.cwes],
            "severity": f.severity.label,
            "confidence": f.confidence.label,
            "checklistItems": list(f.checklist_items),
            "onChangedLine": f.on_changed_line,
        },
    }
    if f.secret_hash:
        result["properties"]["secretHash"] = f.secret_hash
    if f.suppression is not None:
        result["suppressions"] = [
            {
                "kind": "inSource" if f.suppression.kind == "inline" else "external",
                "status": "accepted",
                "justification": f.suppression.justification,
            }
        ]
    return result


def _notification(level: str, text: str, descriptor: str | None, path: str | None = None) -> dict[str, Any]:
    note: dict[str, Any] = {"level": level, "message": {"text": text}}
    if descriptor:
        note["descriptor"] = {"id": descriptor}
    if path:
        note["locations"] = [
            {"physicalLocation": {"artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"}}}
        ]
    return note


def _notifications(outcome: ReviewOutcome) -> list[dict[str, Any]]:
    notes = []
    for status in outcome.scanners:
        if status.state in (ScannerState.FAILED, ScannerState.TIMED_OUT):
            text = f"scanner {status.scanner} {status.state.value}: {status.detail or 'no detail'}"
            notes.append(_notification("error", text, status.scanner))
        for path, reason in status.files_skipped:
            notes.append(
                _notification("warning", f"{status.scanner} skipped {path}: {reason}", status.scanner, path)
            )
    scanner_errors = {n["message"]["text"] for n in notes}
    for notice in outcome.notices:
        if notice.level == "error" and notice.message in scanner_errors:
            continue
        notes.append(_notice(notice))
    return notes


def _notice(notice: Notice) -> dict[str, Any]:
    return _notification(_NOTICE_LEVEL.get(notice.level, "note"), notice.message, None, notice.path)


def outcome_to_sarif(outcome: ReviewOutcome, context: ReportContext) -> dict[str, Any]:
    by_rule: dict[str, list[Finding]] = {}
    for f in outcome.findings:
        by_rule.setdefault(f.rule, []).append(f)
    rule_ids = sorted(by_rule)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "reviewer",
                "version": context.tool_version,
                "semanticVersion": context.tool_version,
                "rules": [_rule(r, by_rule[r]) for r in rule_ids],
            },
            "extensions": [
                {"name": s.scanner, **({"version": s.version} if s.version else {})} for s in outcome.scanners
            ],
        },
        "invocations": [
            {
                "executionSuccessful": not outcome.partial,
                "toolExecutionNotifications": _notifications(outcome),
            }
        ],
        "results": [_result(f, index[f.rule]) for f in outcome.findings],
        "columnKind": "unicodeCodePoints",
        "properties": {"status": outcome.status, "source": context.source},
    }
    checklist = checklist_to_dict(outcome.checklist)
    if checklist is not None:
        run["properties"]["checklist"] = {
            k: checklist[k] for k in ("checklist", "version", "content_hash", "counts") if k in checklist
        }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifFormat:
    name = "sarif"
    media_type = "application/sarif+json"

    def render(self, outcome: ReviewOutcome, context: ReportContext) -> str:
        return (
            json.dumps(outcome_to_sarif(outcome, context), indent=2, sort_keys=True, ensure_ascii=False)
            + "\n"
        )
