"""The reviews list query: the API's filters plus "has a finding at/above a severity / in a category".

Those two extra filters are EXISTS sub-queries over ``findings`` (active findings only), which
SQLite and PostgreSQL both plan well with the ``ix_findings_review`` index; filtering the JSON
summary instead would need a different SQL dialect per backend.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from reviewer.db.models import Finding, Repository, Review
from reviewer.findings import Severity

PAGE_SIZE = 25


@dataclass(frozen=True)
class ListFilter:
    repository: str | None = None
    status: str | None = None
    source: str | None = None
    severity: Severity | None = None
    category: str | None = None


def list_page(
    flt: ListFilter, *, page: int, session: Session, repositories: frozenset[str] | None
) -> tuple[list[Review], bool]:
    """One page of reviews, newest first, and whether an older page exists."""
    stmt = select(Review).join(Repository, Review.repository_id == Repository.id)
    if repositories is not None:
        stmt = stmt.where(Repository.full_name.in_(sorted(repositories)))
    if flt.repository:
        stmt = stmt.where(Repository.full_name == flt.repository)
    if flt.status:
        stmt = stmt.where(Review.status == flt.status)
    if flt.source:
        stmt = stmt.where(Review.source == flt.source)
    if flt.severity is not None or flt.category:
        found = select(Finding.id).where(Finding.review_id == Review.id, Finding.suppression_kind.is_(None))
        if flt.severity is not None:
            found = found.where(Finding.severity >= int(flt.severity))
        if flt.category:
            found = found.where(Finding.category == flt.category)
        stmt = stmt.where(exists(found))
    offset = (max(1, page) - 1) * PAGE_SIZE
    rows = list(
        session.scalars(
            stmt.order_by(Review.created_at.desc(), Review.id).limit(PAGE_SIZE + 1).offset(offset)
        ).unique()
    )
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


def visible_repositories(*, session: Session, repositories: frozenset[str] | None) -> list[str]:
    """Names for the repository filter: those with reviews that the viewer may see."""
    stmt = select(Repository.full_name).distinct().join(Review, Review.repository_id == Repository.id)
    if repositories is not None:
        stmt = stmt.where(Repository.full_name.in_(sorted(repositories)))
    return sorted(session.scalars(stmt.limit(1000)))
