"""JSON: the whole review outcome, sorted keys and sorted findings, for machines and snapshots."""

from __future__ import annotations

import json
from typing import Any

from reviewer.findings import ReviewOutcome
from reviewer.outputs.base import (
    ReportContext,
    blocking,
    checklist_to_dict,
    finding_to_dict,
    notice_to_dict,
    severity_counts,
    status_to_dict,
)

SCHEMA_VERSION = 1


def outcome_to_dict(outcome: ReviewOutcome, context: ReportContext) -> dict[str, Any]:
    active = outcome.active()
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "reviewer", "version": context.tool_version},
        "source": context.source,
        "status": outcome.status,
        "fail_on": context.fail_on.label,
        "summary": {
            "findings": len(active),
            "suppressed": len(outcome.findings) - len(active),
            "blocking": len(blocking(outcome, context.fail_on)),
            "by_severity": severity_counts(active),
            "files_reviewed": outcome.files_reviewed,
            "lines_added": outcome.lines_added,
            "duration_s": round(outcome.duration_s, 3),
        },
        "findings": [finding_to_dict(f) for f in outcome.findings],
        "scanners": [status_to_dict(s) for s in outcome.scanners],
        "notices": [notice_to_dict(n) for n in outcome.notices],
        "checklist": checklist_to_dict(outcome.checklist),
    }


class JsonFormat:
    name = "json"
    media_type = "application/json"

    def render(self, outcome: ReviewOutcome, context: ReportContext) -> str:
        return (
            json.dumps(outcome_to_dict(outcome, context), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        )
