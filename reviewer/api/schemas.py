"""Request and response models of the REST API (they make the OpenAPI document complete)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from reviewer.db.models.reviews import ReviewStatus, TriageState

REPO_PATTERN = r"^[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}$"


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[dict[str, str]] | None = Field(default=None, description="422: one entry per invalid field")


class ReviewSubmission(BaseModel):
    """JSON form of a submission. The body may also be the bare diff (``text/x-diff``)."""

    model_config = ConfigDict(extra="forbid")

    diff: str = Field(description="unified diff (git diff / diff -u)", min_length=1)
    repository: str | None = Field(default=None, pattern=REPO_PATTERN, description="owner/name")
    base_ref: str | None = Field(default=None, max_length=255)
    head_ref: str | None = Field(default=None, max_length=255)
    head_sha: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{7,64}$")
    pull_request: int | None = Field(default=None, ge=1, le=2**31 - 1)
    title: str | None = Field(default=None, max_length=500)
    source: Literal["api", "cli", "ci"] = "api"
    checklist: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]{0,63}(@\d+(\.\d+){0,3})?$",
        description="checklist to evaluate: ID or ID@VERSION (e.g. ai-code-security@1.0); "
        "default: the service's",
    )


class ScannerRunOut(BaseModel):
    scanner: str
    state: str
    version: str
    duration_s: float
    detail: str
    files_scanned: int
    files_skipped: list[list[str]]


class ChecklistRef(BaseModel):
    slug: str
    version: str


class ReviewOut(BaseModel):
    id: str
    url: str
    repository: str
    status: ReviewStatus
    source: str
    base_ref: str | None
    head_ref: str | None
    head_sha: str | None
    pull_request: int | None
    title: str | None
    requested_by: str | None
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    error: str | None
    files_reviewed: int
    lines_added: int
    duration_s: float | None
    summary: dict[str, Any]
    notices: list[dict[str, Any]]
    checklist: ChecklistRef | None
    scanners: list[ScannerRunOut] | None = Field(default=None, description="only on a single review")


class ReviewAccepted(BaseModel):
    id: str
    status: ReviewStatus
    url: str


class ReviewPage(BaseModel):
    items: list[ReviewOut]
    total: int
    limit: int
    offset: int


class TriageOut(BaseModel):
    state: TriageState
    reason: str | None
    accepted_until: dt.datetime | None
    updated_at: dt.datetime


class FindingOut(BaseModel):
    id: int
    group_id: int
    rule: str
    scanners: list[str]
    category: str
    cwes: list[int]
    severity: str
    confidence: str
    path: str
    start_line: int
    end_line: int
    start_col: int
    end_col: int
    message: str
    fix: str
    snippet: str = Field(description="matched code; secrets are masked")
    fingerprint: str
    checklist_items: list[str]
    secret: bool = Field(description="a secret was found here (only its hash is stored, never shown)")
    suppression: dict[str, str] | None
    on_changed_line: bool
    triage: TriageOut


class FindingPage(BaseModel):
    items: list[FindingOut]
    total: int


class TriageRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: TriageState
    reason: str = Field(min_length=1, max_length=4000)
    accepted_until: dt.datetime | None = Field(default=None, description="required for accepted_risk")
    review_id: str | None = Field(default=None, max_length=32, description="the review it was triaged from")


class TriageEventOut(BaseModel):
    id: int
    actor: str
    created_at: dt.datetime
    from_state: str
    to_state: str
    reason: str
    accepted_until: dt.datetime | None
    review_id: str | None


class FindingGroupOut(BaseModel):
    id: int
    repository: str
    fingerprint: str
    rule: str
    category: str
    path: str
    triage: TriageOut
    first_seen_review_id: str | None
    last_seen_review_id: str | None
    events: list[TriageEventOut]


class SignoffRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    note: str = Field(default="", max_length=4000)


class SignoffOut(BaseModel):
    item_key: str
    actor: str
    note: str
    created_at: dt.datetime


class ChecklistResultOut(BaseModel):
    review_id: str
    checklist: str
    version: str
    content_hash: str
    counts: dict[str, int]
    items: list[dict[str, Any]] = Field(description="evaluation per item, with its sign-off if any")


class ChecklistSummary(BaseModel):
    id: str
    versions: list[str]
    latest: str


class HealthOut(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
