"""Tables and data access of the GitHub integration. Functions flush; callers commit.

* ``webhook_deliveries``: every ``X-GitHub-Delivery`` seen, so a redelivery is recognised;
* ``github_installations`` / ``github_installation_repositories``: which repositories the App
  is installed on, kept current by installation events;
* ``github_checks``: one pull-request head commit to review and report, with the progress of
  its report (check run id, annotation batches sent, comment id), so each step is done once.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from reviewer.db.base import Base, BigId, Json, UTCDateTime, new_public_id, utcnow


class CheckState(enum.StrEnum):
    QUEUED = "queued"  # accepted from the webhook; nothing sent to GitHub yet
    REVIEWING = "reviewing"  # the change is fetched and stored as a review
    REPORTING = "reporting"  # the review is finished; the report is (being) posted
    DONE = "done"
    SUPERSEDED = "superseded"  # a newer push arrived before this one was fetched
    FAILED = "failed"

    @property
    def finished(self) -> bool:
        return self in (CheckState.DONE, CheckState.SUPERSEDED, CheckState.FAILED)


FINISHED_STATES = tuple(s.value for s in CheckState if s.finished)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_received_at", "received_at"),)

    delivery_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    event: Mapped[str] = mapped_column(String(50))
    action: Mapped[str | None] = mapped_column(String(50))
    repository: Mapped[str | None] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(30), default="received")
    check_id: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class GitHubInstallation(Base):
    __tablename__ = "github_installations"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)  # GitHub's id
    account: Mapped[str] = mapped_column(String(200), default="")
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class GitHubInstallationRepository(Base):
    __tablename__ = "github_installation_repositories"
    __table_args__ = (Index("ix_github_installation_repositories_full_name", "full_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=False)  # GitHub's repo id
    installation_id: Mapped[int] = mapped_column(ForeignKey("github_installations.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(String(200))
    private: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class GitHubCheck(Base):
    """One head commit of one pull request: review it once, report it once."""

    __tablename__ = "github_checks"
    __table_args__ = (
        UniqueConstraint("repository", "pull_number", "head_sha"),
        Index("ix_github_checks_state", "state"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_public_id)  # external_id
    repository: Mapped[str] = mapped_column(String(200))  # owner/name
    pull_number: Mapped[int] = mapped_column(Integer)
    head_sha: Mapped[str] = mapped_column(String(64))
    head_ref: Mapped[str | None] = mapped_column(String(255))
    base_ref: Mapped[str | None] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(500))
    installation_id: Mapped[int | None] = mapped_column(BigId)  # None: personal access token
    delivery_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16), default=CheckState.QUEUED.value)
    review_id: Mapped[str | None] = mapped_column(ForeignKey("reviews.id", ondelete="SET NULL"))
    check_run_id: Mapped[int | None] = mapped_column(BigId)
    batches_sent: Mapped[int] = mapped_column(Integer, default=0)
    reruns: Mapped[int] = mapped_column(Integer, default=0)  # "Re-run" presses: part of external_id
    comment_id: Mapped[int | None] = mapped_column(BigId)
    omissions: Mapped[list[Any]] = mapped_column(Json, default=list)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def state_enum(self) -> CheckState:
        return CheckState(self.state)

    @property
    def external_id(self) -> str:
        """What the check run carries back to us: the check id, and which run of it."""
        return f"{self.id}.{self.reruns}"


def check_id_of(external_id: str) -> str:
    return external_id.split(".", 1)[0][:32]


# -- deliveries --------------------------------------------------------------------------


def record_delivery(
    delivery_id: str, event: str, action: str | None, repository: str | None, *, session: Session
) -> WebhookDelivery | None:
    """Record a delivery; None when this id was seen before (a redelivery)."""
    if session.get(WebhookDelivery, delivery_id) is not None:
        return None
    nested = session.begin_nested()  # a concurrent redelivery loses on the primary key
    row = WebhookDelivery(
        delivery_id=delivery_id, event=event, action=action, repository=repository, received_at=utcnow()
    )
    try:
        session.add(row)
        session.flush()
        nested.commit()
    except IntegrityError:
        nested.rollback()
        return None
    return row


def prune_deliveries(older_than: dt.datetime, *, session: Session) -> int:
    """Forget deliveries older than ``older_than`` (GitHub redelivers for a few days at most)."""
    result = session.execute(delete(WebhookDelivery).where(WebhookDelivery.received_at < older_than))
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


# -- installations -----------------------------------------------------------------------


def upsert_installation(installation_id: int, account: str, *, session: Session) -> GitHubInstallation:
    row = session.get(GitHubInstallation, installation_id)
    if row is None:
        row = GitHubInstallation(id=installation_id, account=account, suspended=False, created_at=utcnow())
        session.add(row)
    row.account = account or row.account
    row.updated_at = utcnow()
    session.flush()
    return row


def delete_installation(installation_id: int, *, session: Session) -> None:
    session.execute(
        delete(GitHubInstallationRepository).where(
            GitHubInstallationRepository.installation_id == installation_id
        )
    )
    session.execute(delete(GitHubInstallation).where(GitHubInstallation.id == installation_id))
    session.flush()


def set_suspended(installation_id: int, suspended: bool, *, session: Session) -> None:
    row = session.get(GitHubInstallation, installation_id)
    if row is not None:
        row.suspended = suspended
        row.updated_at = utcnow()
        session.flush()


def add_repositories(
    installation_id: int, repos: Iterable[tuple[int, str, bool]], *, session: Session
) -> None:
    """Add (or move to this installation) repositories given as (GitHub id, full name, private)."""
    repos = list(repos)
    ids = sorted({repo_id for repo_id, _, _ in repos})
    # one query for the rows that exist, not one per repository (installations may hold hundreds)
    stmt = select(GitHubInstallationRepository).where(GitHubInstallationRepository.id.in_(ids))
    known = {row.id: row for row in session.scalars(stmt)} if ids else {}
    for repo_id, full_name, private in repos:
        row = known.get(repo_id)
        if row is None:
            row = known[repo_id] = GitHubInstallationRepository(id=repo_id, added_at=utcnow())
            session.add(row)
        row.installation_id = installation_id
        row.full_name = full_name
        row.private = private
    session.flush()


def remove_repositories(repo_ids: Iterable[int], *, session: Session) -> None:
    ids = list(repo_ids)
    if ids:
        session.execute(delete(GitHubInstallationRepository).where(GitHubInstallationRepository.id.in_(ids)))
        session.flush()


def installed_repositories(installation_id: int | None = None, *, session: Session) -> Sequence[str]:
    stmt = select(GitHubInstallationRepository.full_name).order_by(GitHubInstallationRepository.full_name)
    if installation_id is not None:
        stmt = stmt.where(GitHubInstallationRepository.installation_id == installation_id)
    return session.scalars(stmt).all()


def installation_suspended(installation_id: int, *, session: Session) -> bool:
    row = session.get(GitHubInstallation, installation_id)
    return bool(row and row.suspended)


# -- checks ------------------------------------------------------------------------------


def find_check(repository: str, pull_number: int, head_sha: str, *, session: Session) -> GitHubCheck | None:
    return session.scalar(
        select(GitHubCheck).where(
            GitHubCheck.repository == repository,
            GitHubCheck.pull_number == pull_number,
            GitHubCheck.head_sha == head_sha,
        )
    )


def add_check(check: GitHubCheck, *, session: Session) -> GitHubCheck | None:
    """Insert a check; None when this head commit of this pull request already has one."""
    if find_check(check.repository, check.pull_number, check.head_sha, session=session) is not None:
        return None
    nested = session.begin_nested()
    try:
        session.add(check)
        session.flush()
        nested.commit()
    except IntegrityError:
        nested.rollback()
        return None
    return check


def lock_check(check_id: str, *, session: Session) -> GitHubCheck | None:
    return session.scalar(
        select(GitHubCheck)
        .where(GitHubCheck.id == check_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def unfinished_check_ids(*, session: Session) -> Sequence[str]:
    return session.scalars(
        select(GitHubCheck.id)
        .where(GitHubCheck.state.not_in(FINISHED_STATES))
        .order_by(GitHubCheck.created_at)
    ).all()
