"""Data access for repositories, reviews and their results. Functions flush; callers commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, delete, exists, func, select, update
from sqlalchemy.orm import Session

from reviewer.db.base import new_public_id, utcnow
from reviewer.db.models import (
    ChecklistResult,
    ChecklistSignoff,
    Finding,
    FindingGroup,
    Repository,
    Review,
    ReviewInput,
    ScannerRun,
)
from reviewer.db.models.reviews import UNFINISHED, ReviewStatus
from reviewer.errors import NotFound
from reviewer.findings import Severity

# Reviews submitted without a repository belong here. A leading underscore is not a valid
# GitHub owner name, so it never collides with a real repository.
DEFAULT_REPOSITORY = "_local/adhoc"


def _insert_ignoring_conflicts(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: concurrent creators both win."""
    from sqlalchemy.dialects import postgresql, sqlite

    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement: Any = dialect.insert(model).on_conflict_do_nothing()
    for chunk in range(0, len(rows), 500):
        session.execute(statement, rows[chunk : chunk + 500])


def get_or_create_repository(full_name: str, *, session: Session) -> Repository:
    stmt = select(Repository).where(Repository.full_name == full_name)
    repo = session.scalar(stmt)
    if repo is None:
        _insert_ignoring_conflicts(
            session, Repository, [{"full_name": full_name, "policy": {}, "created_at": utcnow()}]
        )
        repo = session.scalar(stmt)
        assert repo is not None
    return repo


def find_repository(full_name: str, *, session: Session) -> Repository | None:
    return session.scalar(select(Repository).where(Repository.full_name == full_name))


def add_review(review: Review, review_input: ReviewInput, *, session: Session) -> Review:
    review.id = review.id or new_public_id()
    review.input = review_input
    session.add(review)
    session.flush()
    return review


def get_review(review_id: str, *, session: Session, repositories: frozenset[str] | None = None) -> Review:
    """The review, or NotFound — also when it belongs to a repository outside ``repositories``."""
    stmt = select(Review).where(Review.id == review_id)
    stmt = _visible(stmt, repositories)
    review = session.scalar(stmt)
    if review is None:
        raise NotFound(f"review {review_id} not found")
    return review


def lock_review(review_id: str, *, session: Session) -> Review | None:
    """Load a review with a row lock (PostgreSQL) so concurrent job runs store one result."""
    return session.scalar(
        select(Review)
        .where(Review.id == review_id)
        .with_for_update(of=Review)
        .execution_options(populate_existing=True)
    )


def get_input(review_id: str, *, session: Session) -> ReviewInput:
    row = session.get(ReviewInput, review_id)
    if row is None:
        raise NotFound(f"input of review {review_id} not found")
    return row


def _visible(stmt: Select, repositories: frozenset[str] | None) -> Select:
    if repositories is None:
        return stmt
    return stmt.join(Repository, Review.repository_id == Repository.id).where(
        Repository.full_name.in_(sorted(repositories))
    )


@dataclass(frozen=True)
class ReviewFilter:
    """Which reviews to list (the API's and the UI's filters); None means "any"."""

    repository: str | None = None
    status: str | None = None
    source: str | None = None
    head_sha: str | None = None
    pull_request: int | None = None
    # "Has an active (not suppressed) finding at/above this severity / in this category": EXISTS
    # sub-queries over ``findings``, which SQLite and PostgreSQL both plan well with the
    # ``ix_findings_review`` index (filtering the JSON summary would need SQL per dialect).
    severity: Severity | None = None
    category: str | None = None


def filtered_reviews(flt: ReviewFilter, *, repositories: frozenset[str] | None = None) -> Select:
    """The query for the reviews ``flt`` selects among ``repositories`` (None = all), unordered.
    The one place the list filters are built: the API's page and the UI's page both use it."""
    stmt = _visible(select(Review), repositories)
    if flt.repository:
        if repositories is None:  # _visible joined Repository already otherwise
            stmt = stmt.join(Repository, Review.repository_id == Repository.id)
        stmt = stmt.where(Repository.full_name == flt.repository)
    if flt.status:
        stmt = stmt.where(Review.status == flt.status)
    if flt.source:
        stmt = stmt.where(Review.source == flt.source)
    if flt.head_sha:
        stmt = stmt.where(Review.head_sha == flt.head_sha)
    if flt.pull_request is not None:
        stmt = stmt.where(Review.pull_request == flt.pull_request)
    if flt.severity is not None or flt.category:
        found = select(Finding.id).where(Finding.review_id == Review.id, Finding.suppression_kind.is_(None))
        if flt.severity is not None:
            found = found.where(Finding.severity >= int(flt.severity))
        if flt.category:
            found = found.where(Finding.category == flt.category)
        stmt = stmt.where(exists(found))
    return stmt


def newest_first(stmt: Select) -> Select:
    return stmt.order_by(Review.created_at.desc(), Review.id)


def list_reviews(
    flt: ReviewFilter,
    *,
    session: Session,
    repositories: frozenset[str] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Review], int]:
    """A page of reviews (newest first) and the total matching count."""
    stmt = filtered_reviews(flt, repositories=repositories)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.scalars(newest_first(stmt).limit(limit).offset(offset))
    return list(rows.unique()), int(total)


def unfinished_review_ids(
    *, session: Session, older_than: dt.datetime | None = None, statuses: Sequence[str] = UNFINISHED
) -> list[str]:
    stmt = select(Review.id).where(Review.status.in_(list(statuses))).order_by(Review.created_at)
    if older_than is not None:
        stmt = stmt.where(Review.created_at < older_than)
    return list(session.scalars(stmt))


def count_by_status(*, session: Session) -> dict[str, int]:
    rows = session.execute(select(Review.status, func.count()).group_by(Review.status))
    return {status: int(n) for status, n in rows}


def clear_results(review_id: str, *, session: Session) -> None:
    """Remove a review's stored results so a re-run replaces them instead of adding to them."""
    session.execute(delete(Finding).where(Finding.review_id == review_id))
    session.execute(delete(ScannerRun).where(ScannerRun.review_id == review_id))
    session.execute(delete(ChecklistResult).where(ChecklistResult.review_id == review_id))
    session.flush()


def upsert_groups(
    repository_id: int, groups: dict[str, dict[str, str]], *, review_id: str, session: Session
) -> dict[str, FindingGroup]:
    """The finding groups for ``{fingerprint: {rule, category, path}}`` in one repository, created on
    first sight (in bulk, conflict-safe) and marked as seen in ``review_id``. Keyed by fingerprint."""
    if not groups:
        return {}
    now = utcnow()
    fingerprints = sorted(groups)

    def load() -> dict[str, FindingGroup]:
        found: dict[str, FindingGroup] = {}
        for chunk in range(0, len(fingerprints), 500):
            stmt = select(FindingGroup).where(
                FindingGroup.repository_id == repository_id,
                FindingGroup.fingerprint.in_(fingerprints[chunk : chunk + 500]),
            )
            found.update((g.fingerprint, g) for g in session.scalars(stmt).unique())
        return found

    found = load()
    missing = [fp for fp in fingerprints if fp not in found]
    if missing:
        rows = [
            {
                "repository_id": repository_id,
                "fingerprint": fp,
                "rule": groups[fp]["rule"],
                "category": groups[fp]["category"],
                "path": groups[fp]["path"],
                "state": "open",
                "first_seen_review_id": review_id,
                "last_seen_review_id": review_id,
                "first_seen_at": now,
                "last_seen_at": now,
                "updated_at": now,
            }
            for fp in missing
        ]
        _insert_ignoring_conflicts(session, FindingGroup, rows)
        found = load()
    for group in found.values():
        group.last_seen_review_id = review_id
        group.last_seen_at = now
    return found


def upsert_group(
    repository_id: int,
    fingerprint: str,
    *,
    rule: str,
    category: str,
    path: str,
    review_id: str,
    session: Session,
) -> FindingGroup:
    """The finding group for (repository, fingerprint), created on first sight."""
    spec = {fingerprint: {"rule": rule, "category": category, "path": path}}
    return upsert_groups(repository_id, spec, review_id=review_id, session=session)[fingerprint]


def add_all(rows: Iterable[object], *, session: Session) -> None:
    session.add_all(list(rows))
    session.flush()


def findings_of(review_id: str, *, session: Session) -> Sequence[Finding]:
    return (
        session.scalars(
            select(Finding)
            .where(Finding.review_id == review_id)
            .order_by(Finding.path, Finding.start_line, Finding.severity.desc(), Finding.rule, Finding.id)
        )
        .unique()
        .all()
    )


def scanner_runs_of(review_id: str, *, session: Session) -> Sequence[ScannerRun]:
    return session.scalars(
        select(ScannerRun).where(ScannerRun.review_id == review_id).order_by(ScannerRun.scanner)
    ).all()


def checklist_result_of(review_id: str, *, session: Session) -> ChecklistResult | None:
    return session.scalar(select(ChecklistResult).where(ChecklistResult.review_id == review_id))


def signoffs_of(review_id: str, *, session: Session) -> Sequence[ChecklistSignoff]:
    return session.scalars(
        select(ChecklistSignoff).where(ChecklistSignoff.review_id == review_id).order_by(ChecklistSignoff.id)
    ).all()


def mark_status(review_id: str, status: ReviewStatus, *, session: Session, error: str | None = None) -> None:
    values: dict[str, object] = {"status": status.value}
    if status.finished:
        values["finished_at"] = utcnow()
    if error is not None:
        values["error"] = error
    session.execute(update(Review).where(Review.id == review_id).values(**values))
    session.flush()


def claim_lease(
    review_id: str,
    owner: str,
    *,
    until: dt.datetime,
    session: Session,
    statuses: Sequence[str] | None = None,
) -> bool:
    """Take the review's lease for ``owner`` unless someone else holds a live one: one conditional
    UPDATE, so of two concurrent claimers exactly one wins (PostgreSQL re-checks the condition
    after waiting for the other's row lock; SQLite has a single writer). ``statuses`` restricts
    which reviews may be claimed (e.g. only unfinished ones)."""
    now = utcnow()
    stmt = (
        update(Review)
        .where(Review.id == review_id)
        .where(
            Review.claimed_by.is_(None)
            | Review.lease_expires_at.is_(None)
            | (Review.lease_expires_at < now)
            | (Review.claimed_by == owner)
        )
        .values(claimed_by=owner, lease_expires_at=until)
        .execution_options(synchronize_session=False)
    )
    if statuses is not None:
        stmt = stmt.where(Review.status.in_(list(statuses)))
    claimed = session.execute(stmt).rowcount == 1
    session.flush()
    return claimed


def renew_lease(review_id: str, owner: str, *, until: dt.datetime, session: Session) -> bool:
    """Extend ``owner``'s lease; False when it was lost (it expired and someone took it over)."""
    stmt = (
        update(Review)
        .where(Review.id == review_id, Review.claimed_by == owner)
        .values(lease_expires_at=until)
        .execution_options(synchronize_session=False)
    )
    return session.execute(stmt).rowcount == 1


def release_lease(review_id: str, owner: str, *, session: Session) -> None:
    stmt = (
        update(Review)
        .where(Review.id == review_id, Review.claimed_by == owner)
        .values(claimed_by=None, lease_expires_at=None)
        .execution_options(synchronize_session=False)
    )
    session.execute(stmt)
    session.flush()
