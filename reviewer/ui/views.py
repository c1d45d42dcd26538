"""View models: rows from the database turned into what the templates show.

Kept apart from the routes so the shaping (what counts as "needs a human", how an audit
trail reads) is testable without HTTP, and templates stay free of logic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reviewer.db.models import ChecklistSignoff, Finding, Review, TriageEvent
from reviewer.findings import Confidence, Severity

TRIAGE_CHOICES = (
    ("confirmed", "Confirm"),
    ("false_positive", "False positive"),
    ("accepted_risk", "Accepted risk"),
    ("fixed", "Fixed"),
    ("open", "Re-open"),
)


@dataclass(frozen=True)
class FindingView:
    id: int
    group_id: int
    rule: str
    category: str
    cwes: tuple[int, ...]
    severity: int
    confidence: int
    path: str
    start_line: int
    end_line: int
    message: str
    fix: str
    snippet: str
    scanners: tuple[str, ...]
    fingerprint: str
    state: str
    state_reason: str | None
    accepted_until: dt.datetime | None
    suppression: str | None
    events: tuple[TriageEvent, ...]

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label

    @property
    def confidence_label(self) -> str:
        return Confidence(self.confidence).label

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None


def finding_view(row: Finding, events: Sequence[TriageEvent]) -> FindingView:
    group = row.group
    suppression = None
    if row.suppression_kind:
        suppression = f"{row.suppression_kind}: {row.suppression_justification or ''}".strip(": ")
    return FindingView(
        id=row.id,
        group_id=row.group_id,
        rule=row.rule,
        category=row.category,
        cwes=tuple(row.cwes or ()),
        severity=row.severity,
        confidence=row.confidence,
        path=row.path,
        start_line=row.start_line,
        end_line=row.end_line,
        message=row.message,
        fix=row.fix,
        snippet=row.snippet,
        scanners=tuple(row.scanners or ()),
        fingerprint=row.fingerprint,
        state=group.state,
        state_reason=group.state_reason,
        accepted_until=group.accepted_until,
        suppression=suppression,
        events=tuple(events),
    )


@dataclass(frozen=True)
class ItemView:
    key: str
    title: str
    category: str | None
    status: str
    evidence: str
    scanners: tuple[str, ...]
    findings: tuple[str, ...]
    finding_links: tuple[tuple[int, str], ...]  # (finding id, rule) of this review's findings
    human_signoff: bool
    signoff: ChecklistSignoff | None

    @property
    def needs_human(self) -> bool:
        """Sign-off is open for items a human must vouch for that no finding failed."""
        return self.status == "needs_human" or (self.human_signoff and self.status != "failed")

    @property
    def display_status(self) -> str:
        return "signed_off" if self.signoff is not None else self.status


def checklist_items(
    result: dict[str, Any], signoffs: Iterable[ChecklistSignoff], findings: Sequence[FindingView]
) -> list[ItemView]:
    by_key = {s.item_key: s for s in signoffs}
    by_fingerprint: dict[str, tuple[int, str]] = {}
    for f in findings:
        by_fingerprint.setdefault(f.fingerprint, (f.id, f.rule))
    items = []
    for raw in result.get("items", []):
        fingerprints = tuple(raw.get("findings", []))
        items.append(
            ItemView(
                key=raw["key"],
                title=raw.get("title", ""),
                category=raw.get("category"),
                status=raw.get("status", "needs_human"),
                evidence=raw.get("evidence", ""),
                scanners=tuple(raw.get("scanners", [])),
                findings=fingerprints,
                finding_links=tuple(by_fingerprint[fp] for fp in fingerprints if fp in by_fingerprint),
                human_signoff=bool(raw.get("human_signoff", False)),
                signoff=by_key.get(raw["key"]),
            )
        )
    return items


@dataclass(frozen=True)
class ChecklistPanel:
    slug: str
    version: str
    items: list[ItemView]

    def counts(self) -> list[tuple[str, int]]:
        """(status, how many) in a fixed order, for the panel's one-line summary."""
        order = ("failed", "needs_human", "signed_off", "passed")
        found = [item.display_status for item in self.items]
        return [(status, found.count(status)) for status in order if status in found]


@dataclass(frozen=True)
class Activity:
    """One line of a review's audit trail: a triage decision or a sign-off."""

    when: dt.datetime
    actor: str
    kind: str  # "triage" | "signoff"
    subject: str
    detail: str
    reason: str
    anchor: str


def activity(
    events: Iterable[tuple[TriageEvent, FindingView]], signoffs: Iterable[ChecklistSignoff]
) -> list[Activity]:
    rows = [
        Activity(
            e.created_at,
            e.actor,
            "triage",
            f"{f.rule} at {f.path}:{f.start_line}",
            f"{e.from_state.replace('_', ' ')} → {e.to_state.replace('_', ' ')}",
            e.reason,
            f"finding-{f.id}",
        )
        for e, f in events
    ]
    rows += [
        Activity(s.created_at, s.actor, "signoff", s.item_key, "signed off", s.note, f"item-{s.item_key}")
        for s in signoffs
    ]
    return sorted(rows, key=lambda a: a.when, reverse=True)


@dataclass(frozen=True)
class ReviewRow:
    """One line of the reviews list."""

    id: str
    title: str | None
    repository: str
    pull_request: int | None
    source: str
    head_sha: str | None
    status: str
    created_at: dt.datetime
    by_severity: tuple[tuple[str, int], ...]
    by_category: tuple[tuple[str, int], ...]

    @property
    def owner(self) -> str:
        return self.repository.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.repository.split("/", 1)[-1]


def review_row(review: Review) -> ReviewRow:
    summary = review.summary or {}
    by_sev = summary.get("by_severity", {}) or {}
    by_cat = summary.get("by_category", {}) or {}
    order = {s.label: -int(s) for s in Severity}
    return ReviewRow(
        id=review.id,
        title=review.title,
        repository=review.repository.full_name,
        pull_request=review.pull_request,
        source=review.source,
        head_sha=review.head_sha,
        status=review.status,
        created_at=review.created_at,
        by_severity=tuple(
            sorted(((k, int(v)) for k, v in by_sev.items() if v), key=lambda kv: order.get(kv[0], 0))
        ),
        by_category=tuple(sorted((k, int(v)) for k, v in by_cat.items() if v)),
    )
