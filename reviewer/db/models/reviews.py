"""Repositories, reviews and what a review found.

A ``FindingGroup`` is one (repository, fingerprint): it carries the triage state across
reviews, so a finding triaged once stays triaged when the same code shows up in a later push.
``TriageEvent`` rows are an append-only audit trail (the ORM refuses to update or delete them).
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reviewer.db.base import Base, BigId, Json, UTCDateTime, new_public_id, utcnow


class ReviewStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETE = "complete"
    PARTIAL = "partial"
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (ReviewStatus.COMPLETE, ReviewStatus.PARTIAL, ReviewStatus.FAILED)


UNFINISHED = (ReviewStatus.QUEUED.value, ReviewStatus.RUNNING.value)


class TriageState(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    ACCEPTED_RISK = "accepted_risk"
    FIXED = "fixed"


class Repository(Base):
    __tablename__ = "repositories"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), unique=True)  # owner/name
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Per-repository policy (threshold, checklist, comment on/off...), owned by its users.
    policy: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)


class Review(Base):
    __tablename__ = "reviews"
    __table_args__ = (
        Index("ix_reviews_repository_created", "repository_id", "created_at"),
        Index("ix_reviews_status", "status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_public_id)
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default=ReviewStatus.QUEUED.value)
    source: Mapped[str] = mapped_column(String(16), default="api")  # api | github | cli
    base_ref: Mapped[str | None] = mapped_column(String(255))
    head_ref: Mapped[str | None] = mapped_column(String(255))
    head_sha: Mapped[str | None] = mapped_column(String(64))
    pull_request: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(500))
    requested_by: Mapped[str | None] = mapped_column(String(200))  # token or user name, for audit
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)  # why a review failed (never a stack trace)
    files_reviewed: Mapped[int] = mapped_column(Integer, default=0)
    lines_added: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[float | None] = mapped_column(Float)
    # Counts for cheap listing: {"total", "active", "suppressed", "by_severity", "by_category"}.
    summary: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    notices: Mapped[list[Any]] = mapped_column(Json, default=list)
    checklist_slug: Mapped[str | None] = mapped_column(String(100))
    checklist_version: Mapped[str | None] = mapped_column(String(50))
    extra: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)  # integration metadata
    # Lease of the one job run (or GitHub report) working on this review: who, and until when.
    # Renewed while it works; an expired lease (its holder died) may be taken over.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    lease_expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    repository: Mapped[Repository] = relationship(lazy="joined")
    findings: Mapped[list[Finding]] = relationship(
        back_populates="review", cascade="all, delete-orphan", passive_deletes=True
    )
    scanner_runs: Mapped[list[ScannerRun]] = relationship(
        back_populates="review", cascade="all, delete-orphan", passive_deletes=True
    )
    # Written with the review in one flush; never loaded through here (it can be megabytes).
    input: Mapped[ReviewInput | None] = relationship(
        lazy="raise", cascade="all, delete-orphan", passive_deletes=True, single_parent=True
    )

    @property
    def status_enum(self) -> ReviewStatus:
        return ReviewStatus(self.status)


class ReviewInput(Base):
    """The change as submitted: diff bytes or a serialised Changeset, zlib-compressed.

    Kept apart from ``reviews`` so that listing reviews never loads megabytes of diff.
    """

    __tablename__ = "review_inputs"

    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    format: Mapped[str] = mapped_column(String(20))  # "diff" | "changeset-json"
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)


class ScannerRun(Base):
    __tablename__ = "scanner_runs"
    __table_args__ = (UniqueConstraint("review_id", "scanner"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    scanner: Mapped[str] = mapped_column(String(50))
    state: Mapped[str] = mapped_column(String(16))
    version: Mapped[str] = mapped_column(String(100), default="")
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    detail: Mapped[str] = mapped_column(Text, default="")
    files_scanned: Mapped[int] = mapped_column(Integer, default=0)
    files_skipped: Mapped[list[Any]] = mapped_column(Json, default=list)

    review: Mapped[Review] = relationship(back_populates="scanner_runs")


class FindingGroup(Base):
    __tablename__ = "finding_groups"
    __table_args__ = (UniqueConstraint("repository_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    repository_id: Mapped[int] = mapped_column(ForeignKey("repositories.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default=TriageState.OPEN.value)
    state_reason: Mapped[str | None] = mapped_column(Text)
    accepted_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    first_seen_review_id: Mapped[str | None] = mapped_column(String(32))
    last_seen_review_id: Mapped[str | None] = mapped_column(String(32))
    first_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    repository: Mapped[Repository] = relationship(lazy="joined")
    events: Mapped[list[TriageEvent]] = relationship(
        back_populates="group", order_by="TriageEvent.id", passive_deletes=True
    )


class Finding(Base):
    """One finding of one review. ``snippet`` is already masked; secrets are kept as a hash."""

    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_review", "review_id"),
        Index("ix_findings_group", "group_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    review_id: Mapped[str] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("finding_groups.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(200))
    scanners: Mapped[list[str]] = mapped_column(Json, default=list)
    category: Mapped[str] = mapped_column(String(32))
    cwes: Mapped[list[int]] = mapped_column(Json, default=list)
    severity: Mapped[int] = mapped_column(SmallInteger)  # reviewer.findings.Severity value
    confidence: Mapped[int] = mapped_column(SmallInteger)  # reviewer.findings.Confidence value
    path: Mapped[str] = mapped_column(Text)
    start_line: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int] = mapped_column(Integer)
    start_col: Mapped[int] = mapped_column(Integer, default=1)
    end_col: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text)
    fix: Mapped[str] = mapped_column(Text, default="")
    snippet: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(64))
    checklist_items: Mapped[list[str]] = mapped_column(Json, default=list)
    secret_hash: Mapped[str | None] = mapped_column(String(128))
    suppression_kind: Mapped[str | None] = mapped_column(String(20))
    suppression_justification: Mapped[str | None] = mapped_column(Text)
    on_changed_line: Mapped[bool] = mapped_column(Boolean, default=True)

    review: Mapped[Review] = relationship(back_populates="findings")
    group: Mapped[FindingGroup] = relationship(lazy="joined")


class TriageEvent(Base):
    """Append-only: who moved a finding group from which state to which, when and why."""

    __tablename__ = "triage_events"
    __table_args__ = (Index("ix_triage_events_group", "group_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("finding_groups.id", ondelete="CASCADE"))
    review_id: Mapped[str | None] = mapped_column(String(32))  # the review it was triaged from
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    accepted_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    group: Mapped[FindingGroup] = relationship(back_populates="events")


@event.listens_for(TriageEvent, "before_update")
@event.listens_for(TriageEvent, "before_delete")
def _refuse_rewriting_history(mapper: Any, connection: Any, target: TriageEvent) -> None:
    raise RuntimeError("triage events are append-only")
