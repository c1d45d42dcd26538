"""A repository's trends: findings per week by category, share of reviews passing, open findings.

Weekly numbers come from each review's stored ``summary`` (counts of active findings by
severity and category), so a year of history is one indexed query on ``reviews`` and no
join over ``findings``. Weeks start on Monday, in UTC; bucketing is done here, in Python,
so SQLite and PostgreSQL give the same answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.db.models import Finding, FindingGroup, Review
from reviewer.db.models.reviews import ReviewStatus, TriageState
from reviewer.findings import Severity

OPEN_STATES = (TriageState.OPEN.value, TriageState.CONFIRMED.value)
MAX_OPEN_SHOWN = 500


@dataclass(frozen=True)
class ReviewPoint:
    """What the trends need from one review."""

    created_at: dt.datetime
    status: str
    summary: dict[str, Any]


@dataclass
class Week:
    start: dt.date
    by_category: dict[str, int] = field(default_factory=dict)
    reviews: int = 0
    passing: int = 0

    @property
    def label(self) -> str:
        return self.start.strftime("%b %d")

    @property
    def pass_share(self) -> float | None:
        return self.passing / self.reviews if self.reviews else None


def week_start(moment: dt.datetime) -> dt.date:
    day = moment.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def passes(point: ReviewPoint, threshold: Severity) -> bool:
    """A review passes when it finished completely and has no active finding at/above threshold."""
    if point.status != ReviewStatus.COMPLETE.value:
        return False
    by_severity: dict[str, int] = point.summary.get("by_severity", {}) or {}
    for label, count in by_severity.items():
        try:
            severity = Severity.parse(label)
        except ValueError:
            continue
        if severity >= threshold and count:
            return False
    return True


def bucket(points: Iterable[ReviewPoint], *, weeks: int, now: dt.datetime, threshold: Severity) -> list[Week]:
    """``weeks`` consecutive weeks ending with the week of ``now``; unfinished reviews are skipped."""
    last = week_start(now)
    table = {last - dt.timedelta(weeks=i): Week(last - dt.timedelta(weeks=i)) for i in range(weeks)}
    for point in points:
        week = table.get(week_start(point.created_at))
        if week is None or point.status in (ReviewStatus.QUEUED.value, ReviewStatus.RUNNING.value):
            continue
        week.reviews += 1
        week.passing += passes(point, threshold)
        for category, count in (point.summary.get("by_category", {}) or {}).items():
            week.by_category[category] = week.by_category.get(category, 0) + int(count)
    return [table[k] for k in sorted(table)]


def review_points(repository_id: int, since: dt.datetime, *, session: Session) -> list[ReviewPoint]:
    rows = session.execute(
        select(Review.created_at, Review.status, Review.summary)
        .where(Review.repository_id == repository_id, Review.created_at >= since)
        .order_by(Review.created_at)
    )
    return [ReviewPoint(created_at, status, summary or {}) for created_at, status, summary in rows]


@dataclass(frozen=True)
class OpenFinding:
    group_id: int
    finding_id: int
    rule: str
    category: str
    path: str
    line: int
    severity: int
    state: str
    review_id: str
    last_seen_at: dt.datetime

    @property
    def severity_label(self) -> str:
        return Severity(self.severity).label


def open_findings(repository_id: int, *, session: Session) -> Sequence[OpenFinding]:
    """Open or confirmed finding groups, each as last seen; most severe first."""
    rows = session.execute(
        select(FindingGroup, Finding)
        .join(
            Finding,
            (Finding.group_id == FindingGroup.id) & (Finding.review_id == FindingGroup.last_seen_review_id),
        )
        .where(
            FindingGroup.repository_id == repository_id,
            FindingGroup.state.in_(OPEN_STATES),
            Finding.suppression_kind.is_(None),
        )
        .order_by(Finding.severity.desc(), FindingGroup.path, Finding.start_line, Finding.id)
        .limit(MAX_OPEN_SHOWN * 2)
    ).unique()
    seen: set[int] = set()
    out: list[OpenFinding] = []
    for group, finding in rows:
        if group.id in seen:  # a group can match twice in one review (same code on two lines)
            continue
        seen.add(group.id)
        out.append(
            OpenFinding(
                group.id,
                finding.id,
                group.rule,
                group.category,
                group.path,
                finding.start_line,
                finding.severity,
                group.state,
                finding.review_id,
                group.last_seen_at,
            )
        )
    return out[:MAX_OPEN_SHOWN]
